import { access } from "node:fs/promises";
import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { loadCall } from "../shared/call/load-call.ts";
import { SchoolLevel } from "../shared/call/schema.ts";
import { CHECK_TYPES_HELP, CLI_TEXT } from "../shared/messages/cli.ts";
import { createInspector } from "../shared/pdf/inspector.ts";
import { registerApplicationCommand } from "./application-command.ts";
import { runCheck } from "./check-command.ts";
import { registerDlqCommand } from "./dlq-command.ts";
import { registerDoctorCommand } from "./doctor-command.ts";
import { registerDocumentsCommand } from "./documents-command.ts";
import { registerExportCommand } from "./export-command.ts";
import { registerLinksCommand } from "./links-command.ts";
import { registerMailCommand } from "./mail-command.ts";
import { registerRemindCommand } from "./remind-command.ts";
import { registerSchoolsCommand } from "./schools-command.ts";
import { registerSmokeCommand } from "./smoke-command.ts";
import { registerSubmissionsCommand } from "./submissions-command.ts";
import { UsageError } from "./usage-error.ts";

/** Exit codes: 0 every file accepted, 1 a file rejected, 2 the command was used wrongly. */
export const EXIT_USAGE = 2;

function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command("shenbao")
    .description("shenbao (申报): check, submit and administer applications to a call")
    .exitOverride()
    .showHelpAfterError();

  program
    .command("check")
    .description("Check PDF files against the call's rules, exactly as the upload pipeline would")
    .argument("<files...>", "PDF files; each file's own base name is the name checked")
    .option(
      "--school <name>",
      "full name of the school the files are filed for (checks the name in the file name)",
    )
    .addOption(
      new Option(
        "--level <level>",
        "the school's level: 专科 or 本科 (checks the major against that catalog)",
      ).argParser((value) => {
        const parsed = SchoolLevel.safeParse(value);
        if (!parsed.success) throw new InvalidArgumentError(CLI_TEXT.unknownLevel(value));
        return parsed.data;
      }),
    )
    .option(
      "--type <documentType>",
      "document type id of the call: evidence, application or plan (see below)",
    )
    .option("--json", "machine-readable output")
    .option("--no-progress", "no progress line on stderr")
    .addHelpText("after", CHECK_TYPES_HELP)
    .action(
      async (
        files: string[],
        opts: { school?: string; level?: SchoolLevel; type?: string; json?: boolean; progress: boolean },
      ) => {
        const { call, catalog } = loadCall();
        const type = opts.type ?? call.defaultDocumentType;
        if (!call.documentTypes.some((d) => d.id === type)) {
          throw new UsageError(
            CLI_TEXT.unknownType(type, call.documentTypes.map((d) => `${d.id}（${d.label}）`).join("、")),
          );
        }
        for (const file of files) {
          await access(file).catch((cause: NodeJS.ErrnoException) => {
            throw new UsageError(CLI_TEXT.unreadable(file, cause.code ?? cause.message), { cause });
          });
        }
        const inspector = createInspector({ maxBytes: call.maxFileBytes });
        try {
          const code = await runCheck(
            files,
            { ...opts, type, progress: opts.progress && files.length > 1 && Boolean(process.stderr.isTTY) },
            { ctx: { call, catalog }, inspector, stdout: process.stdout, stderr: process.stderr },
          );
          setExitCode(code);
        } finally {
          await inspector.close();
        }
      },
    );

  registerSchoolsCommand(program, setExitCode);
  registerSubmissionsCommand(program);
  registerExportCommand(program, setExitCode);
  registerDlqCommand(program, setExitCode);
  registerRemindCommand(program, setExitCode);
  registerMailCommand(program, setExitCode);
  registerDocumentsCommand(program);
  registerDoctorCommand(program, setExitCode);
  registerSmokeCommand(program, setExitCode);
  registerLinksCommand(program);
  registerApplicationCommand(program, setExitCode);
  return program;
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync([...argv]);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return EXIT_USAGE;
    }
    throw error;
  }
}
