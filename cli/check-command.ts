import { type Command, InvalidArgumentError, Option } from "commander";
import type { SchoolLevel } from "../shared/call/schema.ts";
import { CHECK_TYPES_HELP, CLI_TEXT } from "../shared/messages/cli.ts";
import type { CheckCommandOptions } from "./check-run.ts";

/**
 * The levels `--level` takes: the call schema's SchoolLevel, listed here so that defining the command loads no
 * schema library (test/unit/cli/command-index.test.ts holds the two equal).
 */
export const CHECK_LEVELS: readonly SchoolLevel[] = ["专科", "本科"];

/**
 * `shenbao check`: local files checked as the pipeline would check them. Defining it loads only commander and the
 * command's texts; when it runs, the inspection worker (pdf.js, the slowest part to start) is started first and
 * loads on its own thread while this one loads the call and the rules (check-run.ts).
 */
export function registerCheckCommand(program: Command, setExitCode: (code: number) => void): void {
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
        const level = CHECK_LEVELS.find((l) => l === value);
        if (!level) throw new InvalidArgumentError(CLI_TEXT.unknownLevel(value));
        return level;
      }),
    )
    .option(
      "--type <documentType>",
      "document type id of the call: evidence, application or plan (see below)",
    )
    .option("--json", "machine-readable output")
    .option("--no-progress", "no progress line on stderr")
    .addHelpText("after", CHECK_TYPES_HELP)
    .action(async (files: string[], opts: CheckCommandOptions) => {
      // Started already when bin/shenbao.js saw `check` on the command line; else now.
      const { checkInspector, releaseCheckInspector } = await import("./check-inspector.ts");
      const inspector = checkInspector();
      try {
        const { checkCommand } = await import("./check-run.ts");
        setExitCode(await checkCommand(files, opts, inspector));
      } finally {
        await releaseCheckInspector();
      }
    });
}
