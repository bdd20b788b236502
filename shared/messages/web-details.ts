/** The upload page's form for the summary table's details (附件3), in Simplified Chinese. */
export const DETAILS_FORM_TEXT = {
  heading: "申报汇总表信息",
  intro:
    "《申报汇总表》（通知附件3）中的以下信息请贵校填写一次，截止前可随时修改。申报专业、专业大类和专业类由系统根据已受理材料的文件名和专业目录自动填写，无需填写。",
  labels: {
    servedMajorGroup: "中心服务专业（群）",
    partner1: "合作企业（1）名称及企业荣誉等",
    partner2: "合作企业（2）名称及企业荣誉等",
    contactName: "联系人姓名",
    contactPhone: "联系电话",
  },
  hints: {
    servedMajorGroup: "按 2021 年教育部《职业教育专业目录》的专业名称填写，例如“数控技术专业群”。",
    partner1: "企业全称及其称号或荣誉，例如“××有限公司（国家专精特新“小巨人”企业）”。",
    partner2: "第二家合作企业的全称及其称号或荣誉。",
    contactName: "默认为登记的联系人，可修改。",
    contactPhone: "手机号码，或带区号的固定电话。",
  },
  save: "保存汇总表信息",
  saving: "正在保存……",
  saved: (at: string) => `已于 ${at} 保存。`,
  notYet: "尚未填写。",
  lastSaved: (at: string) => `最近一次保存于 ${at}。`,
  closed: "申报已截止，汇总表信息不能再修改；如需更正，请联系主管部门。",
  failed: "保存失败：",
  loadFailed: "暂时无法读取汇总表信息，请刷新页面重试。",
} as const;
