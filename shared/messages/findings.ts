import type { SchoolLevel } from "../call/schema.ts";
import type { FindingCode } from "../checks/codes.ts";
import type { NameProblem, NameVariation } from "../checks/name-template.ts";
import type { SniffedType } from "../pdf/facts.ts";
import { EXPORT_AS_PDF, UPLOAD_FINDING_TEXT } from "./findings-upload.ts";
import { formatPageList } from "./format.ts";

/**
 * Every applicant-facing text of a finding, in one place (with findings-upload.ts, the texts the upload page needs)
 * so that a reviewer can read and correct all of it without reading code. `message` says what is wrong (expected vs
 * found); `fix` says how to put it right.
 */

export interface FindingText {
  message: string;
  fix: string;
}

/** The parameters each finding's text needs. */
export interface FindingParams {
  NAME_NOT_PDF_EXTENSION: { extension: string };
  /** `template` is the call's name template; `school` the school's registered name when known. */
  NAME_TEMPLATE_MISMATCH: { template: string; school?: string; actual: string; problem: NameProblem };
  NAME_NOT_CANONICAL: { canonical: string; actual: string; variations: NameVariation[] };
  NAME_SCHOOL_MISMATCH: { expected: string; actual: string };
  /** `level` is absent when the school's level is unknown (both levels were searched). */
  MAJOR_NOT_IN_CATALOG: { major: string; level?: SchoolLevel; catalogLabel: string; suggestions: string[] };
  MAJOR_WRONG_LEVEL: { major: string; level: string; foundLevel: string };
  DOCUMENT_TYPE_UNKNOWN: { actual: string; allowed: string[] };
  DEADLINE_PASSED: { deadline: string; submittedAt: string };
  FILE_EMPTY: Record<string, never>;
  FILE_MISSING: Record<string, never>;
  FILE_TOO_LARGE: { size: number; max: number };
  /** `opensInReaders`: for a headerless PDF, whether it opened in the inspection (absent when not tried). */
  FILE_NOT_PDF: { detected: SniffedType; opensInReaders?: boolean };
  PDF_DAMAGED: Record<string, never>;
  PDF_PASSWORD_PROTECTED: Record<string, never>;
  PDF_RESTRICTED: { restrictions: RestrictionKey[] };
  PDF_TOO_MANY_PAGES: { pages: number; max: number; documentLabel: string };
  /**
   * `pages`: pages found by walking the page tree; `declared`: the root's /Count; `linearized`: the linearization
   * dictionary's /N (null when absent or in agreement); `repeated`: listings of a page already listed; `cycles`:
   * references back to an ancestor.
   */
  PDF_PAGE_COUNT_INCONSISTENT: {
    pages: number;
    declared: number | null;
    linearized: number | null;
    repeated: number;
    cycles: number;
  };
  PDF_PAGE_NOT_A4: { pages: number[]; pageCount: number; firstSize: string; expected: string };
  PDF_NO_BOOKMARKS: { documentLabel: string };
  PDF_ACTIVE_CONTENT: { javaScript: boolean; launchAction: boolean };
  PDF_TOO_COMPLEX: Record<string, never>;
  /** `property`: the property's label (see PROPERTY_LABEL); `found`: the other school's name found in it. */
  PDF_METADATA_OTHER_SCHOOL: { property: DocumentPropertyKey; value: string; found: string; school: string };
  /** `title`: the file's Title (null when empty); `suggested`: the official name to set. */
  PDF_TITLE_GENERIC: { title: string | null; suggested: string };
  PDF_DATES_INCONSISTENT: { which: "created" | "modified"; date: string; uploadedAt: string };
  TEXT_LAYER_MISSING: { pages: number[]; pagesExamined: number; checks: string[] };
  BODY_FONT_NOT_FANGSONG: { percent: number; dominant: string };
  BODY_SIZE_NOT_XIAOSI: { percent: number; dominant: number };
  BODY_LEADING_NOT_16PT: { percent: number; dominant: number };
  COVER_FIELD_MISSING: { fields: string[] };
  /** `registered` is false when `expected` comes from the file name (the school is not known). */
  COVER_SCHOOL_MISMATCH: { cover: string; expected: string; registered: boolean };
  COVER_MAJOR_MISMATCH: { cover: string; fileName: string };
  COVER_LEVEL_MISMATCH: { cover: string; registered: string };
  COVER_MAJOR_NOT_IN_CATALOG: { major: string; catalogLabel: string; suggestions: string[] };
  COVER_CATEGORY_MISMATCH: { major: string; cover: string; expected: string };
  COVER_CLASS_MISMATCH: { major: string; cover: string; expected: string };
  DECLARATION_MISSING: Record<string, never>;
  PLAN_HEADING_MISSING: { missing: string[] };
  PLAN_HEADINGS_OUT_OF_ORDER: { found: string[] };
  SCHOOL_NAME_INVALID: { actual: string };
  SCHOOL_LEVEL_INVALID: { actual: string };
  CREDIT_CODE_FORMAT: { actual: string };
  CREDIT_CODE_CHECK_CHARACTER: { actual: string; expectedCharacter: string };
  CONTACT_NAME_INVALID: { actual: string };
  EMAIL_INVALID: { actual: string };
  PHONE_INVALID: { actual: string };
  DETAILS_FIELD_MISSING: { field: DetailsTextField };
  DETAILS_FIELD_TOO_LONG: { field: DetailsTextField; length: number; max: number };
}

