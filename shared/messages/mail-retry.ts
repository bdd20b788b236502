/** `shenbao mail pending|resend`: the e-mail SES refused, for operators. */
export const MAIL_RETRY_TEXT = {
  pendingColumns: ["学校", "类型", "收件人", "原因", "尝试次数", "下次尝试", "提交编号"],
  resendColumns: ["学校", "类型", "收件人", "结果"],
  kind: { receipt: "受理回执", reviewer: "评审通知" } as Record<string, string>,
  none: "没有待发送的邮件：所有回执和评审通知都已发出。",
  count: (n: number, gaveUp: number) =>
    `共 ${n} 封邮件尚未发出${gaveUp ? `，其中 ${gaveUp} 封已停止自动重试` : ""}。` +
    "排除原因（如在 SES 中验证收件地址或申请生产访问权限）后，运行 shenbao mail resend --all 重发。",
  gaveUp: "已停止自动重试",
  sending: (until: string) => `正在发送（至 ${until}）`,
  unknownSchool: (schoolId: string) => `（未登记的学校 ${schoolId}）`,
  chooseOne: "请指定要重发的邮件：--submission <提交编号>、--all（全部）或 --due（到期的，同定时任务）。",
  nothingFor: (submissionId: string) => `提交 ${submissionId} 没有待发送的邮件（可能已发出）。`,
  nothingDue: "没有到期需要重试的邮件。",
  nothingPending: "没有待发送的邮件。",
  sent: "已发送",
  alreadySent: "此前已发出，已清除待发记录",
  busy: "另一进程正在发送或已发出，本次跳过",
  failed: (reason: string, next: string | undefined) =>
    `发送失败：${reason}${next ? `（下次自动重试：${next}）` : "（已停止自动重试）"}`,
  summary: (sent: number, failed: number) =>
    `已发送 ${sent} 封${failed ? `，${failed} 封发送失败，请查看原因` : ""}。`,
} as const;
