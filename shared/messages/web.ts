import type { Severity } from "../checks/finding.ts";
import type { SubmissionState } from "../submissions/states.ts";
import { formatBytes } from "./format.ts";

/**
 * Every text of the school's upload page (web/), in one place so that a reviewer can read and correct all of it
 * without reading code. Findings' own texts come from findings.ts, API errors' from api.ts.
 */

/** How long until the deadline, as a countdown reads: "3 天 04 小时 12 分 09 秒". */
function remaining(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const days = Math.floor(total / 86_400);
  const pad = (n: number) => String(n).padStart(2, "0");
  const clock = `${pad(Math.floor((total % 86_400) / 3600))} 小时 ${pad(Math.floor((total % 3600) / 60))} 分 ${pad(total % 60)} 秒`;
  return days > 0 ? `${days} 天 ${clock}` : clock;
}

/** "约 3 分 20 秒" / "约 12 秒" */
function duration(seconds: number): string {
  const s = Math.max(1, Math.round(seconds));
  if (s < 60) return `约 ${s} 秒`;
  if (s < 3600) return `约 ${Math.floor(s / 60)} 分 ${s % 60} 秒`;
  return `约 ${Math.floor(s / 3600)} 小时 ${Math.floor((s % 3600) / 60)} 分`;
}

