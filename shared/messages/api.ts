/** Error messages the HTTP API returns to schools (`{ error: { code, message } }`). */
export const API_ERROR_TEXT = {
  UNAUTHORIZED:
    "未提供有效的学校令牌。请在请求头中携带“Authorization: Bearer <令牌>”；令牌见主管部门发送的邀请邮件。",
  TOKEN_REJECTED: "学校令牌无效或已被停用。如令牌已重新签发，请使用最新的令牌；如有疑问请联系主管部门。",
  TOO_MANY_ATTEMPTS: "令牌验证失败次数过多，请稍后再试。",
  INVALID_JSON: "请求内容不是有效的 JSON。",
  INVALID_REQUEST: (problems: string) => `请求内容不完整或格式不正确：${problems}`,
  BODY_TOO_LARGE: "请求内容过大。",
  DEADLINE_PASSED: (deadline: string) => `申报已于 ${deadline} 截止，不再受理新的提交。`,
  CHECKS_FAILED: "文件未通过提交前检查，请按各项提示修改后重新提交。",
  NOT_FOUND: "未找到该提交记录，或该记录不属于贵校。",
  IDEMPOTENCY_KEY_REUSED: "该 Idempotency-Key 已用于另一份不同的请求，请为新的请求使用新的键值。",
  REQUEST_IN_PROGRESS: "请求正在处理，请稍后重试。",
  METHOD_NOT_ALLOWED: "不支持该请求方法。",
  INTERNAL: "系统暂时无法处理请求，请稍后重试。如持续出现，请联系主管部门。",
} as const;

/** Errors of PUT /api/me/application (the details for the summary table). */
export const DETAILS_ERROR_TEXT = {
  DEADLINE_PASSED: (deadline: string) =>
    `申报已于 ${deadline} 截止，汇总表信息不能再修改；如需更正，请联系主管部门。`,
  CHECKS_FAILED: "汇总表信息未通过检查，请按各项提示修改后重新保存。",
} as const;

/** The 申报书 form's API (PUT /api/me/application-form). */
export const FORM_ERROR_TEXT = {
  DEADLINE_PASSED: (deadline: string) =>
    `申报已于 ${deadline} 截止，申报书不能再修改；如需更正，请联系主管部门。`,
  CHECKS_FAILED: "申报书有填写不正确的项目，本次未保存；请按各项提示修改后重新保存。",
} as const;

/** What INVALID_REQUEST names when the problem is the body as a whole. */
export const API_BODY_LABEL = "请求体";

/** Field names as applicants know them, for INVALID_REQUEST. */
export const API_FIELD_LABEL: Record<string, string> = {
  fileName: "文件名（fileName）",
  documentType: "材料类型（documentType）",
  size: "文件大小（size，单位字节）",
  idempotencyKey: "请求头 Idempotency-Key（8 至 64 位字母、数字、“-”或“_”）",
  servedMajorGroup: "中心服务专业（群）（servedMajorGroup）",
  partner1: "合作企业（1）名称及企业荣誉等（partner1）",
  partner2: "合作企业（2）名称及企业荣誉等（partner2）",
  contactName: "联系人姓名（contactName）",
  contactPhone: "联系电话（contactPhone）",
};

/**
 * One field-level problem of a request body (`error.issues[].message`), by kind. `custom` messages are the schemas'
 * own (Chinese, from FILE_NAME_ISSUE_TEXT and the like).
 */
export const API_ISSUE_TEXT = {
  required: "缺少此项",
  type: (expected: string) => `类型不正确，应为${API_TYPE_NAME[expected] ?? expected}`,
  tooShort: (minimum: string) => `过短，至少 ${minimum} 个字符`,
  tooLong: (maximum: string) => `过长，最多 ${maximum} 个字符`,
  tooSmall: (minimum: string, inclusive: boolean) => `应${inclusive ? "不小于" : "大于"} ${minimum}`,
  tooBig: (maximum: string, inclusive: boolean) => `应${inclusive ? "不大于" : "小于"} ${maximum}`,
  tooFewItems: (minimum: string) => `至少应有 ${minimum} 项`,
  tooManyItems: (maximum: string) => `最多 ${maximum} 项`,
  notInteger: "应为整数",
  format: "格式不正确",
  value: (allowed: string) => `取值不在允许范围内（可选：${allowed}）`,
  unknownKeys: (keys: string) => `含有不支持的字段：${keys}`,
  invalid: "内容不正确",
} as const;

/** JSON types as INVALID_REQUEST's issues name them. */
export const API_TYPE_NAME: Record<string, string> = {
  string: "文本",
  number: "数字",
  int: "整数",
  boolean: "布尔值（true 或 false）",
  object: "对象",
  array: "数组",
  null: "null",
};

/** Why a file name is refused (shared/uploads/upload-link-request.ts). */
export const FILE_NAME_ISSUE_TEXT = {
  separators: "文件名不能包含 /、\\ 或控制字符",
  invisible: "文件名不能包含不可见字符或文字方向控制字符",
  blank: "文件名不能为空白",
  relative: "文件名不能是相对路径",
} as const;
