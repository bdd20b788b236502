import type { PageRefProblem } from "../application/page-refs.ts";

/**
 * The 申报书 form (通知附件1) in Simplified Chinese: every field's label, keyed by its path with array indices
 * written "[]", and the field-level messages for malformed input.
 */

export const FORM_SECTION_LABELS = {
  basic: "一、基本情况",
  conditions: "二、申报条件",
  centre: "现有实训中心基础情况",
  competitions: "职业院校技能大赛成绩",
  onePlusX: "2023年度1+X证书制度试点工作成效",
  skillsForAll: "2023年度“人人持证、技能河南”建设任务工作成效",
  socialTraining: "面向社会开展职业培训情况",
  funding: "近三年中心经费投入情况",
  plan: "三、建设规划",
  supplement: "补充信息（对照通知申报条件，附件1未设栏目）",
} as const;

const CONTACT = {
  name: "姓名",
  title: "职务",
  officePhone: "办公电话",
  fax: "传真",
  mobile: "手机",
  email: "电子信箱",
} as const;

function person(prefix: string, who: string): Record<string, string> {
  return Object.fromEntries(Object.entries(CONTACT).map(([k, v]) => [`${prefix}.${k}`, `${who}${v}`]));
}

const FUNDING_ROUTES = {
  fiscal: "财政投入",
  operatingIncome: "事业收入投入",
  enterprise: "企业投入",
  donation: "社会捐赠",
};
const PLAN_ROUTES = {
  localFiscal: "市县财政投入",
  schoolOwn: "学校自筹",
  enterprise: "企业投入",
  donation: "社会捐赠",
};

