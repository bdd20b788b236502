import { describe, expect, it } from "vitest";
import { CHECK_LEVELS } from "../../../cli/check-command.ts";
import { COMMANDS, commandNamed } from "../../../cli/command-index.ts";
import { buildProgram } from "../../../cli/main.ts";
import { SchoolLevel } from "../../../shared/call/schema.ts";

const noExitCode = () => undefined;

describe("the command index (cli/command-index.ts)", () => {
  it("gives the same top-level help as the command modules themselves", async () => {
    const fromModules = (await buildProgram(noExitCode, "all")).helpInformation();
    expect(fromModules).toContain("documents [options] <school>");
    expect((await buildProgram(noExitCode, undefined)).helpInformation()).toBe(fromModules);
  });

  it.each(COMMANDS.map((c) => c.name))("lists %s as its module defines it", async (name) => {
    const loaded = await buildProgram(noExitCode, name);
    const command = loaded.commands.find((c) => c.name() === name);
    const entry = COMMANDS.find((c) => c.name === name);
    expect(command?.description()).toBe(entry?.description);
    expect(loaded.createHelp().subcommandTerm(command as NonNullable<typeof command>)).toBe(entry?.term);
    // Defined by its module: the subcommands and options the index does not know are there.
    expect(command?.commands.length || command?.options.length).toBeGreaterThan(0);
  });

  it("finds the command an argument list names", () => {
    expect(commandNamed(["node", "shenbao", "check", "a.pdf", "--json"])).toBe("check");
    expect(commandNamed(["node", "shenbao", "--help"])).toBeUndefined();
    expect(commandNamed(["node", "shenbao", "help", "schools"])).toBe("schools");
    expect(commandNamed(["node", "shenbao", "-h", "links", "list"])).toBe("links");
    expect(commandNamed(["node", "shenbao"])).toBeUndefined();
  });

  it("takes for --level exactly the levels of the call schema", () => {
    expect([...CHECK_LEVELS]).toEqual(SchoolLevel.options);
  });
});
