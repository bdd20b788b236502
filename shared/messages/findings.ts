import type { SchoolLevel } from "../call/schema.ts";
import type { FindingCode } from "../checks/codes.ts";
import type { NameProblem, NameVariation } from "../checks/name-template.ts";
import type { SniffedType } from "../pdf/facts.ts";
import { formatBytes, formatPageList } from "./format.ts";

/**
 * Every applicant-facing text of a finding, in one place so that a reviewer can read and correct all of it
 * without reading code. `message` says what is wrong (expected vs found); `fix` says how to put it right.
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

const SNIFFED_LABEL: Record<SniffedType, string> = {
  docx: "Word 文档（.docx）",
  xlsx: "Excel 表格（.xlsx）",
  pptx: "PowerPoint 演示文稿（.pptx）",
  zip: "压缩包（.zip）",
  ofd: "OFD 版式文件",
  ole: "旧版 Office 文档（.doc/.xls/.wps）",
  png: "PNG 图片",
  jpeg: "JPEG 图片",
  gif: "GIF 图片",
  tiff: "TIFF 图片",
  rar: "RAR 压缩包",
  "7z": "7z 压缩包",
  html: "网页文件（HTML）",
  "pdf-headerless": "缺少文件头（%PDF-）的 PDF",
  text: "纯文本文件",
  unknown: "无法识别的文件",
};

/** How the notice writes the name's blanks: "××学校…（××专业）". */
const NAME_BLANK = { school: "××学校", major: "××" };

/** The name the call asks for, with the school's own name when known: "河南工业职业技术学院…（××专业）.pdf". */
export function nameExample(template: string, school?: string): string {
  return `${template.replace("{school}", () => school ?? NAME_BLANK.school).replace("{major}", () => NAME_BLANK.major)}.pdf`;
}

/** A space between Chinese text and a following Latin letter or digit, as in "不在 2021 年…". */
function spaceBefore(text: string): string {
  return /^[A-Za-z0-9]/.test(text) ? ` ${text}` : text;
}

function nameProblemText(problem: NameProblem): string {
  switch (problem.kind) {
    case "empty":
      return "文件名为空";
    case "missing-school":
      return "缺少学校名称";
    case "missing-major":
      return "缺少专业名称";
    case "missing-fixed-text":
      return `缺少或写错了固定文字“${problem.text}”`;
    case "trailing-text":
      return `规定格式之后多出了“${problem.text}”`;
  }
}

const NAME_VARIATION_TEXT: Record<NameVariation, string> = {
  "bracket-width": "括号的全角、半角与规范写法不同",
  whitespace: "含有多余空格",
  "extension-case": "扩展名应为小写“.pdf”",
  "repeated-extension": "扩展名“.pdf”重复",
  "copy-suffix": "带有重复下载或复制产生的编号（如“(1)”“副本”）",
  "extra-group": "含有多余的“（……专业）”，已按最后一个括号中的专业识别",
  "character-form": "含有全角字母数字或编码形式不同的字符",
};

const EXPORT_AS_PDF = "请用 WPS 或 Microsoft Office 的“另存为/输出为 PDF”功能重新生成 PDF 文件后再上传。";

/** The short expected/found values some findings carry beside their message (`--json`, the API, receipts' data). */
export const FINDING_VALUES = {
  zeroBytes: "0 字节",
  pages: (count: number) => `${count} 页`,
  atMostPages: (max: number) => `≤ ${max} 页`,
  noRestrictions: "无权限限制",
  withBookmarks: "有书签",
  withoutBookmarks: "无书签",
  noActiveContent: "无可执行内容",
  paperSize: (name: string, widthMm: number, heightMm: number) => `${name}（${widthMm}×${heightMm} mm）`,
  pageSize: (widthMm: number, heightMm: number, page: number) => `${widthMm}×${heightMm} mm（第 ${page} 页）`,
} as const;

