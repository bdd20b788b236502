import { formatPageRefs } from "../application/page-refs.ts";

/** The eligibility pre-screen (资格初审) in Simplified Chinese: statuses, expected vs found, evidence findings. */

export const CONDITION_STATUS_LABELS = {
  met: "符合",
  "not-met": "不符合",
  expert: "待专家判断",
  incomplete: "资料不全",
} as const;

export const RULE_LABELS = {
  yes: "满足",
  no: "不满足",
  incomplete: "资料不全，尚不能判断",
} as const;

const OP_TEXT = { ">=": "≥", "<=": "≤", ">": ">" } as const;

function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}

export const PRESCREEN_TEXT = {
  expected: (op: keyof typeof OP_TEXT, threshold: number, unit: string) =>
    `${OP_TEXT[op]} ${num(threshold)} ${unit}`,
  expectedEngineering: (
    op: keyof typeof OP_TEXT,
    threshold: number,
    unit: string,
    engineering: number,
    decided: { major: string; category: string; engineering: boolean } | undefined,
  ) => {
    const base = `${OP_TEXT[op]} ${num(threshold)} ${unit}（工科类专业 ${OP_TEXT[op]} ${num(engineering)} ${unit}）`;
    if (!decided) return `${base}；申报专业的专业大类未能确定`;
    return `${base}；申报专业“${decided.major}”属${decided.category}，${decided.engineering ? "为工科类，适用" : "非工科类，适用"} ${OP_TEXT[op]} ${num(decided.engineering ? engineering : threshold)} ${unit}`;
  },
  found: (value: number, unit: string) => `${num(value)} ${unit}`,
  foundSum: (value: number, unit: string, parts: number) => `合计 ${num(value)} ${unit}（${parts} 项）`,
  foundEach: (values: { label: string; value: number | undefined }[], unit: string) =>
    values.map((v) => `${v.label}：${v.value === undefined ? "未填" : `${num(v.value)} ${unit}`}`).join("；"),
  notFilled: (labels: string[]) => `未填写：${labels.join("、")}`,
  engineeringUnknown: "申报专业未填写或不在专业目录中，无法确定是否适用工科类标准；请填写目录中的专业名称。",
  yes: "是",
  no: "否",
  yesNoExpected: (expected: boolean) => (expected ? "是" : "否"),
  countExpected: (atLeast: number, unit: string) => `至少 ${atLeast} ${unit}`,
  countFound: (counted: number, unit: string, listed: number) =>
    `符合要求的 ${counted} ${unit}（共填写 ${listed} 项）`,
  compareExpected: (op: keyof typeof OP_TEXT, otherLabel: string, other: number | undefined, unit: string) =>
    `${OP_TEXT[op]} ${otherLabel}${other === undefined ? "" : `（${num(other)} ${unit}）`}`,
  memberExpected: (subject: string, list: readonly string[]) =>
    `每家${subject}至少具有以下称号之一：${list.join("、")}`,
  memberFound: (subjects: { n: number; titles: readonly string[] | undefined }[], subject: string) =>
    subjects
      .map((s) => `${subject}（${s.n}）：${s.titles?.length ? s.titles.join("、") : "未填写称号"}`)
      .join("；"),
  memberUnlisted: "所填称号不在通知列举的范围内（通知列举以“等”结尾），由专家判断是否相当。",
  expertExpected: "由评审专家判断",
  expertFound: "机器不判定，请专家审阅申报书及佐证材料",
  noSubjects: (subject: string) => `尚未填写${subject}`,
  /** How to close a gap, shown to the school. */
  fixIncomplete: "请在申报书中填写上述项目。",
  fixNotMet: "按申报书所填数据，此项未达到通知要求；如填写有误请更正，否则此项条件不符合。",
  overall: (r: {
    basic: "yes" | "no" | "incomplete";
    optionalMet: number;
    optionalFrom: number;
    atLeast: number;
    rule: "yes" | "no" | "incomplete";
    expertPending: number;
  }) =>
    `基本条件：${RULE_LABELS[r.basic]}；第二部分条件符合 ${r.optionalMet}/${r.optionalFrom} 项（须至少 ${r.atLeast} 项）；遴选规则：${RULE_LABELS[r.rule]}${r.expertPending > 0 ? `（另有 ${r.expertPending} 项须专家判断）` : ""}。`,
} as const;

/** The evidence-reference checks: codes and their texts. */
export type EvidenceCode =
  | "EVIDENCE_NOT_YET_ACCEPTED"
  | "EVIDENCE_PAGES_MISSING"
  | "EVIDENCE_PAGE_OUT_OF_RANGE"
  | "EVIDENCE_CLAIM_FOUND"
  | "EVIDENCE_CLAIM_NOT_FOUND"
  | "EVIDENCE_PAGE_SCANNED";

export const EVIDENCE_TEXT = {
  notYetAccepted: "尚无已受理的佐证材料，暂不能核对所引页码；佐证材料受理后自动核对。",
  pagesMissing: (section: string) => `“${section}”未填写佐证材料页码；请填写佐证材料中证明该部分内容的页码。`,
  outOfRange: (section: string, pages: readonly number[], pageCount: number) =>
    `“${section}”引用的第 ${formatPageRefs(pages)} 页超出佐证材料的页数（共 ${pageCount} 页）；请核对页码。`,
  claimFound: (label: string, value: string, pages: readonly number[]) =>
    `${label}“${value}”见佐证材料第 ${formatPageRefs(pages)} 页。`,
  claimNotFound: (label: string, value: string, pages: readonly number[]) =>
    `在所引第 ${formatPageRefs(pages)} 页的文字中未找到${label}“${value}”；请核对页码或所填内容（仅供参考，不影响受理）。`,
  scanned: (section: string, pages: readonly number[]) =>
    `“${section}”所引第 ${formatPageRefs(pages)} 页为扫描页，需人工核对。`,
  /** The mark a reviewer sees beside a scanned page. */
  scannedMark: "扫描页，需人工核对",
} as const;
