/**
 * After `shenbao` exits, nothing it started is left running: the CLI is spawned as the leader of a process group of
 * its own, and once it has exited the group must be empty (a leftover would be, for instance, an esbuild service
 * process or a worker's child, which used to outlive the command).
 */
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { samplePdf } from "../../infra/local/sample-pdf.ts";

const BIN = new URL("../../bin/shenbao.js", import.meta.url).pathname;

let dir: string;
let pdf: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "shenbao-pgroup-"));
  pdf = join(dir, "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf");
  await writeFile(pdf, await samplePdf({ pages: 3 }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI as the leader of a new process group; resolves with its exit code and the group's id. */
function runInOwnGroup(args: readonly string[]): Promise<{ code: number | null; group: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn("node", [BIN, ...args], { detached: true, stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", (code) => {
      if (child.pid === undefined) reject(new Error("the CLI did not start"));
      else resolve({ code, group: child.pid });
    });
  });
}

/** Whether any process (a zombie included) is still in the process group. */
function groupHasMembers(group: number): boolean {
  try {
    process.kill(-group, 0);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw error;
  }
}

// Each run starts node and, for check, the inspection worker: seconds on a busy machine.
describe("shenbao leaves no process behind", { timeout: 120_000 }, () => {
  it.each([
    [["check", "__PDF__", "--json"], 0],
    [["--help"], 0],
    [["check", "/nonexistent/x.pdf"], 2],
    // Refused by the option parser: the command never runs, and the inspector started early must not linger.
    [["check", "__PDF__", "--level", "硕士"], 2],
  ])("after %j", async (args, expectedCode) => {
    const { code, group } = await runInOwnGroup(args.map((a) => (a === "__PDF__" ? pdf : a)));
    expect(code).toBe(expectedCode);
    expect(groupHasMembers(group)).toBe(false);
  });
});
