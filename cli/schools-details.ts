import type { Command } from "commander";
import type { ApplicationDetails } from "../shared/application/details.ts";
import { currentDetails, saveApplicationDetails } from "../shared/application/save-details.ts";
import { normalizeCreditCode } from "../shared/checks/credit-code.ts";
import { formatBeijingTime } from "../shared/messages/format.ts";
import { DETAILS_TEXT, OPERATOR_TEXT, SUBMISSIONS_TEXT } from "../shared/messages/operator.ts";
import { operator, type TargetOptions, withTarget } from "./operator-context.ts";
import { evidenceTextStore, formStore } from "./prescreen-export.ts";
import { json, out } from "./table.ts";
import { UsageError } from "./usage-error.ts";

interface DetailsOptions extends TargetOptions {
  servedGroup?: string;
  partner1?: string;
  partner2?: string;
  contact?: string;
  phone?: string;
}

const FIELDS = ["servedMajorGroup", "partner1", "partner2", "contactName", "contactPhone"] as const;

/**
 * `shenbao schools details ID [--served-group …]`: shows a college's details for the summary table, or sets them
 * from its paper form. Schools normally enter them themselves on the upload page (PUT /api/me/application).
 */
export function registerSchoolsDetails(schools: Command, setExitCode: (code: number) => void): void {
  withTarget(
    schools
      .command("details")
      .description(
        "Show a college's details for the summary table (附件3), or set them with the options (the others are kept)",
      )
      .argument("<creditCode>", "the college's 统一社会信用代码")
      .option("--served-group <text>", "中心服务专业（群）")
      .option("--partner1 <text>", "合作企业（1）名称及企业荣誉等")
      .option("--partner2 <text>", "合作企业（2）名称及企业荣誉等")
      .option("--contact <name>", "联系人姓名 (default: the college's registered contact)")
      .option("--phone <number>", "联系电话 (default: the college's registered phone)"),
  ).action(async (id: string, opts: DetailsOptions) => {
    const op = await operator(opts.endpoint);
    const schoolId = normalizeCreditCode(id);
    const school = await op.schools.getSchool(schoolId);
    if (!school) throw new UsageError(OPERATOR_TEXT.schoolNotFound(schoolId));
    const forms = formStore(op);
    const stored = await currentDetails(school, { forms, details: op.details });
    const given = {
      servedMajorGroup: opts.servedGroup,
      partner1: opts.partner1,
      partner2: opts.partner2,
      contactName: opts.contact,
      contactPhone: opts.phone,
    };
    if (Object.values(given).every((v) => v === undefined)) {
      if (opts.json) json({ schoolId, details: stored ?? null });
      else if (!stored) out(DETAILS_TEXT.none(school.name));
      else
        out(
          [
            DETAILS_TEXT.heading(
              school.name,
              formatBeijingTime(new Date(stored.updatedAt)),
              stored.updatedBy,
            ),
            ...lines(stored),
          ].join("\n"),
        );
      return;
    }
    const outcome = await saveApplicationDetails(
      school,
      {
        servedMajorGroup: given.servedMajorGroup ?? stored?.servedMajorGroup ?? "",
        partner1: given.partner1 ?? stored?.partner1 ?? "",
        partner2: given.partner2 ?? stored?.partner2 ?? "",
        contactName: given.contactName ?? stored?.contactName,
        contactPhone: given.contactPhone ?? stored?.contactPhone,
      },
      {
        ctx: op.ctx,
        forms,
        schools: op.schools,
        submissions: op.submissions,
        evidenceText: evidenceTextStore(op),
        now: new Date(),
        by: "operator",
      },
    );
    if (outcome.kind !== "saved") {
      const findings = outcome.kind === "invalid" ? outcome.findings : [];
      if (opts.json) json({ saved: false, findings });
      else out([DETAILS_TEXT.invalid, ...findings.map((f) => `  - ${f.message} ${f.fix}`)].join("\n"));
      setExitCode(1);
      return;
    }
    if (opts.json) json({ saved: true, details: outcome.details });
    else out([DETAILS_TEXT.saved(school.name), ...lines(outcome.details)].join("\n"));
  });
}

function lines(details: ApplicationDetails): string[] {
  return FIELDS.map((field) => `  ${SUBMISSIONS_TEXT.detailsLabel[field]}：${details[field]}`);
}
