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
import { samplePdf } from "../../infra/local/sample-pdf.ts";

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL("../../", import.meta.url));

let copy: string;

beforeAll(async () => {
  copy = await mkdtemp(join(tmpdir(), "shenbao-bundle-"));
  for (const part of ["bin", "cli", "shared", "package.json", join("infra", "local", "sample-pdf.ts")]) {
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

/**
 * In a process of its own, as the CLI runs it: starts the build's inspection worker from its loader, inspects a PDF
 * and reports whether the worker wrote its code cache anew (it does when V8 refuses the one it found).
 */
const WORKER_RUN = `
  const { Worker } = require("node:worker_threads");
  const [loader, pdf] = process.argv.slice(1);
  const worker = new Worker(loader, { execArgv: [] });
  let rewritten = false;
  worker.on("message", (message) => {
    if (message.type === "code-cache-written") rewritten = true;
    if (message.type === "ready") {
      const bytes = new Uint8Array(require("node:fs").readFileSync(pdf));
      worker.postMessage({ id: 1, bytes }, [bytes.buffer]);
    }
    if (message.type === "result") {
      console.log(JSON.stringify({ pageCount: message.result.facts.pageCount, rewritten }));
      worker.terminate();
    }
  });`;

// Two builds of the whole CLI: tens of seconds on a busy machine.
describe("the CLI bundle", { timeout: 300_000 }, () => {
  it("is built on first use, lists its sources, and is rebuilt when one of them changes", async () => {
    const before = await shenbao("--help");
    expect(before.stdout).toContain("Reviewers' download links: list and revoke");
    const first = await current();
    expect(first.inputs).toEqual(
      expect.arrayContaining(["cli/main.ts", "cli/command-index.ts", "shared/pdf/inspect-worker.ts"]),
    );

    // The build's worker starts from the code cache the build wrote (after a first inspection): V8 takes it.
    const buildDir = join(copy, "dist", "cli", first.dir);
    await expect(readFile(join(buildDir, "inspect-worker.cache"))).resolves.toBeInstanceOf(Buffer);
    const pdf = join(copy, "three-pages.pdf");
    await writeFile(pdf, await samplePdf({ pages: 3 }));
    const loader = join(buildDir, "inspect-worker-loader.cjs");
    const worker = await run("node", ["-e", WORKER_RUN, loader, pdf]);
    expect(JSON.parse(worker.stdout)).toEqual({ pageCount: 3, rewritten: false });

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
