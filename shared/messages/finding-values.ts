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
