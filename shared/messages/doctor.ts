/** What `shenbao doctor` and `shenbao smoke` print, in one place. */

export const DOCTOR_TEXT = {
  symbol: { ok: "✓", fail: "✗", warn: "!", skip: "-" },
  fixLabel: "处理：",
  title: {
    sesAccount: "SES 发信账户",
    sender: "发件地址验证",
    deadline: "截止时间",
    deadLetters: "死信队列",
    alarms: "告警订阅",
    cors: "申报页面与存储桶 CORS",
  },
  // SES account (sandbox / production access)
  sesProduction: (sent: number, max: number) =>
    `已获生产访问权限，可向任何地址发信（24 小时内已发 ${sent} / ${max} 封）。`,
  sesSandbox: (max: number) =>
    `SES 仍在沙箱中：只能发给已验证的地址，每天最多 ${max} 封；学校收不到回执和邀请。`,
  sesSandboxFix:
    "在 SES 控制台 → Account dashboard → Request production access 申请生产访问；获批前仅可用 -c sandboxRecipients 列出的已验证地址试用。",
  sesSendingDisabled: "SES 已暂停本账户发信（SendingEnabled=false），所有邮件都会被拒绝。",
  sesSendingDisabledFix: "在 SES 控制台 → Account dashboard 查看暂停原因并申请恢复发信。",
  sesQuotaNearlyUsed: (sent: number, max: number) =>
    `24 小时内已发 ${sent} 封，接近每日上限 ${max} 封；截止日前后可能发不出回执。`,
  sesQuotaFix: "在 Service Quotas → Amazon SES → Sending quota 申请提高每日发信上限。",
  sesEmulator: "本地栈使用 SES 模拟器（aws-ses-v2-local），没有沙箱；此项只在 AWS 上检查。",
  // Sender identity
  senderVerified: (address: string, identity: string) =>
    identity === address
      ? `发件地址 ${address} 已在 SES 验证。`
      : `发件地址 ${address} 已通过域名 ${identity} 验证。`,
  senderPending: (address: string) => `发件地址 ${address} 的 SES 验证尚未完成，邮件会被拒绝。`,
  senderPendingFix: (address: string) =>
    `打开 SES 发到 ${address} 的验证邮件并点击链接；用域名验证（-c senderDomain）时，在 DNS 发布部署输出 SenderDkimRecords 中的三条 CNAME 记录。`,
  senderFailed: (address: string, status: string) =>
    `发件地址 ${address} 的 SES 验证状态为 ${status}，邮件会被拒绝。`,
  senderMissing: (address: string) => `发件地址 ${address} 不是 SES 中的身份，邮件会被拒绝。`,
  senderMissingFix: (address: string, region: string) =>
    `aws sesv2 create-email-identity --email-identity ${address} --region ${region}（或部署时保留 -c createSenderIdentity=true），然后点击验证邮件中的链接。`,
  senderNotConfigured: "未设置发件地址，无法检查。",
  senderNotConfiguredFix: "export SHENBAO_SENDER=<部署时的 senderAddress>",
  senderEmulator: (address: string) =>
    `本地栈的发件地址 ${address}：SES 模拟器不验证身份；此项只在 AWS 上检查。`,
  // Deadline
  deadlineAhead: (deadline: string, days: number) => `截止时间 ${deadline}，还有 ${days} 天。`,
  deadlineSoon: (deadline: string, hours: number) => `截止时间 ${deadline}，只剩约 ${hours} 小时。`,
  deadlineSoonFix:
    "如需延期：npx cdk deploy -c deadline=<新的截止时间，ISO 8601 含时区>（并将 SHENBAO_DEADLINE 设为同一值）。",
  deadlinePassed: (deadline: string) => `截止时间 ${deadline} 已过，所有上传都会被拒绝。`,
  deadlinePassedFix:
    "npx cdk deploy -c deadline=<新的截止时间，如 2027-11-15T23:59:59+08:00>，并将 SHENBAO_DEADLINE 设为同一值（本地栈：SHENBAO_DEADLINE=… npm start）。",
  // Dead letters
  deadLettersNone: "死信队列为空。",
  deadLettersWaiting: (count: number) =>
    `死信队列中有 ${count} 条消息：这些上传反复处理失败，学校还没有收到结论。`,
  deadLettersFix: "npx shenbao dlq list 查看原因，修复后 npx shenbao dlq replay 重新投递。",
  deadLettersNotConfigured: "未设置死信队列地址，无法检查。",
  deadLettersNotConfiguredFix: "export SHENBAO_DLQ_URL=<部署输出 DeadLetterQueueUrl>",
  // Alarm subscriptions
  alarmsSubscribed: (count: number) => `告警主题有 ${count} 个已确认的订阅。`,
  alarmsNone: "告警主题没有已确认的订阅：死信、处理错误和 API 故障无人知晓。",
  alarmsPending: (pending: number) =>
    `告警主题没有已确认的订阅（${pending} 个待确认）：死信、处理错误和 API 故障无人知晓。`,
  alarmsPendingFix:
    "打开 AWS 发出的 “AWS Notification - Subscription Confirmation” 邮件并点击 Confirm subscription。",
  alarmsFix: (topic: string) =>
    `aws sns subscribe --topic-arn ${topic} --protocol email --notification-endpoint <值班邮箱>（或部署时加 -c alarmEmail=…），然后确认订阅邮件。`,
  alarmsNotConfigured: "未设置告警主题，无法检查。",
  alarmsNotConfiguredFix: "export SHENBAO_ALARM_TOPIC_ARN=<部署输出 AlarmTopicArn>",
  alarmsLocal: "本地栈没有告警主题；此项只在 AWS 上检查。",
  // CORS
  corsAllowed: (origin: string) => `存储桶 CORS 允许申报页面 ${origin} 上传（POST）。`,
  corsRefused: (origin: string, allowed: readonly string[]) =>
    `存储桶 CORS 不允许申报页面 ${origin} 上传（允许的来源：${allowed.length ? allowed.join("、") : "无"}）；浏览器上传会被拒绝。`,
  corsFix: (origin: string) =>
    `npx cdk deploy -c allowedOrigin=${origin}（页面在 API 自带地址时不设 allowedOrigin 即可）；SHENBAO_PUBLIC_URL 应为学校打开的页面地址。`,
  corsNotConfigured: "未设置存储桶或申报页面地址，无法检查。",
  corsNotConfiguredFix:
    "export SHENBAO_BUCKET=<部署输出 BucketName> SHENBAO_PUBLIC_URL=<部署输出 ApiUrl 或自定义域名>",
  // Any check
  noAnswer: (seconds: number) => `${seconds} 秒内没有应答`,
  uncheckable: (reason: string) => `无法检查：${reason}`,
  uncheckableFix: (permission: string) => `确认操作员凭证有 ${permission} 权限，且环境变量指向本次部署。`,
  summaryOk: (warnings: number) =>
    warnings ? `未发现阻止申报的问题；${warnings} 项需要留意。` : "未发现阻止申报的问题。",
  summaryBlocking: (failures: number) =>
    `发现 ${failures} 项会阻止申报的问题，请按“处理”逐项解决后再运行 shenbao doctor。`,
} as const;

