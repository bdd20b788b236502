import type { CallRequirementsView, InvitationView, ReminderView } from "../mail/operator-views.ts";
import type { EmailContent } from "../mail/view.ts";
import { escapeHtml } from "../mail/view.ts";
import { footer, htmlDocument, htmlTable } from "./mail.ts";

/** The e-mails the operator's side sends schools: the invitation with their link, and deadline reminders. */

function greeting(contactName: string): string {
  return `${contactName.endsWith("老师") ? contactName : `${contactName}老师`}：您好！`;
}

/** "河南省教育厅 河南省财政厅" as a sentence's subject: "河南省教育厅、河南省财政厅". */
function issuers(r: CallRequirementsView): string {
  return r.issuer.trim().split(/\s+/).join("、");
}

/** A space between Chinese and a leading Latin letter or digit ("按 2021 年…"), as the rest of the text spaces them. */
function spaced(text: string): string {
  return /^[A-Za-z0-9]/.test(text) ? ` ${text}` : text;
}

function callName(r: CallRequirementsView): string {
  return r.callReference ? `${r.callTitle}（${r.callReference}）` : r.callTitle;
}

function documentTypeLine(d: CallRequirementsView["documentTypes"][number]): string {
  const notes = [
    d.maxPages !== undefined ? `不超过 ${d.maxPages} 页` : "",
    d.requireBookmarks ? "请设置书签目录" : "",
  ].filter(Boolean);
  return notes.length ? `${d.label}（${notes.join("，")}）` : d.label;
}

/** The call's requirements as numbered lines; shared by the invitation and the reminders. */
export function requirementLines(r: CallRequirementsView, withDetails: boolean): string[] {
  const lines = [
    ...(r.onePerSchool
      ? ["每所学校限报 1 个专业。截止前可重新上传，以最后一次通过检查的材料为准，此前的提交记录均会保留。"]
      : []),
    `文件须为 PDF，并按以下格式命名（“××”为申报专业，按${spaced(r.catalogLabel)}中的专业名称填写）：\n   ${r.fileNameExample}`,
    `材料类型：${r.documentTypes.map(documentTypeLine).join("；")}。`,
    `单个文件不超过 ${r.maxFileSize}，不得设置打开密码或权限限制。`,
    `截止时间：${r.deadline}，以系统收到文件的时间为准，逾期不予受理。`,
    "每次上传后，系统会自动检查文件，并把回执发送到本邮箱。",
    ...(withDetails
      ? [
          "请在申报页面填写一次《申报汇总表》所需信息（中心服务专业（群）、两家合作企业及其荣誉、联系人和联系电话）。",
        ]
      : []),
  ];
  return lines.map((line, i) => `${i + 1}. ${line}`);
}

export function invitationEmail(view: InvitationView): EmailContent {
  const r = view.requirements;
  const subject = `【申报邀请】${r.callTitle}——${view.schoolName}的上传链接`;
  const intro = `${issuers(r)}开展${callName(r)}，电子材料通过网上申报系统提交。${view.schoolName}的专属上传链接和令牌如下：`;
  const rows: Array<[string, string]> = [
    ["上传链接", view.uploadUrl],
    ["学校令牌", view.token],
  ];
  const usage =
    "打开上传链接即可上传材料、查看检查结果；如页面要求输入令牌，请粘贴上面的学校令牌。链接和令牌相当于贵校的密码，" +
    "请妥善保管，不要转发给其他单位。此前发给贵校的令牌（如有）自本邮件发出起失效。";
  const requirements = requirementLines(r, true);
  const text = [
    greeting(view.contactName),
    "",
    intro,
    "",
    ...rows.map(([k, v]) => `${k}：${v}`),
    "",
    usage,
    "",
    "申报要求：",
    ...requirements,
    "",
    ...footer(r.callContact),
  ].join("\n");
  const html = htmlDocument(subject, [
    `<p>${escapeHtml(greeting(view.contactName))}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    `<p><a href="${escapeHtml(view.uploadUrl)}" style="font-size:16px">打开${escapeHtml(view.schoolName)}的申报页面</a></p>`,
    htmlTable(rows),
    `<p>${escapeHtml(usage)}</p>`,
    "<h3>申报要求</h3>",
    htmlLines(requirements),
    `<p style="color:#656d76;font-size:12px">${footer(r.callContact).map(escapeHtml).join("<br>")}</p>`,
  ]);
  return { subject, text, html };
}

/** "还有 2 天 3 小时", "还有 5 小时", "已不足 1 小时": what follows "距截止". */
function timeLeft({ days, hours }: ReminderView["remaining"]): string {
  if (days === 0) return hours === 0 ? "已不足 1 小时" : `还有 ${hours} 小时`;
  return hours === 0 ? `还有 ${days} 天` : `还有 ${days} 天 ${hours} 小时`;
}

export function reminderEmail(view: ReminderView): EmailContent {
  const r = view.requirements;
  const left = timeLeft(view.remaining);
  const subject = `【申报提醒】距截止${left}：${view.schoolName}尚无已受理的${view.documentLabel}`;
  const status =
    `截至 ${view.asOf}，申报系统尚未受理${view.schoolName}的${view.documentLabel}` +
    (view.rejectedUploads > 0
      ? `（已上传 ${view.rejectedUploads} 次，均未通过检查，请按回执邮件中的处理办法修改后重新上传）。`
      : "。") +
    `申报截止时间为 ${r.deadline}，距截止${left}。`;
  const how = view.pageUrl
    ? `请使用此前收到的上传链接提交（申报页面：${view.pageUrl}）。如找不到上传链接或令牌，请联系主管部门重新发送。`
    : "请使用此前收到的上传链接提交。如找不到上传链接或令牌，请联系主管部门重新发送。";
  const closing = "如贵校已决定不参加本次申报，请忽略本邮件。";
  const requirements = requirementLines(r, false);
  const text = [
    greeting(view.contactName),
    "",
    status,
    "",
    how,
    "",
    "申报要求：",
    ...requirements,
    "",
    closing,
    "",
    ...footer(r.callContact),
  ].join("\n");
  const html = htmlDocument(subject, [
    `<p>${escapeHtml(greeting(view.contactName))}</p>`,
    `<p>${escapeHtml(status)}</p>`,
    `<p>${escapeHtml(how)}</p>`,
    "<h3>申报要求</h3>",
    htmlLines(requirements),
    `<p>${escapeHtml(closing)}</p>`,
    `<p style="color:#656d76;font-size:12px">${footer(r.callContact).map(escapeHtml).join("<br>")}</p>`,
  ]);
  return { subject, text, html };
}

function htmlLines(lines: readonly string[]): string {
  return `<p>${lines.map((l) => escapeHtml(l).replace(/\n\s*/g, "<br>&nbsp;&nbsp;&nbsp;")).join("<br>")}</p>`;
}
