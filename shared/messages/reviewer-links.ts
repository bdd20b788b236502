/** What reviewers see when a download link cannot serve them, and what `shenbao links` prints: in one place. */
import { escapeHtml } from "../mail/view.ts";

/** Why the reviewer-link route answers with a page instead of the file. */
export type ReviewerLinkPageKind = "not-found" | "expired" | "revoked" | "object-missing" | "unavailable";

const PAGE: Record<ReviewerLinkPageKind, { title: string; body: (expiresAt?: string) => string }> = {
  "not-found": {
    title: "下载链接无效",
    body: () => "未找到该下载链接。请核对链接是否完整（复制或转发时可能被截断），或联系申报系统管理员。",
  },
  expired: {
    title: "下载链接已过期",
    body: (expiresAt) =>
      `该下载链接${expiresAt ? `已于 ${expiresAt} ` : "已"}过期。如仍需下载该材料，请联系申报系统管理员重新发送通知。`,
  },
  revoked: {
    title: "下载链接已被撤销",
    body: () => "该下载链接已被申报系统管理员撤销，不能再下载。如有疑问，请联系申报系统管理员。",
  },
  "object-missing": {
    title: "材料已不再保存",
    body: () =>
      "该链接对应版本的材料已不再保存（已被同一学校的新提交替代，并超过保存期限）。请以最新的评审通知为准。",
  },
  unavailable: {
    title: "暂时无法下载",
    body: () => "服务暂时不可用，请稍后再试。",
  },
};

/** A small self-contained HTML page (no script, no external resource) for a link that cannot be served. */
export function reviewerLinkPage(kind: ReviewerLinkPageKind, expiresAt?: string): string {
  const { title, body } = PAGE[kind];
  return `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>${escapeHtml(title)}</title><style>body{font-family:'PingFang SC','Microsoft YaHei',sans-serif;line-height:1.6;color:#1f2328;max-width:40em;margin:3em auto;padding:0 1em}</style></head><body><h1>${escapeHtml(title)}</h1><p>${escapeHtml(body(expiresAt))}</p><p style="color:#656d76;font-size:12px">申报系统</p></body></html>`;
}

/** `shenbao links list|revoke` */
export const LINKS_TEXT = {
  columns: ["引用", "评审专家", "发出时间", "有效期至", "状态", "下载次数", "最近下载"],
  status: { live: "有效", expired: "已过期", revoked: "已撤销" },
  none: (submission: string) => `提交 ${submission} 没有评审下载链接。`,
  heading: (submissionId: string, receiptNumber: string | undefined, count: number) =>
    `提交 ${submissionId}${receiptNumber ? `（回执编号 ${receiptNumber}）` : ""}的评审下载链接，共 ${count} 条：`,
  submissionNotFound: (id: string) => `未找到提交编号或回执编号为 ${id} 的提交。`,
  badLink: (value: string) =>
    `无法识别“${value}”：请给出评审通知中的下载链接（…/r/…）、链接编号，或 links list 显示的引用（至少 12 位十六进制字符）。`,
  linkNotFound: (value: string) => `未找到下载链接“${value}”。`,
  ambiguousRef: (ref: string, count: number) => `引用 ${ref} 对应 ${count} 条链接，请给出更长的引用。`,
  bothGiven: "请只给出一个链接，或只用 --submission 指定提交，不要同时使用。",
  nothingGiven: "请给出要撤销的链接，或用 --submission 指定提交以撤销其全部链接。",
  revoked: (ref: string, reviewer: string) => `已撤销链接 ${ref}（评审专家 ${reviewer}）。`,
  alreadyRevoked: (ref: string, reviewer: string) => `链接 ${ref}（评审专家 ${reviewer}）此前已被撤销。`,
  revokedCount: (count: number, submissionId: string) =>
    `已撤销提交 ${submissionId} 的 ${count} 条有效链接。`,
};
