/**
 * The `shenbao` commands, in the order `shenbao --help` lists them, each with the line that help shows and the module
 * that defines it. A command's module (and the SDK clients, workbooks, documents it brings) is imported only when that
 * command runs or its own help is asked for; the top-level help is written from this table alone.
 * test/unit/cli/command-index.test.ts holds the table to the modules: the help it gives equals theirs.
 */
import type { Command } from "commander";

type SetExitCode = (code: number) => void;
export type RegisterCommand = (program: Command, setExitCode: SetExitCode) => void;

export interface CommandEntry {
  name: string;
  /** How the top-level help names it: the name, `[options]` when it has any, its arguments. */
  term: string;
  description: string;
  load(): Promise<RegisterCommand>;
}

export const COMMANDS: readonly CommandEntry[] = [
  {
    name: "check",
    term: "check [options] <files...>",
    description: "Check PDF files against the call's rules, exactly as the upload pipeline would",
    load: async () => (await import("./check-command.ts")).registerCheckCommand,
  },
  {
    name: "schools",
    term: "schools",
    description: "Register colleges and manage their upload tokens",
    load: async () => (await import("./schools-command.ts")).registerSchoolsCommand,
  },
  {
    name: "submissions",
    term: "submissions",
    description: "Watch submissions and read their history",
    load: async () => (await import("./submissions-command.ts")).registerSubmissionsCommand,
  },
  {
    name: "export",
    term: "export",
    description: "Export the summary table (附件3) and the reviewers' bundle",
    load: async () => (await import("./export-command.ts")).registerExportCommand,
  },
  {
    name: "dlq",
    term: "dlq",
    description: "Inspect and re-drive uploads whose processing kept failing (the dead-letter queue)",
    load: async () => (await import("./dlq-command.ts")).registerDlqCommand,
  },
  {
    name: "remind",
    term: "remind [options]",
    description:
      "E-mail a deadline reminder to every active college without an accepted application, once per stage " +
      "(days before the deadline: --days, else SHENBAO_REMINDER_DAYS, else 7,3,1)",
    load: async () => (await import("./remind-command.ts")).registerRemindCommand,
  },
  {
    name: "mail",
    term: "mail",
    description: "E-mail that has not gone out (refused by SES): list it, send it again",
    load: async () => (await import("./mail-command.ts")).registerMailCommand,
  },
  {
    name: "documents",
    term: "documents [options] <school>",
    description:
      "Write a college's 申报书 and 建设方案 outline (.docx) generated from its stored application form",
    load: async () => (await import("./documents-command.ts")).registerDocumentsCommand,
  },
  {
    name: "doctor",
    term: "doctor [options]",
    description:
      "Check what would stop the call from working: SES sandbox and sender, deadline, dead letters, alarm subscriptions, CORS",
    load: async () => (await import("./doctor-command.ts")).registerDoctorCommand,
  },
  {
    name: "smoke",
    term: "smoke [options]",
    description: "Run one complete submission through the API with a test school, then remove its traces",
    load: async () => (await import("./smoke-command.ts")).registerSmokeCommand,
  },
  {
    name: "links",
    term: "links",
    description: "Reviewers' download links: list and revoke",
    load: async () => (await import("./links-command.ts")).registerLinksCommand,
  },
  {
    name: "application",
    term: "application",
    description: "A college's 申报书 form (附件1) and its eligibility pre-screen",
    load: async () => (await import("./application-command.ts")).registerApplicationCommand,
  },
];

/**
 * The command `argv` (as process.argv) names: its first operand, or the one after `help`. The root command takes no
 * option with a value, so the first argument that is not an option is the command.
 */
export function commandNamed(argv: readonly string[]): string | undefined {
  const operands = argv.slice(2).filter((arg) => !arg.startsWith("-"));
  return operands[0] === "help" ? operands[1] : operands[0];
}
