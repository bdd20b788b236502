import type { ApplicationForm, ApplicationFormInput } from "../../../shared/application/form.ts";
import { parseApplicationForm } from "../../../shared/application/form-parse.ts";
import { computeCheckCharacter } from "../../../shared/checks/credit-code.ts";

export const withCheck = (first17: string): string => first17 + computeCheckCharacter(first17);

export const SCHOOL_CODE = withCheck("12410000MB1234567");
export const PARTNER1_CODE = withCheck("91410100MA44ABCD1");
export const PARTNER2_CODE = withCheck("91410300MA9XYW123");

/**
 * A realistic 申报书 (a fictional 郑州 college, 会计信息管理, 财经商贸大类) that meets conditions 1–4 and exactly four
 * of 5–10: 5, 6, 7 and 8. Condition 9 misses the 2021 social-training figure (860 人次 < 1000) and condition 10 has
 * no full-time manager.
 */
export function passingInput(): ApplicationFormInput {
  return {
    basic: {
      centreName: "河南省职业教育高水平专业化产教融合实训中心建设（会计信息管理专业）",
      level: "专科",
      major: "会计信息管理",
      servedMajorGroup: "会计信息管理专业群",
      school: {
        name: "郑州示例职业技术学院",
        affiliation: "河南省教育厅",
        founded: "1998年9月",
        nature: "公办",
        address: "郑州市金水区示例路1号",
        creditCode: SCHOOL_CODE,
        pages: "第1页",
        legalRep: { name: "王建国", title: "院长", officePhone: "0371-61234567" },
        contact: {
          name: "李敏",
          title: "教务处处长",
          officePhone: "0371-61234568",
          mobile: "13812345678",
          email: "limin@example.edu.cn",
        },
      },
      partners: [
        {
          name: "河南示例数智科技有限公司",
          titles: ["国家专精特新“小巨人”企业"],
          honours: "河南省数字化转型示范企业",
          founded: "2012-05-18",
          nature: "民营企业",
          creditCode: PARTNER1_CODE,
          pages: "2",
          legalRep: { name: "赵刚", title: "董事长" },
          contact: { name: "钱芳", mobile: "13912345678" },
        },
        {
          name: "中原示例财务软件股份有限公司",
          titles: ["中国500强企业"],
          founded: "2005",
          nature: "股份有限公司",
          creditCode: PARTNER2_CODE,
          pages: "P3",
          legalRep: { name: "孙亮", title: "总经理" },
          contact: { name: "周洁", mobile: "13712345678" },
        },
      ],
    },
    conditions: {
      pages: "4-5",
      schoolFullTimeStudents: "16,500",
      appliedMajorStudents: 1200,
      groupMajors: [
        { name: "大数据与会计", students: 1100 },
        { name: "财务管理", students: "900" },
      ],
      initialEmploymentRate: "92.5%",
      matchedEmploymentRate: 81,
      partners: [
        {
          pages: "6",
          industryEducationEnterprise: "是",
          industryLeader: "否",
          specialisedTitle: true,
          cooperationSince: "2018-09",
          content: "共建财务共享中心实训室",
          results: "订单班三届",
        },
        {
          pages: "7",
          industryEducationEnterprise: false,
          industryLeader: true,
          specialisedTitle: false,
          cooperationSince: "2019",
        },
      ],
    },
    centre: {
      pages: "8、9",
      buildingAreaM2: 1800,
      workstations: 420,
      equipmentValue: "86.5",
      equipmentUnits: 460,
      trainingProjects: 52,
      openingRate: "100%",
      teachingTeam: 38,
      doubleQualifiedRatio: 62,
      seniorTitleRatio: 31,
      fullTimeManagers: 0,
      managementRules: 12,
      trainingGuides: 6,
    },
    competitions: {
      pages: "10-12",
      awards: [
        { year: 2023, level: "国家级三等奖", major: "会计信息管理" },
        { year: "2022年", level: "省级一等奖", major: "大数据与会计" },
        { year: 2021, level: "省级一等奖", major: "会计信息管理" },
        { year: 2022, level: "省级二等奖", major: "财务管理" },
      ],
    },
    onePlusX: {
      pages: "13",
      assigned: 300,
      certified: 342,
      related: [{ certificate: "业财一体信息化应用", holders: 120, pages: "14" }],
    },
    skillsForAll: {
      pages: "15",
      training: { assigned: 500, completed: 520 },
      certification: { assigned: 300, completed: 310 },
      seniorCertification: { assigned: 50, completed: 52 },
    },
    socialTraining: { pages: "16", perYear: { "2021": 860, "2022": 1500, "2023": 2100 } },
    funding: {
      years: {
        "2021": { fiscal: 0 },
        "2022": { fiscal: 0 },
        "2023": { fiscal: 0, operatingIncome: 0, enterprise: 0, donation: 0 },
      },
    },
    plan: {
      investment: {
        "2024": { localFiscal: 100, schoolOwn: 200 },
        "2025": { schoolOwn: 150, enterprise: 80 },
      },
      expectedResults: "建成省内一流的智能财税产教融合实训中心。",
    },
    supplement: {
      pages: "17-18",
      coreMajorYears: 12,
      coreMajorContinuousEnrolment: "是",
      coreMajorGraduatedCohorts: 9,
      provincialKeyGroup: true,
      usableAreaM2: 1500,
      jointTrainingAgreements: [
        { organisation: "河南示例数智科技有限公司", graduatedCohorts: 3 },
        { organisation: "中原示例财务软件股份有限公司", graduatedCohorts: 1 },
      ],
      teachingCommittee: true,
      leaders: [{ name: "陈静", enterpriseYears: 3 }],
      coreTeachers: 9,
      enterpriseCoreTeachers: 3,
      instructorSeniorWorkerRatio: 85,
      enterpriseTeachingShare: "35%",
      hostedCompetition: true,
    },
  };
}

export function parse(input: ApplicationFormInput): ApplicationForm {
  const parsed = parseApplicationForm(input);
  if (!parsed.ok) throw new Error(`fixture does not parse: ${JSON.stringify(parsed.findings)}`);
  return parsed.form;
}
