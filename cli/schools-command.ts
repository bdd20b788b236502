import type { Command } from "commander";
import { createAwsClients } from "../shared/aws/clients.ts";
import { DynamoSchoolRepository } from "../shared/aws/dynamodb-schools.ts";
import { loadCall } from "../shared/call/load-call.ts";
import { SCHOOLS_TEXT } from "../shared/messages/cli.ts";
import { registerSchool, reissueToken } from "../shared/schools/register-school.ts";
import { SchoolAlreadyRegistered, SchoolNotFound } from "../shared/submissions/errors.ts";
import type { SchoolRecord } from "../shared/submissions/records.ts";
import { displayWidth, padEnd } from "./display-width.ts";
import { registerSchoolsDetails } from "./schools-details.ts";
import { registerSchoolsImport } from "./schools-import.ts";
import { registerSchoolsInvite } from "./schools-invite.ts";
import { type Endpoint, resolveTarget, type Target, TargetUnavailable } from "./target.ts";
import { UsageError } from "./usage-error.ts";

interface TargetOption {
  endpoint?: Endpoint;
  json?: boolean;
}

async function schoolRegister(
  options: TargetOption,
): Promise<{ repository: DynamoSchoolRepository; target: Target }> {
  try {
    const target = await resolveTarget(options.endpoint);
    return {
      repository: new DynamoSchoolRepository(createAwsClients(target.connection).document, target.table),
      target,
    };
  } catch (error) {
    if (error instanceof TargetUnavailable) throw new UsageError(error.message, { cause: error });
    throw error;
  }
}

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** `shenbao schools add|list|token|revoke`: the operator's register of colleges and their tokens. */
export function registerSchoolsCommand(program: Command, setExitCode: (code: number) => void): void {
  const schools = program.command("schools").description("Register colleges and manage their upload tokens");
  const target = (command: Command) =>
    command
      .option(
        "--endpoint <endpoint>",
        "local (the stack `npm start` runs) or aws (SHENBAO_TABLE and AWS credentials)",
      )
      .option("--json", "machine-readable output");

  target(
    schools
      .command("add")
      .description("Register a college and print its token (shown once, stored only as a hash)")
      .requiredOption("--name <name>", "full name, as on the college's seal")
      .requiredOption("--credit-code <code>", "统一社会信用代码 (18 characters)")
      .requiredOption("--level <level>", "专科 or 本科")
      .requiredOption("--contact <name>", "contact person")
      .requiredOption("--email <address>", "where receipts go")
      .requiredOption("--phone <number>", "contact phone"),
  ).action(
    async (
      opts: TargetOption & Record<"name" | "creditCode" | "level" | "contact" | "email" | "phone", string>,
    ) => {
      const { repository, target } = await schoolRegister(opts);
      try {
        const outcome = await registerSchool(
          {
            name: opts.name,
            creditCode: opts.creditCode,
            level: opts.level,
            contactName: opts.contact,
            email: opts.email,
            phone: opts.phone,
          },
          { ctx: loadCall(target.env), schools: repository, now: new Date() },
        );
        if (outcome.kind === "invalid") {
          if (opts.json) out(JSON.stringify({ registered: false, findings: outcome.findings }, null, 2));
          else
            out(
              [SCHOOLS_TEXT.invalid, ...outcome.findings.map((f) => `  - ${f.message} ${f.fix}`)].join("\n"),
            );
          setExitCode(1);
          return;
        }
        const { school, token } = outcome;
        if (opts.json)
          out(JSON.stringify({ registered: true, school: publicSchool(school), token }, null, 2));
        else
          out(
            `${SCHOOLS_TEXT.registered(school.name, school.schoolId)}\n${SCHOOLS_TEXT.tokenOnce}\n  ${token}`,
          );
      } catch (error) {
        if (!(error instanceof SchoolAlreadyRegistered)) throw error;
        // A refusal, not a usage error: the command was right, the register already holds this college.
        if (opts.json) out(JSON.stringify({ registered: false, alreadyRegistered: error.schoolId }, null, 2));
        process.stderr.write(`${SCHOOLS_TEXT.alreadyRegistered(error.schoolId)}\n`);
        setExitCode(1);
      }
    },
  );

  target(schools.command("list").description("List registered colleges")).action(
    async (opts: TargetOption) => {
      const all = await (await schoolRegister(opts)).repository.listSchools();
      if (opts.json) {
        out(JSON.stringify({ schools: all.map(publicSchool) }, null, 2));
        return;
      }
      out(all.length === 0 ? SCHOOLS_TEXT.none : renderSchools(all));
    },
  );

  target(
    schools
      .command("token")
      .description("Issue a new token for a college; the old token stops working at once")
      .argument("<creditCode>", "the college's 统一社会信用代码"),
  ).action(async (schoolId: string, opts: TargetOption) => {
    const { repository } = await schoolRegister(opts);
    try {
      const token = await reissueToken(schoolId, { schools: repository, now: new Date() });
      out(
        opts.json
          ? JSON.stringify({ schoolId, token }, null, 2)
          : `${SCHOOLS_TEXT.reissued(schoolId)}\n  ${token}`,
      );
    } catch (error) {
      if (error instanceof SchoolNotFound) throw new UsageError(SCHOOLS_TEXT.notFound(schoolId));
      throw error;
    }
  });

  target(
    schools
      .command("revoke")
      .description("Disable a college's token")
      .argument("<creditCode>", "the college's 统一社会信用代码"),
  ).action(async (schoolId: string, opts: TargetOption) => {
    const { repository } = await schoolRegister(opts);
    try {
      await repository.revokeSchool(schoolId);
      out(opts.json ? JSON.stringify({ schoolId, revoked: true }) : SCHOOLS_TEXT.revoked(schoolId));
    } catch (error) {
      if (error instanceof SchoolNotFound) throw new UsageError(SCHOOLS_TEXT.notFound(schoolId));
      throw error;
    }
  });

  registerSchoolsImport(schools, setExitCode);
  registerSchoolsInvite(schools, setExitCode);
  registerSchoolsDetails(schools, setExitCode);
}

/** A school without its token hash: nothing an operator's screen or script needs. */
function publicSchool({ tokenHash: _hash, ...school }: SchoolRecord) {
  return school;
}

function renderSchools(all: readonly SchoolRecord[]): string {
  const c = SCHOOLS_TEXT.columns;
  const rows = all.map((s) => [
    s.name,
    s.schoolId,
    s.level,
    s.contactName,
    s.email,
    SCHOOLS_TEXT.status[s.status],
  ]);
  const header = [c.name, c.schoolId, c.level, c.contact, c.email, c.status];
  const widths = header.map((h, i) =>
    Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))),
  );
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => padEnd(cell, widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), widths.map((w) => "─".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}
