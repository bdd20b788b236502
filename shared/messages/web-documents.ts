/** The upload page's downloads of the generated 申报书 and 建设方案 (GET /api/me/documents/…), in Simplified Chinese. */
export const DOCUMENTS_PANEL_TEXT = {
  heading: "下载申报书和建设方案（Word）",
  intro:
    "以下文档由贵校已保存的申报书信息生成，格式符合通知要求（仿宋_GB2312 小四，固定行距16磅）。未填写的栏目留空，请补全后打印、签字、盖章，扫描后上传。",
  buttons: {
    application: "下载申报书（附件1）",
    plan: "下载建设方案提纲（附件2）",
  },
  /** The name offered when the browser cannot read the server's (a cross-origin page without exposed headers). */
  fallbackNames: {
    application: "申报书.docx",
    plan: "建设方案.docx",
  },
  downloading: "正在生成文档……",
  downloaded: (fileName: string) => `已下载：${fileName}`,
  noForm: "请先填写并保存申报书，再下载由它生成的文档。",
  failed: "下载失败：",
  network: "无法连接服务器，请检查网络后重试。",
} as const;