export const FORM_FIELD_LABELS: Record<string, string> = {
  "basic.centreName": "申报实训中心名称",
  "basic.level": "办学层次",
  "basic.major": "申报专业",
  "basic.servedMajorGroup": "中心服务专业（群）",
  "basic.school": "学校基本信息",
  "basic.school.name": "学校名称",
  "basic.school.affiliation": "隶属关系",
  "basic.school.founded": "建校时间",
  "basic.school.nature": "学校性质",
  "basic.school.address": "通讯地址",
  "basic.school.creditCode": "学校统一社会信用代码",
  "basic.school.pages": "学校基本信息佐证材料页码",
  ...person("basic.school.legalRep", "法定代表人"),
  ...person("basic.school.contact", "联系人"),
  "basic.partners": "实训中心合作企业",
  "basic.partners[].name": "合作企业名称",
  "basic.partners[].titles": "企业称号",
  "basic.partners[].honours": "企业称号或荣誉",
  "basic.partners[].founded": "企业成立时间",
  "basic.partners[].nature": "企业性质",
  "basic.partners[].address": "企业通讯地址",
  "basic.partners[].creditCode": "企业统一社会信用代码",
  "basic.partners[].pages": "合作企业基本信息佐证材料页码",
  ...person("basic.partners[].legalRep", "企业法定代表人"),
  ...person("basic.partners[].contact", "企业联系人"),
  "conditions.pages": "申报条件佐证材料页码",
  "conditions.schoolFullTimeStudents": "学校全日制在校生规模",
  "conditions.appliedMajorStudents": "申报专业在校生人数",
  "conditions.groupMajors": "专业群内专业",
  "conditions.groupMajors[].name": "专业群内专业名称",
  "conditions.groupMajors[].students": "专业群内专业在校生人数",
  "conditions.initialEmploymentRate": "专业群初次就业率",
  "conditions.matchedEmploymentRate": "专业群对口就业率",
  "conditions.partners": "实训中心合作企业情况",
  "conditions.partners[].pages": "合作企业情况佐证材料页码",
  "conditions.partners[].industryEducationEnterprise": "是否产教融合型企业",
  "conditions.partners[].industryLeader": "是否行业龙头企业",
  "conditions.partners[].specialisedTitle":
    "是否国家或省专精特新“小巨人”、省级“瞪羚”、国家技术创新示范企业等",
  "conditions.partners[].cooperationSince": "开始合作时间",
  "conditions.partners[].content": "合作内容",
  "conditions.partners[].results": "合作成效",
  "centre.pages": "实训中心基础情况佐证材料页码",
  "centre.buildingAreaM2": "建筑面积",
  "centre.workstations": "实训工位",
  "centre.simulationRooms": "虚拟仿真实训室",
  "centre.digitalResourcesTB": "信息化实训教学资源",
  "centre.equipmentValue": "仪器设备总值",
  "centre.equipmentUnits": "主要仪器设备（含软件）",
  "centre.trainingProjects": "开设实训项目",
  "centre.openingRate": "实验（实训）开出率",
  "centre.teachingTeam": "实训教学师资团队",
  "centre.doubleQualifiedRatio": "中心双师素质教师占比",
  "centre.seniorTitleRatio": "高级职称教师比例",
  "centre.fullTimeManagers": "专职管理人员",
  "centre.managementRules": "实训中心管理制度",
  "centre.trainingGuides": "实训指导教程",
  "centre.studentsPerYear": "承担学生日常教学实训",
  "centre.certificateTrainees": "承担职业技能等级证书培训",
  "centre.serviceIncome": "技术开发、技术咨询、技术服务收入",
  "centre.provincialProjects": "承接行业企业省级及以上横向课题",
  "competitions.pages": "技能大赛佐证材料页码",
  "competitions.awards": "获奖记录",
  "competitions.awards[].year": "获奖年度",
  "competitions.awards[].level": "获奖等级",
  "competitions.awards[].major": "学生所在专业",
  "competitions.awards[].event": "赛项名称",
  "onePlusX.pages": "1+X证书佐证材料页码",
  "onePlusX.assigned": "教育行政部门下达的1+X任务数",
  "onePlusX.certified": "1+X实际取证人数",
  "onePlusX.related": "与申报实训中心专业相关的证书",
  "onePlusX.related[].certificate": "证书名称",
  "onePlusX.related[].holders": "取证人数",
  "onePlusX.related[].pages": "证书佐证材料页码",
  "skillsForAll.pages": "“人人持证、技能河南”佐证材料页码",
  "skillsForAll.training.assigned": "培训下达任务数",
  "skillsForAll.training.completed": "培训实际完成数",
  "skillsForAll.certification.assigned": "取证下达任务数",
  "skillsForAll.certification.completed": "取证实际完成数",
  "skillsForAll.seniorCertification.assigned": "高级工及以上取证下达任务数",
  "skillsForAll.seniorCertification.completed": "高级工及以上取证实际完成数",
  "socialTraining.pages": "面向社会培训佐证材料页码",
  "socialTraining.perYear": "面向社会培训人次",
  "funding.years": "近三年中心经费投入",
  "plan.investment": "投入计划",
  "plan.expectedResults": "预期成效",
  "supplement.pages": "补充信息佐证材料页码",
  "supplement.coreMajorYears": "核心骨干专业设置年限",
  "supplement.coreMajorContinuousEnrolment": "核心骨干专业是否连续招生",
  "supplement.coreMajorGraduatedCohorts": "核心骨干专业毕业生届数",
  "supplement.provincialKeyGroup": "是否省级“双高”专业群或省级示范性专业点",
  "supplement.usableAreaM2": "中心实训室总使用面积",
  "supplement.jointTrainingAgreements": "签有联合培养协议的企业或用人单位",
  "supplement.jointTrainingAgreements[].organisation": "企业或用人单位名称",
  "supplement.jointTrainingAgreements[].graduatedCohorts": "已毕业届数",
  "supplement.teachingCommittee": "是否建立专业教学指导委员会",
  "supplement.leaders": "专业带头人",
  "supplement.leaders[].name": "专业带头人姓名",
  "supplement.leaders[].enterpriseYears": "企业工作或锻炼年限",
  "supplement.coreTeachers": "骨干教师人数",
  "supplement.enterpriseCoreTeachers": "企业兼职骨干教师人数",
  "supplement.instructorSeniorWorkerRatio": "实习指导教师中高级工以上比例",
  "supplement.enterpriseTeachingShare": "企业承担的教学任务量占比",
  "supplement.hostedCompetition": "是否承办过本专业（群）国家或省级技能大赛相关赛项",
};

export const FUNDING_ROUTE_LABELS: Record<string, string> = FUNDING_ROUTES;
export const PLAN_ROUTE_LABELS: Record<string, string> = PLAN_ROUTES;

