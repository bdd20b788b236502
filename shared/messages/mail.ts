import type { Finding } from "../checks/finding.ts";
import { type EmailContent, escapeHtml, type ReceiptView, type ReviewerNoticeView } from "../mail/view.ts";

/** Every e-mail shenbao sends, in Simplified Chinese: subjects, bodies, and the words in them. */

export const SENDER_DISPLAY_NAME = "申报系统";

const VERDICT_WORD: Record<ReceiptView["state"], string> = {
  ACCEPTED: "已受理",
  REJECTED: "未通过检查",
  LATE: "逾期提交，不予受理",
};

const SEVERITY_WORD: Record<Finding["severity"], string> = { error: "错误", warning: "提示", info: "建议" };

function nextSteps(view: ReceiptView): string {
  switch (view.state) {
    case "ACCEPTED":
      return `本次提交已受理，无需其他操作。截止时间（${view.deadline}）前如需更正，可重新上传；新的有效提交将替代本次提交，所有提交记录均会保留。`;
    case "REJECTED":
      return `本次提交未被受理。请按上述处理办法修改后，在截止时间（${view.deadline}）前重新上传。此前已受理的提交（如有）仍然有效。`;
    case "LATE":
      return `本次提交完成于截止时间（${view.deadline}）之后，不予受理。此前已受理的提交（如有）仍然有效；如有特殊情况，请联系主管部门。`;
  }
}

function versionLine(view: ReceiptView): string | null {
  if (view.version === undefined) return null;
  const replaces = view.replaces
    ? `，替代回执编号 ${view.replaces.receiptNumber}（提交于 ${view.replaces.uploadedAt}）的提交`
    : "";
  return `第 ${view.version} 次有效提交${replaces}`;
}

function receiptRows(view: ReceiptView): Array<[string, string]> {
  const rows: Array<[string, string | null]> = [
    ["回执编号", view.receiptNumber],
    ["申报项目", view.callReference ? `${view.callTitle}（${view.callReference}）` : view.callTitle],
    ["学校", view.schoolName],
    ["材料类型", view.documentLabel],
    ["文件名", view.fileName],
    ["提交时间", view.uploadedAt],
    ["检查结论", VERDICT_WORD[view.state]],
    ["页数", view.pageCount === null ? "无法读取" : `${view.pageCount} 页`],
    ...originRows(view),
    ["文件大小", view.size],
    ["SHA-256", view.sha256],
    ["版本", versionLine(view)],
    ["提交编号", view.submissionId],
  ];
  return rows.filter((row): row is [string, string] => row[1] !== null);
}

/** The file's producing software and creation date, as the file records them; rows left out when unknown. */
function originRows(view: { producer?: string | null; createdAt?: string | null }): Array<[string, string]> {
  return [
    ...(view.producer ? ([["生成软件", view.producer]] as Array<[string, string]>) : []),
    ...(view.createdAt ? ([["文件创建时间", view.createdAt]] as Array<[string, string]>) : []),
  ];
}

function findingLines(findings: readonly Finding[]): string[] {
  if (findings.length === 0) return ["未发现问题。"];
  return findings.flatMap((f, i) => [
    `${i + 1}. [${SEVERITY_WORD[f.severity]}] ${f.message}`,
    `   处理办法：${f.fix}`,
  ]);
}

export function footer(contact?: string): string[] {
  return ["此邮件由申报系统自动发送，请勿直接回复。", ...(contact ? [`如有疑问，请联系：${contact}`] : [])];
}

