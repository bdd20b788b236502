import { Command, CommanderError, Help } from "commander";
import { COMMANDS, commandNamed } from "./command-index.ts";
import { UsageError } from "./usage-error.ts";

/** Exit codes: 0 every file accepted, 1 a file rejected, 2 the command was used wrongly. */
export const EXIT_USAGE = 2;

/**
 * The program with `load` commands defined by their modules ("all", or the one named) and the others only as the
 * top-level help lists them (cli/command-index.ts), so that a run loads no other command's dependencies.
 */
export async function buildProgram(
  setExitCode: (code: number) => void,
  load: "all" | string | undefined,
): Promise<Command> {
  const program = new Command("shenbao")
    .description("shenbao (申报): check, submit and administer applications to a call")
    .exitOverride()
    .showHelpAfterError();
  const listedOnly = new WeakMap<Command, string>();
  program.configureHelp({
    subcommandTerm(command) {
      return listedOnly.get(command) ?? Help.prototype.subcommandTerm.call(this, command);
    },
  });
  for (const entry of COMMANDS) {
    if (load === "all" || load === entry.name) (await entry.load())(program, setExitCode);
    else listedOnly.set(program.command(entry.name).description(entry.description), entry.term);
  }
  return program;
}

/** Runs the CLI and returns its exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let exitCode = 0;
  const program = await buildProgram((code) => {
    exitCode = code;
  }, commandNamed(argv));
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