export const FINDING_TEXT: { [C in FindingCode]: (p: FindingParams[C]) => FindingText } = {
  NAME_NOT_PDF_EXTENSION: ({ extension }) => ({
    message: `文件扩展名应为“.pdf”，实际为${extension ? `“${extension}”` : "空（文件名没有扩展名）"}。`,
    fix: "请上传 PDF 格式的文件，并确保文件名以“.pdf”结尾。",
  }),
  NAME_TEMPLATE_MISMATCH: ({ template, school, actual, problem }) => ({
    message: `文件名不符合通知要求的命名格式：${nameProblemText(problem)}。要求：“${nameExample(template, school)}”，实际：“${actual}”。`,
    fix: `请按“${nameExample(template)}”的格式重命名文件，学校名称和专业名称填写完整。`,
  }),
  NAME_NOT_CANONICAL: ({ canonical, actual, variations }) => ({
    message: `文件名可以识别，但与规范写法不完全一致（${variations.map((v) => NAME_VARIATION_TEXT[v]).join("；")}）。规范写法：“${canonical}”，实际：“${actual}”。`,
    fix: `建议将文件重命名为“${canonical}”。`,
  }),
  NAME_SCHOOL_MISMATCH: ({ expected, actual }) => ({
    message: `文件名中的学校名称应为“${expected}”，实际为“${actual}”。`,
    fix: "请使用本校在系统中登记的全称命名文件；如登记名称有误，请联系主管部门更正。",
  }),
  MAJOR_NOT_IN_CATALOG: ({ major, level, catalogLabel, suggestions }) => ({
    message: `专业名称“${major}”不在${spaceBefore(catalogLabel)}${level ? `（${level}）` : ""}中。`,
    fix:
      suggestions.length > 0
        ? `专业名称须与目录一致，您是否要填写：${suggestions.map((s) => `“${s}”`).join("、")}？`
        : `请按${spaceBefore(catalogLabel)}中的规范名称填写专业。`,
  }),
  MAJOR_WRONG_LEVEL: ({ major, level, foundLevel }) => ({
    message: `专业“${major}”属于${foundLevel}专业目录，不在本校办学层次（${level}）的目录中。`,
    fix: `请填写${level}专业目录中的专业名称；如本校办学层次登记有误，请联系主管部门更正。`,
  }),
  DOCUMENT_TYPE_UNKNOWN: ({ actual, allowed }) => ({
    message: `材料类型“${actual}”不是本次申报接收的类型。可选类型：${allowed.join("、")}。`,
    fix: "请选择正确的材料类型后重新提交。",
  }),
  DEADLINE_PASSED: ({ deadline, submittedAt }) => ({
    message: `申报截止时间为 ${deadline}，本次提交时间为 ${submittedAt}，已超过截止时间。`,
    fix: "截止时间后不再受理新的材料；如有特殊情况，请联系主管部门。",
  }),
  FILE_EMPTY: () => ({
    message: "文件为空（0 字节）。",
    fix: "请检查文件是否完整导出，重新选择正确的文件上传。",
  }),
  FILE_MISSING: () => ({
    message: "上传的文件在检查前已不存在（可能已被删除），无法检查。",
    fix: "请重新申请上传链接并再次上传文件。",
  }),
  FILE_TOO_LARGE: ({ size, max }) => ({
    // Just over the limit, both sizes round to the same text ("100 MB"); then the bytes say it.
    message:
      formatBytes(size) === formatBytes(max)
        ? `文件大小为 ${size} 字节，超过 ${max} 字节（${formatBytes(max)}）的上限。`
        : `文件大小为 ${formatBytes(size)}，超过 ${formatBytes(max)} 的上限。`,
    fix: "请压缩文件中的图片（如导出 PDF 时选择“标准”或“最小文件大小”），或降低扫描分辨率（300 dpi 已足够清晰）后重新生成。",
  }),
  FILE_NOT_PDF: ({ detected, opensInReaders }) =>
    detected === "pdf-headerless"
      ? {
          message: `文件是${SNIFFED_LABEL[detected]}：内容是 PDF，但开头缺少“%PDF-”文件头，不是完整有效的 PDF 文件。${
            opensInReaders === undefined
              ? ""
              : opensInReaders
                ? "部分阅读器能打开它，但其他阅读器、打印和归档系统可能拒收。"
                : "检查时也无法打开。"
          }`,
          fix: `文件可能在下载、复制或转换时被截去了开头。请重新获取原文件，或${EXPORT_AS_PDF}`,
        }
      : {
          message: `文件内容不是 PDF，检测到的是：${SNIFFED_LABEL[detected]}。仅修改扩展名不能把文件变成 PDF。`,
          fix: EXPORT_AS_PDF,
        },
  PDF_DAMAGED: () => ({
    message: "PDF 文件已损坏或不完整，无法读取。",
    fix: `请确认文件能在阅读器中正常打开；若下载或复制过程中断，请重新导出。${EXPORT_AS_PDF}`,
  }),
  PDF_PASSWORD_PROTECTED: () => ({
    message: "PDF 文件设置了打开密码，评审专家无法打开。",
    fix: "请取消文件的打开密码（在 WPS/Acrobat 的“文档加密”或“安全性”设置中选择“无安全设置”）后重新导出。",
  }),
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
  PDF_TOO_COMPLEX: () => ({
    message: "PDF 文件结构异常，无法在限定的时间和内存内完成检查。",
    fix: `文件可能已损坏或含有异常内容。${EXPORT_AS_PDF}`,
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
