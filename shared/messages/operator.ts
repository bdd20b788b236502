/** What the operator's commands print (schools import/invite, submissions, export, dlq, remind), in one place. */

import type { Severity } from "../checks/finding.ts";
import type { RosterField } from "../schools/roster.ts";

const FIELD_LABEL: Record<RosterField, string> = {
  name: "学校名称",
  creditCode: "统一社会信用代码",
  level: "办学层次",
  contactName: "联系人",
  email: "电子邮箱",
  phone: "联系电话",
};

/** `shenbao schools import` */
export const IMPORT_TEXT = {
  fieldLabel: FIELD_LABEL,
  unsupportedFile: (file: string) =>
    `无法导入“${file}”：只支持 .csv 和 .xlsx 文件。旧版 .xls 请在 Excel 中“另存为” .xlsx 后再导入。`,
  unreadable: (file: string, reason: string) => `无法读取文件“${file}”：${reason}`,
  noWorksheet: (file: string) => `“${file}”中没有任何工作表。`,
  empty: (file: string) => `“${file}”中没有任何数据。`,
  missingColumns: (line: number, missing: RosterField[]) =>
    `第 ${line} 行不是完整的表头：缺少${missing.map((f) => `“${FIELD_LABEL[f]}”`).join("、")}列。` +
    `表头应包含：${Object.values(FIELD_LABEL).join("、")}（也可用英文 name, creditCode, level, contactName, email, phone）。`,
  duplicateColumn: (line: number, label: string, columns: string[]) =>
    `第 ${line} 行的表头中有 ${columns.length} 列都表示“${label}”（${columns.join("、")}），请只保留一列。`,
  duplicateCode: (code: string, firstLine: number) => `统一社会信用代码 ${code} 与第 ${firstLine} 行重复。`,
  duplicateName: (name: string, firstLine: number) => `学校名称“${name}”与第 ${firstLine} 行重复。`,
  alreadyRegistered: (code: string, name: string) =>
    `统一社会信用代码 ${code} 已登记（${name}）。如只需导入新学校，请加 --skip-existing。`,
  nameRegisteredWithOtherCode: (name: string, code: string) =>
    `“${name}”已以统一社会信用代码 ${code} 登记；本行的代码与之不同，请核对。`,
  problemLine: (line: number, field: string | undefined, message: string) =>
    `  第 ${line} 行${field ? `【${field}】` : ""}：${message}`,
  rejected: (rows: number, badRows: number, problems: number) =>
    `共 ${rows} 行数据，其中 ${badRows} 行有 ${problems} 处问题，未导入任何学校。请修改后重新导入。`,
  ignoredColumns: (columns: string[]) => `以下列不会导入：${columns.join("、")}`,
  tokensFileExists: (file: string) => `文件“${file}”已存在；为免覆盖其中的令牌，请换一个文件名或先移走它。`,
  nothingToImport: "没有需要导入的学校。",
  dryRun: (register: number, skipped: number) =>
    `检查通过：将导入 ${register} 所学校${skipped ? `，跳过已登记的 ${skipped} 所` : ""}（--dry-run，未作任何改动）。`,
  raced: (schoolId: string) => `统一社会信用代码 ${schoolId} 刚被其他操作登记`,
  imported: (count: number) => `已导入 ${count} 所学校。`,
  skipped: (count: number) => `已登记的 ${count} 所学校未改动（--skip-existing）。`,
  tokensWritten: (file: string) =>
    `各校令牌已写入“${file}”（仅本账户可读）。请通过安全渠道分发，或用 shenbao schools invite 发邮件。`,
  tokensOnce: "各校令牌（只显示这一次，请通过安全渠道交给学校，或改用 --tokens-out 写入文件）：",
  failedPartway: (done: number, total: number, name: string, reason: string) =>
    `导入中断：已导入 ${done}/${total} 所，登记“${name}”时出错：${reason}。已导入学校的令牌见上；请修正后用 --skip-existing 重新导入其余学校。`,
  tokenColumns: ["学校名称", "统一社会信用代码", "联系人", "电子邮箱", "令牌", "上传链接"],
} as const;

/** Configuration the operator's commands need on AWS. */
export const OPERATOR_TEXT = {
  bucketMissing: "缺少 AWS 配置：请设置环境变量 SHENBAO_BUCKET（部署输出中的 BucketName）。",
  senderMissing: "缺少发件地址：请设置环境变量 SHENBAO_SENDER（部署时的 senderAddress，须已在 SES 验证）。",
  publicUrlMissing:
    "缺少申报页面地址：请设置环境变量 SHENBAO_PUBLIC_URL（学校打开的申报页面，如 https://shenbao.example.edu.cn）。",
  schoolNotFound: (schoolId: string) => `未找到统一社会信用代码为 ${schoolId} 的学校。`,
} as const;

