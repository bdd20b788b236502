import { access, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { buildWeb, PageScriptOverBudget } from "../../../web/build.ts";
import { partOf, SCRIPT_BUDGET_BYTES } from "../../../web/script-size.ts";

const dirs: string[] = [];
const outDir = async () => {
  const dir = await mkdtemp(join(tmpdir(), "shenbao-page-budget-"));
  dirs.push(dir);
  return dir;
};

afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe("the upload page's script budget", () => {
  it("builds a minified script within 150,000 bytes, with zod's mini API only", async () => {
    const { script } = await buildWeb({ outDir: await outDir() });

    expect(SCRIPT_BUDGET_BYTES).toBe(150_000);
    expect(script.bytes).toBeLessThanOrEqual(SCRIPT_BUDGET_BYTES);
    expect(script.gzipBytes).toBeLessThan(script.bytes);
    const names = script.parts.map((part) => part.name);
    expect(names).toEqual(expect.arrayContaining(["web/src", "shared/checks", "zod/v4/core", "zod/v4/mini"]));
    expect(names.filter((name) => /^zod\/v4\/(classic|locales)/.test(name))).toEqual([]);
    // The parts account for the script, less esbuild's wrapper and the source map comment.
    const counted = script.parts.reduce((sum, part) => sum + part.bytes, 0);
    expect(counted).toBeLessThanOrEqual(script.bytes);
    expect(counted).toBeGreaterThan(script.bytes * 0.95);
  });

  it("fails the build over its budget, naming what the script is made of, and writes no page", async () => {
    const dir = await outDir();
    const build = buildWeb({ outDir: dir, scriptBudget: 1_000 });

    await expect(build).rejects.toThrow(PageScriptOverBudget);
    await expect(build).rejects.toThrow(/bytes minified \(budget 1000\)[\s\S]*web\/src/);
    await expect(access(join(dir, "index.html"))).rejects.toThrow(/ENOENT/);
  });

  it("counts bundled inputs under their package, zod under its sub-tree, sources under their folder", () => {
    expect(partOf("node_modules/zod/v4/core/schemas.js")).toBe("zod/v4/core");
    expect(partOf("node_modules/zod/mini/index.js")).toBe("zod/mini");
    expect(partOf("node_modules/zod/index.js")).toBe("zod");
    expect(partOf("../node_modules/@scope/pkg/dist/x.js")).toBe("@scope/pkg");
    expect(partOf("shared/messages/web.ts")).toBe("shared/messages");
    expect(partOf("web/src/view/result.ts")).toBe("web/src");
  });
});
