import type { FindingCode } from "../checks/codes.ts";
import type { NameProblem, NameVariation } from "../checks/name-template.ts";
import type { SniffedType } from "../pdf/facts.ts";
import type { FindingParams, FindingText } from "./findings.ts";
import { formatBytes } from "./format.ts";

/**
 * The texts of the findings a browser can reach before any byte is sent: the rules of shared/checks/upload-rules.ts
 * (name, major, document type, deadline, size, and what a file's first bytes prove). Apart from findings.ts, which
 * holds every other finding's text, so that the upload page carries only these.
 */

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

export const EXPORT_AS_PDF =
  "请用 WPS 或 Microsoft Office 的“另存为/输出为 PDF”功能重新生成 PDF 文件后再上传。";

/** The codes the before-upload rules may report. */
export type UploadFindingCode = Extract<
  FindingCode,
  | "NAME_NOT_PDF_EXTENSION"
  | "NAME_TEMPLATE_MISMATCH"
  | "NAME_NOT_CANONICAL"
  | "NAME_SCHOOL_MISMATCH"
  | "MAJOR_NOT_IN_CATALOG"
  | "MAJOR_WRONG_LEVEL"
  | "DOCUMENT_TYPE_UNKNOWN"
  | "DEADLINE_PASSED"
  | "FILE_EMPTY"
  | "FILE_MISSING"
  | "FILE_TOO_LARGE"
  | "FILE_NOT_PDF"
  | "PDF_DAMAGED"
  | "PDF_PASSWORD_PROTECTED"
  | "PDF_TOO_COMPLEX"
>;

export const UPLOAD_FINDING_TEXT: { [C in UploadFindingCode]: (p: FindingParams[C]) => FindingText } = {
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
  PDF_TOO_COMPLEX: () => ({
    message: "PDF 文件结构异常，无法在限定的时间和内存内完成检查。",
    fix: `文件可能已损坏或含有异常内容。${EXPORT_AS_PDF}`,
  }),
};