/** `shenbao schools invite` */
export const INVITE_TEXT = {
  chooseSchools: "请指定要邀请的学校（统一社会信用代码，可多个），或使用 --all 邀请全部有效学校。",
  notBoth: "请只用一种方式指定学校：统一社会信用代码，或 --all。",
  unknown: (ids: string[]) => `以下统一社会信用代码未登记，未发送任何邀请：${ids.join("、")}`,
  none: "没有可邀请的学校。",
  columns: ["学校名称", "统一社会信用代码", "电子邮箱", "结果"],
  sent: "已发送",
  skippedRevoked: "已停用，未发送",
  mailFailed: (reason: string) => `发送失败（原令牌仍有效）：${reason}`,
  tokenFailed: (reason: string) => `邮件已发出，但新令牌未生效，请重新邀请：${reason}`,
  summary: (sent: number, failed: number, skipped: number) =>
    [
      `已向 ${sent} 所学校发送邀请邮件，其中的新令牌已生效、旧令牌已失效。`,
      failed ? `${failed} 所失败。` : "",
      skipped ? `${skipped} 所已停用，未发送。` : "",
    ]
      .filter(Boolean)
      .join(""),
  retry: (ids: string[]) => `重新邀请失败的学校：shenbao schools invite ${ids.join(" ")}`,
} as const;

/** `shenbao submissions list|show` */
export const SUBMISSIONS_TEXT = {
  state: {
    PENDING: "待上传",
    PROCESSING: "检查中",
    ACCEPTED: "已受理",
    REJECTED: "未通过",
    SUPERSEDED: "已被替代",
    LATE: "逾期",
  },
  withExpiredLink: (state: string) => `${state}（链接已过期）`,
  unknownState: (value: string, allowed: string) => `未知的状态“${value}”，可选：${allowed}`,
  badSince: (value: string) =>
    `无法识别的时间“${value}”：请用 ISO 8601 格式，如 2024-11-15 或 2024-11-15T08:00:00+08:00。`,
  columns: ["时间", "学校名称", "材料", "申报专业", "状态", "页数", "回执编号", "提交编号"],
  none: "没有符合条件的提交。",
  counts: (total: number, parts: string[]) =>
    `共 ${total} 条${parts.length ? `：${parts.join("，")}` : ""}。`,
  notFound: (id: string) => `未找到提交编号或回执编号为 ${id} 的提交。`,
  unknownMajor: "（无法识别）",
  show: {
    title: (id: string, receipt: string | undefined) =>
      `提交 ${id}${receipt ? `（回执编号 ${receipt}）` : ""}`,
    school: "学校",
    contact: "联系人",
    document: "材料",
    fileName: "文件名",
    state: "状态",
    current: "（该校当前有效的材料）",
    supersededBy: (id: string) => `（已被 ${id} 替代）`,
    linkIssued: "获取链接",
    uploadedAt: "上传时间",
    processedAt: "检查完成",
    pages: "页数",
    size: "大小",
    sha256: "SHA-256",
    versionLabel: "版本",
    version: (n: number) => `第 ${n} 次有效提交`,
    findings: "检查发现",
    noFindings: "未发现问题。",
    noVerdict: "尚无检查结论。",
    history: (label: string, count: number) => `该校${label}的全部提交（共 ${count} 次，旧→新）：`,
    historyColumns: ["提交编号", "状态", "时间", "页数", "回执编号", "文件名"],
    emails: "发给该校及评审专家的邮件：",
    noEmails: "（尚无）",
    emailKind: { invitation: "邀请", reminder: "截止提醒", receipt: "回执", reviewers: "评审通知" },
    receiptLine: (receipt: string, id: string) => `${receipt}（提交 ${id}）`,
    reviewersLine: (id: string, reviewers: readonly string[] | undefined) =>
      `提交 ${id}${reviewers ? `，${reviewers.length} 位：${reviewers.join("、")}` : ""}`,
    details: "汇总表信息",
    noDetails: "学校尚未填写。",
    schoolLine: (name: string, schoolId: string, level: string) => `${name}（${schoolId}，${level}）`,
    field: (label: string, value: string) => `${label}：${value}`,
    heading: (label: string) => `${label}：`,
    finding: (index: number, severity: Severity, code: string, message: string) =>
      `${index}. [${{ error: "错误", warning: "提示", info: "建议" }[severity]}] ${code} ${message}`,
  },
  detailsLabel: {
    servedMajorGroup: "中心服务专业（群）",
    partner1: "合作企业（1）",
    partner2: "合作企业（2）",
    contactName: "联系人姓名",
    contactPhone: "联系电话",
  },
} as const;

/** `shenbao schools details` */
export const DETAILS_TEXT = {
  none: (name: string) => `${name}尚未填写汇总表信息。`,
  heading: (name: string, at: string, by: "school" | "operator") =>
    `${name}的汇总表信息（${by === "school" ? "学校" : "管理员"}于 ${at} 填写）：`,
  saved: (name: string) => `已保存${name}的汇总表信息：`,
  invalid: "汇总表信息有误，未保存：",
} as const;