/** `shenbao smoke` */
export const SMOKE_TEXT = {
  step: (n: number, text: string) => `[${n}/6] ${text}`,
  registered: (name: string, schoolId: string) => `已登记测试学校 ${name}（${schoolId}）`,
  linkIssued: (submissionId: string) => `已通过 API 获取上传链接（提交 ${submissionId}）`,
  uploaded: (bytes: number) => `已上传生成的 PDF（${bytes} 字节）`,
  verdict: (state: string, receiptNumber: string) => `检查结论：${state}，回执编号 ${receiptNumber}`,
  receiptRecorded: (at: string) => `回执邮件已发出并记录（${at}）`,
  removed: (items: number, objects: number) => `已清理：数据库 ${items} 条记录、存储桶 ${objects} 个对象版本`,
  kept: (schoolId: string) => `按 --keep 保留测试学校 ${schoolId} 及其提交和文件。`,
  removedList: "已删除：",
  removedItem: (what: string) => `  ${what}`,
  passed: "冒烟测试通过：一份材料走完了 API → 上传 → 检查 → 回执的全过程。",
  failed: (reason: string) => `冒烟测试失败：${reason}`,
  linkRefused: (status: number, code: string, message: string) =>
    `API 拒绝发放上传链接（${status} ${code}）：${message}`,
  uploadRefused: (status: number, body: string) => `存储桶拒绝上传（HTTP ${status}）：${body.slice(0, 200)}`,
  apiUnreachable: (url: string, reason: string) => `无法访问 API ${url}：${reason}`,
  timedOut: (seconds: number, state: string) =>
    `等待 ${seconds} 秒仍未得到结论（当前状态 ${state}）。用 npx shenbao dlq list 查看死信，或在 CloudWatch 查看 process-upload 的日志；可用 --timeout 延长等待。`,
  notAccepted: (state: string, findings: string) => `生成的合格材料未被受理（${state}）：${findings}`,
  receiptMissing: "结论已记录，但回执邮件没有发出（见 process-upload 日志与 shenbao doctor 的 SES 检查）。",
  apiUrlMissing: "缺少 API 地址：请设置环境变量 SHENBAO_API_URL（部署输出 ApiUrl）。",
  cleanupFailed: (reason: string) => `清理测试数据时出错：${reason}。`,
  badTimeout: (value: string) => `无效的等待时间“${value}”：请给出正数秒数。`,
} as const;
