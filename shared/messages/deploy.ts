/** What synthesis tells an operator in Chinese, beside the English (infra/config.ts). */
export const DEPLOY_TEXT = {
  deadlinePassed: (deadline: string) =>
    `截止时间 ${deadline} 已过，部署后所有上传都会被拒绝。请用 -c deadline=<ISO 8601 带时区的时间> 设定本次申报的截止时间；` +
    "仅在部署存档或测试时加 -c allowPastDeadline=true。",
} as const;
