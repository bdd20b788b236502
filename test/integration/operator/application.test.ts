/**
 * An operator's `shenbao application show|set` on the embedded stack, as a child process: a paper 申报书 entered
 * from a JSON file (validated by the form's schema, nothing saved on any problem, allowed after the deadline and
 * said so), then read back as labelled Chinese lines with its pre-screen, or as JSON.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJson, writeJson } from "../../../shared/config/local-stack-file.ts";
import { parse, passingInput } from "../../unit/prescreen/fixtures.ts";
import { college, DAY_MS, type OperatorStack, startOperatorStack } from "./harness.ts";

const A = college(31, { name: "河南郑州示例职业技术学院" });

/** Each CLI run is a child process starting Node and the SDK: several seconds apiece on a loaded machine. */
const CLI_TEST_MS = 180_000;

let stack: OperatorStack;

beforeAll(async () => {
  stack = await startOperatorStack();
  await stack.registerSchool(A);
}, 60_000);

afterAll(async () => {
  await stack?.stop();
});

async function formFile(name: string, content: unknown): Promise<string> {
  const path = join(stack.dir, name);
  await writeFile(path, typeof content === "string" ? content : JSON.stringify(content));
  return path;
}

async function shown(): Promise<{ form: unknown; updatedBy: string | null; prescreen: unknown }> {
  const result = await stack.cli(["application", "show", A.creditCode, "--json"]);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout);
}

describe("shenbao application", () => {
  it(
    "says a school has no form yet",
    async () => {
      const result = await stack.cli(["application", "show", A.creditCode]);
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(`${A.name} 尚未填写申报书。`);
      expect((await shown()).form).toBeNull();
    },
    CLI_TEST_MS,
  );

  it(
    "refuses a malformed form field by field, in Chinese, and saves none of it",
    async () => {
      const input = passingInput();
      const bad = {
        ...input,
        basic: {
          ...input.basic,
          school: { ...input.basic?.school, pages: "第十二页" },
          partners: [{ ...input.basic?.partners?.[0], creditCode: "91410100MA44ABCD10" }],
        },
      };
      const result = await stack.cli([
        "application",
        "set",
        A.creditCode,
        "--file",
        await formFile("bad.json", bad),
      ]);

      expect(result.code).toBe(1);
      expect(result.stdout).toContain("申报书未保存");
      expect(result.stdout).toContain("学校基本信息佐证材料页码（basic.school.pages）");
      expect(result.stdout).toContain("basic.partners.0.creditCode");
      expect((await shown()).form).toBeNull();
    },
    CLI_TEST_MS,
  );

  it(
    "answers a file that is not JSON with a usage error",
    async () => {
      const result = await stack.cli([
        "application",
        "set",
        A.creditCode,
        "--file",
        await formFile("broken.json", "{ basic: "),
      ]);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain("不是有效的 JSON");
      expect((await shown()).form).toBeNull();
    },
    CLI_TEST_MS,
  );

  it(
    "enters a paper form, recomputes its pre-screen, and shows it with Chinese labels",
    async () => {
      const file = await formFile("form.json", { form: passingInput() });
      const set = await stack.cli(["application", "set", A.creditCode, "--file", file]);
      expect(set.code).toBe(0);
      expect(set.stdout).toContain(`已保存 ${A.name} 的申报书`);
      expect(set.stdout).not.toContain("截止时间");
      expect(set.stdout).toContain("资格初审");

      const json = await shown();
      expect(json.form).toEqual(parse(passingInput()));
      expect(json.updatedBy).toBe("operator");
      expect(json.prescreen).toMatchObject({ callId: stack.dependencies.ctx.call.id });

      const text = await stack.cli(["application", "show", A.creditCode]);
      expect(text.code).toBe(0);
      expect(text.stdout).toContain(`${A.name} 的申报书（操作员于`);
      expect(text.stdout).toContain("学校名称：郑州示例职业技术学院");
      expect(text.stdout).toContain("学校基本信息佐证材料页码：1");
      expect(text.stdout).toContain("合作企业（1）名称：河南示例数智科技有限公司");
      expect(text.stdout).toMatch(/条件1.*符合/u);
    },
    CLI_TEST_MS,
  );

  it(
    "lets an operator enter a form after the deadline, and says so",
    async () => {
      // The CLI takes the running stack's deadline from its stack file: the same stack, its deadline past.
      const running = await readJson<Record<string, unknown>>(stack.stackFile);
      const pastFile = join(stack.dir, "stack-past.json");
      await writeJson(pastFile, { ...running, deadline: new Date(Date.now() - DAY_MS).toISOString() });
      const input = passingInput();
      const changed = { ...input, basic: { ...input.basic, servedMajorGroup: "大数据与会计专业群" } };

      const set = await stack.cli(
        ["application", "set", A.creditCode, "--file", await formFile("late.json", changed)],
        {
          SHENBAO_STACK_FILE: pastFile,
        },
      );

      expect(set.code).toBe(0);
      expect(set.stdout).toContain("申报截止时间");
      expect(set.stdout).toContain("已过；操作员仍可根据纸质申报书录入");
      expect(((await shown()).form as { basic: { servedMajorGroup: string } }).basic.servedMajorGroup).toBe(
        "大数据与会计专业群",
      );
    },
    CLI_TEST_MS,
  );
});