export function htmlDocument(title: string, sections: string[]): string {
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body style="font-family:'PingFang SC','Microsoft YaHei',sans-serif;line-height:1.6;color:#1f2328">${sections.join("")}</body></html>`;
}

export function htmlTable(rows: Array<[string, string]>): string {
  const cells = rows
    .map(
      ([k, v]) =>
        `<tr><th style="text-align:left;padding:4px 12px 4px 0;white-space:nowrap;vertical-align:top">${escapeHtml(k)}</th><td style="padding:4px 0;word-break:break-all">${escapeHtml(v)}</td></tr>`,
    )
    .join("");
  return `<table style="border-collapse:collapse">${cells}</table>`;
}

function htmlFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return "<p>未发现问题。</p>";
  const items = findings
    .map(
      (f) =>
        `<li><strong>[${SEVERITY_WORD[f.severity]}]</strong> ${escapeHtml(f.message)}<br>处理办法：${escapeHtml(f.fix)}</li>`,
    )
    .join("");
  return `<ol>${items}</ol>`;
}

export function receiptEmail(view: ReceiptView): EmailContent {
  const subject = `【申报回执】${view.receiptNumber} ${view.schoolName} ${view.documentLabel}${VERDICT_WORD[view.state]}`;
  // "王晓明老师", but a contact entered as "王老师" is not "王老师老师".
  const greeting = `${view.contactName.endsWith("老师") ? view.contactName : `${view.contactName}老师`}：您好！`;
  const intro =
    "贵校提交的申报材料已收到并完成检查。本邮件为提交回执，请妥善保存；回执编号和文件的 SHA-256 值可作为提交凭证。";
  const rows = receiptRows(view);
  const statusLine = view.statusUrl ? [`查询提交状态：${view.statusUrl}`] : [];
  const text = [
    greeting,
    "",
    intro,
    "",
    ...rows.map(([k, v]) => `${k}：${v}`),
    "",
    "检查发现：",
    ...findingLines(view.findings),
    "",
    "下一步：",
    nextSteps(view),
    ...statusLine,
    "",
    ...footer(view.callContact),
  ].join("\n");
  const html = htmlDocument(subject, [
    `<p>${escapeHtml(greeting)}</p>`,
    `<p>${escapeHtml(intro)}</p>`,
    htmlTable(rows),
    "<h3>检查发现</h3>",
    htmlFindings(view.findings),
    "<h3>下一步</h3>",
    `<p>${escapeHtml(nextSteps(view))}</p>`,
    ...statusLine.map((l) => `<p>${escapeHtml(l)}</p>`),
    `<p style="color:#656d76;font-size:12px">${footer(view.callContact).map(escapeHtml).join("<br>")}</p>`,
  ]);
  return { subject, text, html };
}

export function reviewerNoticeEmail(view: ReviewerNoticeView): EmailContent {
  const major = view.major ? `（${view.major}专业）` : "";
  const subject = `【待评审】${view.schoolName}${major} ${view.documentLabel} ${view.receiptNumber}`;
  const warnings = view.findings.filter((f) => f.severity === "warning");
  const rows: Array<[string, string]> = [
    ["申报项目", view.callTitle],
    ["学校", `${view.schoolName}（${view.schoolLevel}）`],
    ["申报专业", view.major ?? "未能从文件名识别"],
    ["材料类型", view.documentLabel],
    ["文件名", view.fileName],
    ["提交时间", view.uploadedAt],
    ["页数", view.pageCount === null ? "无法读取" : `${view.pageCount} 页`],
    ...(originRows(view) as Array<[string, string]>),
    ["SHA-256", view.sha256],
    ["回执编号", view.receiptNumber],
    ...(view.version !== undefined
      ? ([["版本", `第 ${view.version} 次有效提交`]] as Array<[string, string]>)
      : []),
  ];
  const download = view.downloadUrl
    ? [`下载链接（${view.downloadExpiresAt ?? ""}前有效）：${view.downloadUrl}`]
    : ["请通过管理端下载该材料。"];
  const intro = "有一份新的申报材料已通过格式检查，等待评审。";
  const text = [
    "评审专家：您好！",
    "",
    intro,
    "",
    ...rows.map(([k, v]) => `${k}：${v}`),
    "",
    `格式提示（${warnings.length} 项）：`,
    ...(warnings.length ? findingLines(warnings) : ["无。"]),
    "",
    ...download,
    "",
    ...footer(),
  ].join("\n");
  const html = htmlDocument(subject, [
    "<p>评审专家：您好！</p>",
    `<p>${escapeHtml(intro)}</p>`,
    htmlTable(rows),
    `<h3>格式提示（${warnings.length} 项）</h3>`,
    warnings.length ? htmlFindings(warnings) : "<p>无。</p>",
    view.downloadUrl
      ? `<p><a href="${escapeHtml(view.downloadUrl)}">下载材料</a>（${escapeHtml(view.downloadExpiresAt ?? "")}前有效）</p>`
      : "<p>请通过管理端下载该材料。</p>",
    `<p style="color:#656d76;font-size:12px">${footer().map(escapeHtml).join("<br>")}</p>`,
  ]);
  return { subject, text, html };
}