/** A field's label from its path ("basic.partners.1.creditCode" → "合作企业（2）企业统一社会信用代码"). */
export function fieldLabel(path: readonly (string | number)[]): string {
  const key = path
    .map((p) => (typeof p === "number" ? "[]" : p))
    .join(".")
    .replaceAll(".[]", "[]");
  const direct = FORM_FIELD_LABELS[key];
  const partnerIndex =
    path[0] === "basic" && path[1] === "partners" && typeof path[2] === "number" ? path[2] : -1;
  const conditionPartner =
    path[0] === "conditions" && path[1] === "partners" && typeof path[2] === "number" ? path[2] : -1;
  const index = partnerIndex >= 0 ? partnerIndex : conditionPartner;
  const prefix = index >= 0 ? `合作企业（${index + 1}）` : "";
  if (direct) return `${prefix}${direct.replace(/^合作企业/, "")}`;
  // Year-keyed figures: "socialTraining.perYear.2021", "funding.years.2021.fiscal", "plan.investment.2024.schoolOwn".
  const [section, group, year, route] = path.map(String);
  if (section === "socialTraining" && group === "perYear" && year) return `${year}年面向社会培训人次`;
  if (section === "funding" && group === "years" && year) {
    return `${year}年中心经费投入${route ? `（${FUNDING_ROUTES[route as keyof typeof FUNDING_ROUTES] ?? route}）` : ""}`;
  }
  if (section === "plan" && group === "investment" && year) {
    return `${year}年投入计划${route ? `（${PLAN_ROUTES[route as keyof typeof PLAN_ROUTES] ?? route}）` : ""}`;
  }
  return path.join(".");
}

export const FORM_MESSAGES = {
  notANumber: "应填写数字，例如 15000、15,000 或 1.5万。",
  negative: "不能为负数。",
  notAnInteger: "应为整数。",
  percentOutOfRange: "百分比应在 0 到 100 之间。",
  tooLong: (max: number) => `内容过长，最多 ${max} 个字符。`,
  notYesNo: "请选择“是”或“否”。",
  badChoice: (allowed: readonly string[]) => `请从以下选项中选择：${allowed.join("、")}。`,
  badDate: "日期格式应为 2010、2010-09 或 2010-09-01。",
  badYear: "年份应为四位数字，例如 2023。",
  badEmail: "电子信箱格式不正确。",
  badPhone: "电话号码格式不正确，例如 0371-12345678 或 13812345678。",
  tooManyPartners: "合作企业最多填写 2 家。",
  tooManyGroupMajors: "专业群内专业最多填写 5 个。",
  tooManyRows: (max: number) => `最多填写 ${max} 项。`,
  creditCodeFormat: (code: string) =>
    `统一社会信用代码“${code}”格式不正确：应为 18 位数字或大写字母（不含 I、O、Z、S、V）。`,
  creditCodeCheck: (code: string, expected: string) =>
    `统一社会信用代码“${code}”的校验位不正确：按 GB 32100-2015 计算，最后一位应为“${expected}”，请核对是否抄错。`,
  pageRef: (problem: PageRefProblem): string => {
    switch (problem.kind) {
      case "empty":
        return "页码为空；请填写佐证材料中的页码，例如“12”“12-14”“12、15”。";
      case "unreadable":
        return `无法识别页码“${problem.part}”；请填写数字页码，例如“12”“12-14”“12、15”“第12页”。`;
      case "zero":
        return `页码“${problem.part}”有误：页码从 1 开始。`;
      case "reversed":
        return `页码范围“${problem.part}”前大后小，请改为从小到大，例如“12-14”。`;
      case "too-wide":
        return `页码范围“${problem.part}”过大（一次最多 ${problem.max} 页），请核对。`;
      case "too-large":
        return `页码“${problem.part}”过大（最大 ${problem.max}），请核对。`;
    }
  },
  unknownField: "表单中没有此项。",
  invalid: "填写内容不正确。",
  /** The `complete` check: a field a finished 申报书 needs. */
  missing: (label: string) => `尚未填写“${label}”。`,
  missingPartner: (n: number) => `尚未填写合作企业（${n}）的信息。`,
} as const;