/** `shenbao export summary|bundle` */
export const EXPORT_TEXT = {
  unknownFormat: (format: string) => `未知的格式“${format}”，可选：xlsx、csv`,
  unwritable: (file: string, reason: string) => `无法写入“${file}”：${reason}`,
  summaryWritten: (count: number, file: string) => `已导出 ${count} 所学校的申报汇总表：${file}`,
  noApplications: "目前没有任何学校有已受理的申报材料，汇总表只有表头。",
  missingDetails: (names: string[]) =>
    `以下 ${names.length} 所学校尚未填写汇总表信息，相应单元格为空：${names.join("、")}。可提醒学校在申报页面填写，或用 shenbao schools details 代为录入。`,
  majorNotInCatalog: (names: string[]) =>
    `以下学校的申报专业不在专业目录中，专业大类和专业类为空：${names.join("、")}`,
  withoutApplication: (count: number) => `另有 ${count} 所已登记学校尚无已受理的申报材料。`,
  bundleTargetExists: (target: string) =>
    `“${target}”已存在且不是空目录；为免覆盖，请指定新的目录或 .zip 文件。`,
  downloading: (done: number, total: number) => `正在下载并核对 ${done}/${total}`,
  hashMismatch: (path: string, expected: string, actual: string) =>
    `${path}：下载内容的 SHA-256 为 ${actual}，与受理时记录的 ${expected} 不符。`,
  objectMissing: (path: string, key: string) => `${path}：存储桶中找不到 ${key}。`,
  bundleFailed: (count: number) => `有 ${count} 个文件未通过核对，未生成材料包：`,
  bundleWritten: (files: number, target: string) =>
    `已生成材料包：${target}（${files} 个 PDF 文件、申报汇总表、manifest.json 和 SHA256SUMS，每个文件均已核对 SHA-256）`,
} as const;

/** `shenbao dlq list|replay` */
export const DLQ_TEXT = {
  awsNotConfigured: (variable: string) =>
    `缺少 AWS 配置：请设置环境变量 ${variable}（部署输出中的 ${variable === "SHENBAO_DLQ_URL" ? "DeadLetterQueueUrl" : "QueueUrl"}）。`,
  localUnavailable: (reason: string) => `无法连接本地环境的死信队列：${reason}`,
  none: "死信队列为空：没有处理失败的消息。",
  columns: ["消息编号", "收到次数", "首次发送", "内容", "最后的错误"],
  testEvent: "S3 测试事件",
  unreadable: (reason: string) => `无法解析：${reason}`,
  upload: (schoolId: string | undefined, submissionId: string | undefined, key: string) =>
    submissionId ? `提交 ${submissionId}（学校 ${schoolId}）` : key,
  count: (n: number) => `共 ${n} 条。重新投递：shenbao dlq replay [消息编号...]（不指定则全部）。`,
  replayed: (ids: string[]) =>
    ids.length === 0
      ? "没有消息需要重新投递。"
      : `已重新投递 ${ids.length} 条消息：${ids.join("、")}。重复投递是安全的：已处理的上传不会重复记录，也不会重复发邮件。`,
  notFound: (ids: string[]) => `以下消息不在死信队列中（可能已重新投递）：${ids.join("、")}`,
} as const;

/** `shenbao remind` */
export const REMIND_TEXT = {
  badDays: (value: string) => `无法识别的提醒天数“${value}”：应为逗号分隔的天数，如 7,3,1。`,
  notYet: (deadline: string, first: number) =>
    `截止时间为 ${deadline}，尚未到提醒时间（最早在截止前 ${first} 天提醒）。`,
  closed: (deadline: string) => `申报已于 ${deadline} 截止，不再发送提醒。`,
  stage: (stage: number, deadline: string) => `截止时间为 ${deadline}，当前为“截止前 ${stage} 天”提醒阶段。`,
  columns: ["学校名称", "统一社会信用代码", "电子邮箱", "结果"],
  sent: "已发送",
  wouldSend: "将发送（--dry-run，未发送）",
  already: "本阶段已提醒过",
  raced: "已由另一次运行发送",
  failed: (reason: string) => `发送失败，下次运行时重试：${reason}`,
  nobody: "所有有效学校都已有已受理的申报材料，无需提醒。",
  summary: (sent: number, already: number, failed: number, dryRun: boolean) =>
    [
      dryRun ? `将向 ${sent} 所学校发送提醒（未发送）。` : `已向 ${sent} 所学校发送提醒。`,
      already ? `${already} 所本阶段已提醒过。` : "",
      failed ? `${failed} 所发送失败。` : "",
    ].join(""),
} as const;