export const WEB_TEXT = {
  page: {
    title: "申报材料在线提交",
    noscript:
      "本页面需要启用 JavaScript 才能使用。请在浏览器设置中启用 JavaScript，或换用最新版的浏览器打开本页面。",
    loading: "正在加载申报信息……",
    skipToUpload: "跳到“提交材料”",
    loadFailed: "无法加载申报信息。",
    retry: "重试",
    footer: "如有疑问，请联系：",
  },

  token: {
    heading: "进入申报",
    intro:
      "请使用主管部门邀请邮件中的专属链接打开本页面；也可以在下方粘贴邀请邮件中的学校令牌（以“sbt_”开头）。令牌只需输入一次，关闭本标签页后需重新输入。",
    label: "学校令牌",
    submit: "进入",
    empty: "请填写学校令牌。",
    rejected:
      "学校令牌无效或已被停用。请使用主管部门最新发送的邀请邮件中的链接或令牌；如有疑问，请联系主管部门。",
    signOut: "退出",
    signedInAs: (school: string, level: string) => `${school}（${level}）`,
    receiptsTo: (contact: string, email: string) => `联系人：${contact}，回执发送至 ${email}`,
  },

  call: {
    issuer: "发文单位",
    reference: "文号",
  },

  requirements: {
    heading: "申报要求",
    nameLabel: "文件命名",
    nameIntro: "文件须按通知要求命名，其中“××”为申报专业名称：",
    copyName: "复制文件名",
    copied: "已复制。请把文件名中的“××”改为申报专业名称。",
    copiedExact: "已复制规范文件名。",
    copyFailed: "无法自动复制，请手动选中文件名复制。",
    majorLabel: "按申报专业生成文件名",
    majorHint: (catalog: string) => `专业名称须与${catalog}一致，输入后可从列表中选择。`,
    majorResult: "规范文件名：",
    copyMajorName: "复制规范文件名",
    majorUnknown: (major: string, suggestions: string[]) =>
      suggestions.length > 0
        ? `“${major}”不在本校办学层次的专业目录中，您是否要填写：${suggestions.map((s) => `“${s}”`).join("、")}？`
        : `“${major}”不在本校办学层次的专业目录中，请按目录中的规范名称填写。`,
    formatLabel: "文件格式",
    format: (maxBytes: number) => `PDF 文件，单个文件不超过 ${formatBytes(maxBytes)}`,
    pagesLabel: "页数要求",
    pageLimit: (label: string, maxPages: number | undefined) =>
      maxPages === undefined ? `${label}：不限页数` : `${label}：不超过 ${maxPages} 页`,
    bookmarks: "（须设置书签作为目录索引）",
    deadlineLabel: "截止时间",
    countdown: (ms: number) => `还剩 ${remaining(ms)}`,
    closed: "申报已截止，不再受理新的提交。",
    onePerSchool: "每校限报一份；截止前可重新上传，新的有效提交将替代此前的提交，所有提交记录均会保留。",
  },

  status: {
    heading: "本校申报情况",
    currentNone: "尚未有已受理的材料",
    current: (receiptNumber: string, uploadedAt: string) =>
      `已受理，回执编号 ${receiptNumber}，提交于 ${uploadedAt}`,
    historyHeading: "提交记录",
    historyEmpty: "暂无提交记录。",
    columns: {
      time: "提交时间",
      type: "材料类型",
      file: "文件名",
      state: "状态",
      receipt: "回执编号",
      action: "操作",
    },
    view: "查看回执",
    viewLabel: (fileName: string) => `查看“${fileName}”的检查结果和回执`,
    notUploaded: "—",
  },

  states: {
    PENDING: "等待上传",
    PROCESSING: "正在检查",
    ACCEPTED: "已受理",
    REJECTED: "未通过检查",
    SUPERSEDED: "已被新提交替代",
    LATE: "逾期提交，不予受理",
  } satisfies Record<SubmissionState, string>,

  upload: {
    heading: "提交材料",
    typeLabel: "材料类型",
    fileLabel: "选择 PDF 文件",
    noFile: "尚未选择文件",
    fileHint: "也可以把文件拖到此处。选择后将立即检查文件名和格式，检查通过后才能上传。",
    dropMany: "一次只能提交一个文件，请只拖入一个 PDF 文件。",
    chosen: (name: string, size: number) => `已选择：${name}（${formatBytes(size)}）`,
    checking: "正在检查文件……",
    checkPassed: "文件名和文件格式检查通过，可以上传。",
    checkWarnings: (n: number) => `检查通过，另有 ${n} 项提示（不影响上传，建议按提示修改）。`,
    checkFailed: (n: number) => `发现 ${n} 项问题，须按提示修改后重新选择文件，才能上传。`,
    readFailed: "无法读取所选文件，请确认文件没有被移动或删除，然后重新选择。",
    submit: "开始上传",
    requesting: "正在申请上传链接……",
    progressLabel: "上传进度",
    progress: (percent: number) => `${percent}%`,
    progressDetail: (loaded: number, total: number, bytesPerSecond: number | null) => {
      const base = `已上传 ${formatBytes(loaded)} / ${formatBytes(total)}`;
      if (bytesPerSecond === null || bytesPerSecond <= 0) return base;
      const left = (total - loaded) / bytesPerSecond;
      return `${base}，${formatBytes(Math.round(bytesPerSecond))}/秒，剩余${duration(left)}`;
    },
    uploadStarted: (name: string) => `正在上传“${name}”……`,
    cancel: "取消上传",
    cancelled: "已取消上传。可以重新选择文件或再次上传。",
    uploaded: "上传完成，正在检查文件内容，通常几秒钟内出结果……",
    queued: "文件已上传，正在排队等待检查……",
    processing: "正在检查文件内容……",
    again: "重新上传",
    chooseAnother: "重新选择文件",
  },

  errors: {
    network: "网络连接中断，文件未能上传完成。请检查网络连接后点击“重试”。",
    apiNetwork: "无法连接申报系统，请检查网络连接后重试。",
    linkExpiredRetrying: "上传链接已过期，正在自动申请新的链接并重新上传……",
    linkExpired: "上传链接已过期，文件未能上传。请点击“重新上传”；如网络较慢，请换用较快的网络。",
    sizeChanged: "上传的文件大小与检查时不一致，文件可能在上传过程中被修改。请重新选择文件后上传。",
    storageRefused: (code: string) =>
      `存储服务拒绝了本次上传（${code}）。请点击“重新上传”；如反复出现，请联系主管部门。`,
    server: "申报系统暂时无法处理请求，请稍后点击“重试”。如持续出现，请联系主管部门。",
    deadline: "申报已截止，本次文件未上传。",
    serverChecks: "申报系统检查发现以下问题，文件未上传：",
    pollSlow: "文件已上传，但检查结果尚未返回。请稍后点击“继续等待”，或在“提交记录”中查看。",
    pollRetrying: "暂时无法获取检查结果，正在重试……",
    keepWaiting: "继续等待",
  },

  findings: {
    heading: "检查结果",
    severity: { error: "错误", warning: "提示", info: "建议" } satisfies Record<Severity, string>,
    fix: "处理办法：",
    none: "未发现问题。",
  },

  verdict: {
    ACCEPTED: "已受理",
    REJECTED: "未通过检查，未被受理",
    LATE: "逾期提交，不予受理",
    SUPERSEDED: "已受理（已被更新的提交替代）",
    heading: (state: string) => `检查结果：${state}`,
    acceptedNext:
      "本次提交已受理，无需其他操作。截止时间前如需更正，可重新上传，新的有效提交将替代本次提交。",
    rejectedNext: "请按上述处理办法修改文件后，在截止时间前重新上传。此前已受理的提交（如有）仍然有效。",
    lateNext: "本次提交完成于截止时间之后，不予受理。此前已受理的提交（如有）仍然有效。",
  },

  receipt: {
    heading: "提交回执",
    print: "打印回执",
    printInWechat: "微信内无法直接打印：请点击右上角“…”，选择“在浏览器打开”后再打印；也可以截屏保存本回执。",
    call: "申报项目",
    number: "回执编号",
    school: "学校",
    type: "材料类型",
    file: "文件名",
    uploadedAt: "提交时间",
    verdict: "检查结论",
    pages: "页数",
    pagesValue: (n: number | null) => (n === null ? "无法读取" : `${n} 页`),
    size: "文件大小",
    sha256: "SHA-256",
    findings: "检查发现",
    version: "版本",
    versionValue: (version: number, replaces: string | null) =>
      `第 ${version} 次有效提交${replaces ? `，替代回执编号 ${replaces} 的提交` : ""}`,
    submissionId: "提交编号",
    emailed: (email: string, at: string) => `回执邮件已于 ${at} 发送至 ${email}。`,
    willEmail: (email: string) => `回执邮件将发送至 ${email}。`,
    printedAt: (at: string) => `本回执打印于 ${at}`,
  },
} as const;
