/** Text that `shenbao` prints for people (its --help stays English for operators' scripts and docs). */
export const CLI_TEXT = {
  verdict: { accepted: "通过", rejected: "不通过" },
  severity: { error: "错误", warning: "提示" },
  columns: { file: "文件", verdict: "结论", pages: "页数", findings: "问题" },
  noFindings: "无",
  findingCount: (errors: number, warnings: number) =>
    [errors ? `${errors} 项错误` : "", warnings ? `${warnings} 项提示` : ""].filter(Boolean).join("，") ||
    "无",
  fixLabel: "处理办法",
  sha256Label: "SHA-256",
  pagesValue: (pages: number | null) => (pages === null ? "—" : String(pages)),
  progress: (done: number, total: number, file: string) => `正在检查 ${done}/${total}：${file}`,
  summary: (accepted: number, total: number) =>
    accepted === total
      ? `共 ${total} 个文件，全部通过。`
      : `共 ${total} 个文件，${accepted} 个通过，${total - accepted} 个不通过。`,
  unreadable: (file: string, reason: string) => `无法读取文件“${file}”：${reason}`,
  unknownType: (type: string, allowed: string) => `未知的材料类型“${type}”，可选：${allowed}`,
  unknownLevel: (level: string) => `未知的办学层次“${level}”，应为“专科”或“本科”`,
} as const;
