import { formatPageRefs } from "../application/page-refs.ts";
import { CONDITION_STATUS_LABELS, EVIDENCE_TEXT, RULE_LABELS } from "./prescreen.ts";

/** Numbers as a reader names them: "1–4" when consecutive, else "5、7、9". */
function numbers(list: readonly number[]): string {
  const sorted = [...list].sort((a, b) => a - b);
  const consecutive = sorted.every((n, i) => i === 0 || n === (sorted[i - 1] as number) + 1);
  return consecutive && sorted.length > 2 ? `${sorted[0]}–${sorted.at(-1)}` : sorted.join("、");
}

/** The reviewers' 资格初审表 (eligibility pre-screen table) and `submissions show`'s pre-screen, in Chinese. */
export const PRESCREEN_EXPORT_TEXT = {
  title: "资格初审表（申报条件机器初审，供评审专家参考）",
  sheetName: "资格初审表",
  pagesSheetName: "佐证页码索引",
  /** File name in the bundle, beside 申报汇总表.xlsx. */
  workbookFile: "资格初审表.xlsx",
  legend: "图例：",
  statusLabels: CONDITION_STATUS_LABELS,
  ruleLabels: RULE_LABELS,
  headIndex: "序号",
  headSchool: "学校名称",
  headMajor: "申报专业",
  condition: (number: number, title: string, mandatory: boolean) =>
    `条件${number}：${title}${mandatory ? "（必备）" : ""}`,
  headBasic: (mandatory: readonly number[]) => `基本条件（条件${numbers(mandatory)}）`,
  headOptional: (from: readonly number[], atLeast: number) =>
    `条件${numbers(from)}符合项数（须至少 ${atLeast} 项）`,
  headRule: "遴选规则",
  headExpert: "待专家判断细则数",
  headEvidence: "佐证材料页码核对",
  headEvidenceFile: "佐证材料",
  optionalCount: (met: number, from: number) => `${met}/${from}`,
  /** One criterion in a condition's cell. */
  criterionLine: (c: {
    id: string;
    text: string;
    status: string;
    machine: boolean;
    expected: string;
    found: string;
    pages: readonly number[];
  }) =>
    `【${c.status}】${c.id} ${c.text}` +
    (c.machine ? `：要求 ${c.expected}；实际 ${c.found}` : "") +
    (c.pages.length > 0 ? `；佐证第 ${formatPageRefs(c.pages)} 页` : ""),
  noForm: "尚未填写申报书",
  noEvidence: "尚无已受理的佐证材料",
  linkTooltip: (page: number) => `打开佐证材料第 ${page} 页`,
  fileTooltip: "打开佐证材料",
  page: (page: number) => `第${page}页`,
  pagesHeaders: ["学校名称", "项目", "结论及说明", "佐证页码（点击打开）"],
  pagesCriterion: (conditionNumber: number, id: string, text: string) =>
    `条件${conditionNumber} · ${id} ${text}`,
  pagesSection: (label: string) => `佐证核对 · ${label}`,
  evidenceNotChecked: EVIDENCE_TEXT.notYetAccepted,
  evidenceOk: "所引页码均在佐证材料范围内",
  /** The CLI. */
  written: (count: number, file: string) => `已导出 ${count} 所学校的资格初审表：${file}`,
  linksNote:
    "表中页码链接指向材料包中的佐证材料（佐证材料/…pdf#page=N）：请将本表放在 shenbao export bundle 生成的材料包目录中打开。",
  withoutForm: (names: readonly string[]) =>
    `以下 ${names.length} 所学校尚未填写申报书，初审各项为“资料不全”：${names.join("、")}`,
  noEligibility: "本次申报的配置未定义申报条件（eligibility），无法生成资格初审表。",
  bundleIncludes: (count: number) =>
    `材料包另含资格初审表（${count} 所学校），表中页码链接到材料包内的佐证材料。`,
  none: "目前没有学校填写申报书或有已受理的申报材料，资格初审表只有表头。",
  /** `submissions show` */
  showHeading: "资格初审（申报条件）",
  showNoForm: "学校尚未填写申报书，无法初审。",
  showCondition: (number: number, title: string, mandatory: boolean, status: string) =>
    `条件${number} ${title}${mandatory ? "（必备）" : ""}：${status}`,
  showGap: (id: string, text: string, status: string, expected: string, found: string) =>
    `${id} ${text}【${status}】要求 ${expected}；实际 ${found}`,
  showFix: (fix: string) => `处理：${fix}`,
  showExpertItems: (ids: readonly string[]) => `待专家判断：${ids.join("、")}`,
  showEvidence: "佐证材料页码核对：",
  showComputedAt: (at: string) => `（初审时间：${at}）`,
} as const;