/** The document properties the metadata rule reads. */
export type DocumentPropertyKey =
  | "title"
  | "author"
  | "subject"
  | "keywords"
  | "creator"
  | "producer"
  | "xmpTitle"
  | "xmpCreator";

export const PROPERTY_LABEL: Record<DocumentPropertyKey, string> = {
  title: "标题（Title）",
  author: "作者（Author）",
  subject: "主题（Subject）",
  keywords: "关键词（Keywords）",
  creator: "创建程序（Creator）",
  producer: "PDF 生成程序（Producer）",
  xmpTitle: "XMP 标题（dc:title）",
  xmpCreator: "XMP 作者（dc:creator）",
};

/** The summary table's free-text columns, as the notice's 附件3 heads them. */
export type DetailsTextField = "servedMajorGroup" | "partner1" | "partner2";

export const DETAILS_FIELD_LABEL: Record<DetailsTextField, string> = {
  servedMajorGroup: "中心服务专业（群）",
  partner1: "合作企业（1）名称及企业荣誉等",
  partner2: "合作企业（2）名称及企业荣誉等",
};

export type RestrictionKey = "print" | "copy" | "modify" | "annotate" | "fillForms" | "assemble";

const RESTRICTION_LABEL: Record<RestrictionKey, string> = {
  print: "打印",
  copy: "复制文字",
  modify: "修改",
  annotate: "添加批注",
  fillForms: "填写表单",
  assemble: "插入或提取页面",
};

