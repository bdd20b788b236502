/**
 * The CLI runs from a bundle (bin/cli-build.js), and a bundle older than its sources never runs: after a source is
 * edited, the next `shenbao` rebuilds first. Exercised on a copy of the project (bin/, cli/, shared/, package.json,
 * the same node_modules), so that the edit touches nothing of this checkout.
 */
import { execFile, spawn } from "node:child_process";
import { cp, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

let copy: string;

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), "shenbao-bundle-"));
  for (const part of ["bin", "cli", "shared", "package.json"]) {
    await cp(join(ROOT, part), join(copy, part), { recursive: true });
  }
  await symlink(join(ROOT, "node_modules"), join(copy, "node_modules"));
});

afterAll(async () => {
  await rm(copy, { recursive: true, force: true });
});

const shenbao = (...args: string[]) => run("node", [join(copy, "bin", "shenbao.js"), ...args]);
/** `shenbao --help` as the leader of a process group of its own: its output, and whether the group is empty after. */
function helpInOwnGroup(): Promise<{ stdout: string; groupEmpty: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn("node", [join(copy, "bin", "shenbao.js"), "--help"], { detached: true });
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.on("error", reject);
    child.on("close", () => {
      let groupEmpty = false;
      try {
        process.kill(-(child.pid as number), 0);
      } catch (error) {
        groupEmpty = (error as NodeJS.ErrnoException).code === "ESRCH";
      }
      resolve({ stdout, groupEmpty });
    });
  });
}

const current = async () =>
  JSON.parse(await readFile(join(copy, "dist", "cli", "current.json"), "utf8")) as {
    dir: string;
    inputs: string[];
  };

// Two builds of the whole CLI: tens of seconds on a busy machine.
describe("the CLI bundle", { timeout: 300_000 }, () => {
  it("is built on first use, lists its sources, and is rebuilt when one of them changes", async () => {
    const before = await shenbao("--help");
    expect(before.stdout).toContain("Reviewers' download links: list and revoke");
    const first = await current();
    expect(first.inputs).toEqual(
      expect.arrayContaining(["cli/main.ts", "cli/command-index.ts", "shared/pdf/inspect-worker.ts"]),
    );

    // A second run uses the same build.
    await shenbao("--help");
    expect((await current()).dir).toBe(first.dir);

    const index = join(copy, "cli", "command-index.ts");
    const source = await readFile(index, "utf8");
    await writeFile(index, source.replace("list and revoke", "list, revoke"));
    // Rebuilt by this run, whose esbuild service process must be gone (reaped) when it exits.
    const after = await helpInOwnGroup();
    expect(after.stdout).toContain("Reviewers' download links: list, revoke");
    expect(after.groupEmpty).toBe(true);
    expect((await current()).dir).not.toBe(first.dir);
  });
});
