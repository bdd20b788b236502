/** `shenbao application show|set`: the operator's view and entry of a school's 申报书 form, in Chinese. */
export const APPLICATION_CLI_TEXT = {
  heading: (school: string, at: string, by: "school" | "operator") =>
    `${school} 的申报书（${by === "school" ? "学校" : "操作员"}于 ${at} 保存）`,
  noForm: (school: string) => `${school} 尚未填写申报书。`,
  missing: (n: number) => (n === 0 ? "必填项均已填写。" : `尚有 ${n} 项必填内容未填写：`),
  unreadable: (file: string, reason: string) => `无法读取文件 ${file}（${reason}）。`,
  notJson: (file: string) =>
    `文件 ${file} 不是有效的 JSON：请按 GET /api/me/application-form 的 form 字段格式填写。`,
  invalid: "申报书未保存（任何一项有误都不保存）。请逐项更正：",
  saved: (school: string) => `已保存 ${school} 的申报书，并重新计算了资格初审结果。`,
  afterDeadline: (deadline: string) =>
    `注意：申报截止时间（${deadline}）已过；操作员仍可根据纸质申报书录入，学校本身已不能修改。`,
  deadlinePassed: "申报截止时间已过，未保存。",
  yes: "是",
  no: "否",
} as const;