export const FINDING_TEXT: { [C in FindingCode]: (p: FindingParams[C]) => FindingText } = {
  ...UPLOAD_FINDING_TEXT,
  PDF_RESTRICTED: ({ restrictions }) => ({
    message: `PDF 文件设置了权限限制，禁止${restrictions.map((r) => RESTRICTION_LABEL[r]).join("、")}，不便于评审。`,
    fix: "请取消文件的权限密码（在“文档加密”或“安全性”设置中选择“无安全设置”）后重新导出。",
  }),
  PDF_TOO_MANY_PAGES: ({ pages, max, documentLabel }) => ({
    message: `文件共 ${pages} 页，超过${documentLabel} ${max} 页的上限。`,
    fix: `请精简至 ${max} 页以内（删减 ${pages - max} 页以上），优先保留最能证明申报条件的材料。`,
  }),
  PDF_PAGE_COUNT_INCONSISTENT: ({ pages, declared, linearized, repeated, cycles }) => ({
    message: `PDF 文件的页数记录与实际页面不一致：逐页清点页面树共 ${pages} 页，${[
      declared !== null && declared !== pages ? `文件声明的总页数（/Count）为 ${declared} 页` : "",
      declared === null ? "文件没有有效的总页数（/Count）" : "",
      linearized !== null ? `“快速 Web 查看”信息中的页数（/N）为 ${linearized} 页` : "",
      repeated > 0 ? `其中有 ${repeated} 处重复引用同一页面` : "",
      cycles > 0 ? `页面树中有 ${cycles} 处循环引用` : "",
    ]
      .filter(Boolean)
      .join("，")}。不同阅读器和打印机显示的页数可能不同，检查按实际的 ${pages} 页计。`,
    fix: `文件结构可能被工具错误修改。${EXPORT_AS_PDF}`,
  }),
  PDF_PAGE_NOT_A4: ({ pages, pageCount, firstSize, expected }) => ({
    message: `${pages.length === pageCount && pageCount > 1 ? `全部 ${pageCount} 页` : formatPageList(pages)}的页面尺寸不是 ${expected}，例如 ${firstSize}。`,
    fix: "建议将页面设置为 A4 后重新导出；扫描件请选择 A4 纸张。",
  }),
  PDF_NO_BOOKMARKS: ({ documentLabel }) => ({
    message: `${documentLabel}没有书签（目录索引）。通知要求支撑材料设置目录索引。`,
    fix: "建议在 WPS/Word 中使用标题样式后导出 PDF，并勾选“创建书签”；或在 PDF 编辑器中为各部分添加书签。",
  }),
  PDF_ACTIVE_CONTENT: ({ javaScript, launchAction }) => ({
    message: `PDF 文件含有可执行内容（${[
      javaScript ? "JavaScript 脚本" : "",
      launchAction ? "启动外部程序的动作" : "",
    ]
      .filter(Boolean)
      .join("、")}），存在安全风险。`,
    fix: `请不要使用带脚本的表单或模板；${EXPORT_AS_PDF}`,
  }),
  PDF_METADATA_OTHER_SCHOOL: ({ property, value, found, school }) => ({
    message: `PDF 文件属性“${PROPERTY_LABEL[property]}”中出现了其他学校的名称“${found}”（属性值：“${value}”），与申报学校“${school}”不符。文件可能由其他学校的材料修改而来。`,
    fix: "请核对文件内容是否均为本校材料，并在 WPS/Word 的“文件 → 属性”中改正标题、作者等信息后重新导出 PDF。",
  }),
  PDF_TITLE_GENERIC: ({ title, suggested }) => ({
    message:
      title === null
        ? "PDF 文件没有设置标题（Title），阅读器窗口将只显示文件名或“无标题”。"
        : `PDF 文件的标题（Title）为“${title}”，是软件自动生成的通用标题，阅读器窗口会显示它。`,
    fix: `建议在 WPS/Word 的“文件 → 属性 → 标题”中填写“${suggested}”后重新导出 PDF。`,
  }),
  PDF_DATES_INCONSISTENT: ({ which, date, uploadedAt }) => ({
    message: `PDF 文件记录的${which === "created" ? "创建" : "修改"}时间为 ${date}，晚于上传时间 ${uploadedAt}，时间信息不一致。`,
    fix: "请检查生成 PDF 的电脑的日期和时间设置是否正确，改正后重新导出 PDF。",
  }),
  TEXT_LAYER_MISSING: ({ pages, pagesExamined, checks }) => ({
    message: `${pages.length === pagesExamined && pagesExamined > 1 ? `全部 ${pagesExamined} 页` : formatPageList(pages)}为扫描页（没有文字层），无法自动核对：${checks.join("；")}。`,
    fix: "扫描页的内容需由评审人工核对。建议由 WPS/Word 原文件直接导出 PDF（“另存为 PDF”），不要打印后扫描；需要盖章的页面可单独扫描后插入。",
  }),
  BODY_FONT_NOT_FANGSONG: ({ percent, dominant }) => ({
    message: `正文只有 ${percent}% 的文字使用仿宋_GB2312（或仿宋），最多使用的字体是“${dominant}”。填写要求：文字内容的字体为仿宋_GB2312。`,
    fix: "请将正文字体设为“仿宋_GB2312”（没有该字体时可用“仿宋”），然后重新导出 PDF，并在导出时嵌入字体。",
  }),
  BODY_SIZE_NOT_XIAOSI: ({ percent, dominant }) => ({
    message: `正文只有 ${percent}% 的文字为小四号（12 磅），最多使用的字号是 ${dominant} 磅。填写要求：字号为小四号。`,
    fix: "请将正文字号设为“小四”，然后重新导出 PDF。",
  }),
  BODY_LEADING_NOT_16PT: ({ percent, dominant }) => ({
    message: `正文只有 ${percent}% 的行采用 16 磅行距，最常见的行距约为 ${dominant} 磅。填写要求：行距为固定值 16 磅。`,
    fix: "请选中正文，在“段落”设置中将行距设为“固定值”“16 磅”，然后重新导出 PDF。",
  }),
  COVER_FIELD_MISSING: ({ fields }) => ({
    message: `申报书封面（第 1 页）未找到或未填写：${fields.join("、")}。`,
    fix: "请按附件1的封面格式填写全部项目。",
  }),
  COVER_SCHOOL_MISMATCH: ({ cover, expected, registered }) => ({
    message: `申报书封面的申报单位是“${cover}”，与${registered ? "学校登记的名称" : "文件名中的学校名称"}“${expected}”不一致。`,
    fix: "请核对封面的申报单位，填写与公章一致的学校全称；若封面是从其他学校的材料复制的，请逐项重新填写。",
  }),
  COVER_MAJOR_MISMATCH: ({ cover, fileName }) => ({
    message: `申报书封面的申报专业是“${cover}”，与文件名中的专业“${fileName}”不一致。`,
    fix: "封面与文件名应为同一申报专业，请改正其中错误的一处。",
  }),
  COVER_LEVEL_MISMATCH: ({ cover, registered }) => ({
    message: `申报书封面勾选的办学层次是高职（${cover}），与学校登记的“${registered}”不一致。`,
    fix: "请在封面勾选学校实际的办学层次。",
  }),
  COVER_MAJOR_NOT_IN_CATALOG: ({ major, catalogLabel, suggestions }) => ({
    message: `申报书封面的申报专业“${major}”不在${catalogLabel}中。${suggestions.length > 0 ? `是否应为：${suggestions.map((s) => `“${s}”`).join("、")}？` : ""}`,
    fix: `申报专业名称应与${catalogLabel}中的名称完全一致。`,
  }),
  COVER_CATEGORY_MISMATCH: ({ major, cover, expected }) => ({
    message: `申报书封面的申报专业大类“${cover}”与申报专业不符：“${major}”属于“${expected}”。`,
    fix: `请将申报专业大类改为“${expected}”。`,
  }),
  COVER_CLASS_MISMATCH: ({ major, cover, expected }) => ({
    message: `申报书封面的申报专业类“${cover}”与申报专业不符：“${major}”属于“${expected}”。`,
    fix: `请将申报专业类改为“${expected}”。`,
  }),
  DECLARATION_MISSING: () => ({
    message: "申报书中未找到“内容真实性责任声明”。",
    fix: "请保留附件1中的内容真实性责任声明页，由学校盖章、法定代表人签字。",
  }),
  PLAN_HEADING_MISSING: ({ missing }) => ({
    message: `建设方案中未找到附件2提纲要求的标题：${missing.map((h) => `“${h}”`).join("、")}。`,
    fix: "请按附件2的提纲，依次以“一、总体建设目标”至“五、保障措施”五个标题组织建设方案。",
  }),
  PLAN_HEADINGS_OUT_OF_ORDER: ({ found }) => ({
    message: `建设方案的标题顺序与附件2提纲不一致，现为：${found.join(" → ")}。`,
    fix: "请按附件2的顺序排列：一、总体建设目标；二、重点建设任务与举措；三、预期建设成效与主要成果；四、建设资金预算安排；五、保障措施。",
  }),
  SCHOOL_NAME_INVALID: ({ actual }) => ({
    message: `学校名称“${actual}”无效：应为 2 至 50 个字的学校全称，不含空格和标点以外的特殊字符。`,
    fix: "请填写与公章一致的学校全称。",
  }),
  SCHOOL_LEVEL_INVALID: ({ actual }) => ({
    message: `办学层次“${actual}”无效，应为“专科”或“本科”。`,
    fix: "请选择“专科”（高职专科）或“本科”（高职本科）。",
  }),
  CREDIT_CODE_FORMAT: ({ actual }) => ({
    message: `统一社会信用代码“${actual}”格式不正确：应为 18 位，由数字和大写字母组成（不含 I、O、Z、S、V）。`,
    fix: "请对照学校的事业单位法人证书或营业执照重新填写。",
  }),
  CREDIT_CODE_CHECK_CHARACTER: ({ actual, expectedCharacter }) => ({
    message: `统一社会信用代码“${actual}”的校验位不正确：按 GB 32100-2015 计算，第 18 位应为“${expectedCharacter}”。`,
    fix: "代码中可能有字符录入错误，请对照证书逐位核对。",
  }),
  CONTACT_NAME_INVALID: ({ actual }) => ({
    message: `联系人姓名“${actual}”无效。`,
    fix: "请填写联系人的真实姓名（2 至 30 个字）。",
  }),
  EMAIL_INVALID: ({ actual }) => ({
    message: `电子邮箱“${actual}”格式不正确。`,
    fix: "请填写能正常收信的邮箱地址，例如 office@example.edu.cn；回执将发送到该邮箱。",
  }),
  PHONE_INVALID: ({ actual }) => ({
    message: `联系电话“${actual}”格式不正确。`,
    fix: "请填写 11 位手机号码，或带区号的固定电话（如 0371-69691995）。",
  }),
  DETAILS_FIELD_MISSING: ({ field }) => ({
    message: `未填写“${DETAILS_FIELD_LABEL[field]}”。`,
    fix:
      field === "servedMajorGroup"
        ? "请按 2021 年教育部《职业教育专业目录》的专业名称填写实训中心服务的专业（群），例如“数控技术专业群”。"
        : "请填写合作企业的全称，以及企业称号或荣誉（如国家专精特新“小巨人”企业）。",
  }),
  DETAILS_FIELD_TOO_LONG: ({ field, length, max }) => ({
    message: `“${DETAILS_FIELD_LABEL[field]}”共 ${length} 个字，超过 ${max} 个字的上限。`,
    fix: "汇总表每格只需简要填写，详细情况请写在申报书中。",
  }),
};
