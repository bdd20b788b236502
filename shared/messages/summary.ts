/**
 * The notice's 附件3 as words: its title, the line under it, and its column heads. The notice heads both partner
 * columns "合作企业（1）…" (a slip in the original); the second is (2) here.
 */
export const SUMMARY_TEXT = {
  title: "河南省职业教育高水平专业化产教融合实训中心申报汇总表",
  sheetName: "申报汇总表",
  /** The line under the title, left for the recommending unit to fill in and stamp. */
  stampLine: ["推荐单位（盖章）：", "联系人：", "联系电话："],
  headers: [
    "序号",
    "学校名称",
    "申报专业",
    "中心服务专业（群）",
    "专业大类",
    "专业类",
    "合作企业（1）名称及企业荣誉等",
    "合作企业（2）名称及企业荣誉等",
    "联系人姓名",
    "联系电话",
  ],
  /** File names in the bundle. */
  workbookFile: "申报汇总表.xlsx",
} as const;
