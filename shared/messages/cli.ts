/** Text that `shenbao` prints for people (its --help stays English for operators' scripts and docs). */
export const CLI_TEXT = {
  verdict: { accepted: "通过", rejected: "不通过" },
  severity: { error: "错误", warning: "提示", info: "建议" },
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

/**
 * `shenbao check --help`: what each document type of the built-in call is checked for (English, like the rest of the
 * help; the Chinese names are the notice's).
 */
export const CHECK_TYPES_HELP = [
  "",
  "Checks per --type (the built-in 2024 Henan call):",
  "  every type   file name (template, school, major in the 2021 catalog, homophones suggested), deadline, size,",
  "               a readable unrestricted PDF (headerless PDF bodies named), A4 pages, no JavaScript or launch",
  "               actions, /Count and /N equal to the walked page tree; document properties: no other school's",
  "               name, a Title that is not generic (info), creation/modification dates not after the upload",
  "  evidence     佐证材料 (default): at most 50 pages (walked count), bookmarks (目录索引)",
  "  application  申报书 (附件1), from the text layer: body (every page but the cover) in 仿宋_GB2312",
  "               (FangSong_GB2312, FangSong, STFangsong, FZFangSong…, FZFS…, 仿宋 accepted), 小四 12 pt,",
  "               fixed 16 pt line spacing (each: 70% of body text); cover 申报单位/办学层次/申报专业/中心服务专业（群）/",
  "               申报专业大类/申报专业类 against the file name, the school and the catalog; 内容真实性责任声明 present",
  "  plan         建设方案 (附件2): headings 一、总体建设目标 … 五、保障措施 present and in order",
  "  application and plan: pages without a text layer are named (扫描页，无法自动核对), with the checks left undone",
  "",
].join("\n");

/** What `npm start` and `npm run demo` print. */
export const LOCAL_TEXT = {
  started: (lines: {
    baseUrl: string;
    schoolName: string;
    token: string;
    mailStoreUrl: string;
    reviewers: readonly string[];
    deadline: string;
    dataDir: string;
  }) =>
    [
      "",
      "申报系统（shenbao）本地环境已启动。",
      "",
      `  申报页面：    ${lines.baseUrl}/#token=${lines.token}`,
      `  API 地址：    ${lines.baseUrl}/api`,
      `  演示学校：    ${lines.schoolName}`,
      `  学校令牌：    ${lines.token}`,
      `  评审专家：    ${lines.reviewers.join("、") || "（未设置）"}  （每份受理的材料都通知他们）`,
      `  已发送邮件：  ${lines.mailStoreUrl}  （浏览器或 curl 查看；回执和评审通知都在这里）`,
      `  截止时间：    ${lines.deadline}`,
      `  数据目录：    ${lines.dataDir}`,
      "",
      "用 curl 申请上传链接：",
      `  curl -s -X POST ${lines.baseUrl}/api/upload-links -H "Authorization: Bearer ${lines.token}" \\`,
      `    -H "Content-Type: application/json" -d '{"fileName":"<文件名>.pdf","size":<字节数>}'`,
      "",
      "按 Ctrl-C 停止。",
      "",
    ].join("\n"),
  stopping: "正在停止……",
  stopped: "已停止。",
  demoStep: (step: number, text: string) => `[${step}/6] ${text}`,
  demoStarted: "本地环境已启动（临时数据）",
  demoSchool: (name: string) => `已登记演示学校：${name}`,
  demoLink: (id: string) => `已获取上传链接，提交编号 ${id}`,
  demoUploaded: (bytes: number) => `已上传 PDF（${bytes} 字节），等待检查……`,
  demoReceipt: "已收到回执邮件：",
  demoReviewer: (address: string) => `评审专家 ${address} 已收到通知邮件：`,
  demoFailed: (reason: string) => `演示失败：${reason}`,
} as const;

/** What `shenbao schools …` prints. */
export const SCHOOLS_TEXT = {
  localNotRunning:
    "本地环境未运行：请先在另一个终端执行 npm start，或使用 --endpoint aws 并设置 SHENBAO_TABLE。",
  awsNotConfigured: "缺少 AWS 配置：请设置环境变量 SHENBAO_TABLE（部署输出中的 TableName）及 AWS 凭证。",
  invalid: "学校信息有误，未登记：",
  registered: (name: string, schoolId: string) => `已登记：${name}（${schoolId}）`,
  tokenOnce: "学校令牌（只显示这一次，请通过安全渠道交给学校）：",
  alreadyRegistered: (schoolId: string) =>
    `统一社会信用代码为 ${schoolId} 的学校已登记。如需重新签发令牌，请使用 shenbao schools token ${schoolId}。`,
  notFound: (schoolId: string) => `未找到统一社会信用代码为 ${schoolId} 的学校。`,
  reissued: (schoolId: string) => `已为 ${schoolId} 重新签发令牌，旧令牌立即失效：`,
  revoked: (schoolId: string) => `已停用 ${schoolId}，其令牌立即失效。`,
  columns: {
    name: "学校名称",
    schoolId: "统一社会信用代码",
    level: "层次",
    contact: "联系人",
    email: "邮箱",
    status: "状态",
  },
  status: { active: "有效", revoked: "已停用" },
  none: "尚未登记任何学校。",
} as const;
