import { basename } from "node:path";
import { CLI_TEXT } from "../shared/messages/cli.ts";
import type { CheckedFile } from "./check-run.ts";
import { displayWidth, padEnd, truncateMiddle } from "./display-width.ts";

const FILE_COLUMN_MAX = 56;

/** The human report: a summary table, then each file's findings with how to fix them. */
export function renderReport(results: readonly CheckedFile[]): string {
  const rows = results.map(({ file, examination: e }) => {
    const errors = e.findings.filter((f) => f.severity === "error").length;
    return [
      truncateMiddle(basename(file), FILE_COLUMN_MAX),
      `${e.verdict === "accepted" ? "✔" : "✘"} ${CLI_TEXT.verdict[e.verdict]}`,
      CLI_TEXT.pagesValue(e.pageCount),
      CLI_TEXT.findingCount(errors, e.findings.length - errors),
    ];
  });
  const header = [
    CLI_TEXT.columns.file,
    CLI_TEXT.columns.verdict,
    CLI_TEXT.columns.pages,
    CLI_TEXT.columns.findings,
  ];
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))),
  );
  const line = (cells: string[]) =>
    cells
      .map((c, i) => padEnd(c, widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const out = [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line), ""];

  for (const { file, examination: e } of results) {
    if (e.findings.length === 0) continue;
    out.push(`${e.verdict === "accepted" ? "✔" : "✘"} ${basename(file)}`);
    out.push(`  ${CLI_TEXT.sha256Label} ${e.sha256}`);
    for (const f of e.findings) {
      out.push(`  [${CLI_TEXT.severity[f.severity]}] ${f.code}  ${f.message}`);
      out.push(`      ${CLI_TEXT.fixLabel}：${f.fix}`);
    }
    out.push("");
  }
  const accepted = results.filter((r) => r.examination.verdict === "accepted").length;
  out.push(CLI_TEXT.summary(accepted, results.length), "");
  return out.join("\n");
}
