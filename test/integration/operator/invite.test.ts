import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatBeijingTime } from "../../../shared/messages/format.ts";
import { college, type OperatorStack, startOperatorStack } from "./harness.ts";

let stack: OperatorStack;
const tokens: Record<string, string> = {};
const [a, b, revoked] = [college(1), college(2), college(3)];

beforeAll(async () => {
  stack = await startOperatorStack();
  for (const school of [a, b, revoked])
    tokens[school.creditCode] = (await stack.registerSchool(school)).token;
  await stack.repositories.schools.revokeSchool(revoked.creditCode);
});

afterAll(async () => {
  await stack?.stop();
});

const status = async (token: string) =>
  (await fetch(`${stack.baseUrl}/api/me`, { headers: { authorization: `Bearer ${token}` } })).status;

function tokenIn(text: string): string {
  const match = /学校令牌：(sbt_[0-9A-Z]{18}\.[A-Za-z0-9_-]{43})/.exec(text);
  if (!match?.[1]) throw new Error(`no token in ${text}`);
  return match[1];
}

describe("shenbao schools invite", () => {
  it("mails every active college its link, a fresh token and the call's requirements; old tokens stop working", async () => {
    const result = await stack.cli(["schools", "invite", "--all"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("已向 2 所学校发送邀请邮件");
    expect(result.stdout).not.toContain(revoked.name);

    const mails = (await stack.emails()).filter((m) => m.subject.startsWith("【申报邀请】"));
    expect(mails.map((m) => m.destination.to).sort()).toEqual([[a.email], [b.email]]);
    const mail = mails.find((m) => m.destination.to[0] === a.email);
    const text = mail?.body.text ?? "";
    expect(mail?.subject).toBe(
      `【申报邀请】2024年河南省职业教育高水平专业化产教融合实训中心申报——${a.name}的上传链接`,
    );
    const token = tokenIn(text);
    expect(text).toContain(`上传链接：${stack.baseUrl}/#token=${token}`);
    expect(text).toContain(`${a.name}职业教育高水平专业化产教融合实训中心申报材料（××专业）.pdf`);
    expect(text).toContain("佐证材料（不超过 50 页，请设置书签目录）");
    expect(text).toContain(`截止时间：${formatBeijingTime(new Date(stack.deadline))}`);
    expect(text).toContain("李明老师：您好！");
    expect(mail?.body.html).toContain(`href="${stack.baseUrl}/#token=${token}"`);

    expect(await status(token)).toBe(200);
    expect(await status(tokens[a.creditCode] as string)).toBe(401);
  });

  it("re-invites one college: its previous invitation's token stops working", async () => {
    const before = (await stack.emails()).filter((m) => m.destination.to[0] === b.email);
    const previous = tokenIn(before.at(-1)?.body.text ?? "");
    const result = await stack.cli(["schools", "invite", b.creditCode, "--json"]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      sent: [{ schoolId: b.creditCode, to: b.email }],
      failed: [],
    });
    const after = (await stack.emails()).filter((m) => m.destination.to[0] === b.email);
    expect(after).toHaveLength(before.length + 1);
    const fresh = tokenIn(after.at(-1)?.body.text ?? "");
    expect(await status(fresh)).toBe(200);
    expect(await status(previous)).toBe(401);
  });

  it("refuses unknown credit codes before sending anything", async () => {
    const count = (await stack.emails()).length;
    const [result, none] = await Promise.all([
      stack.cli(["schools", "invite", a.creditCode, "12410000MB99999990"]),
      stack.cli(["schools", "invite"]),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("未登记，未发送任何邀请：12410000MB99999990");
    expect(await stack.emails()).toHaveLength(count);
    expect(none.code).toBe(2);
  });

  it("does not invite a revoked college, even by name", async () => {
    const count = (await stack.emails()).length;
    const result = await stack.cli(["schools", "invite", revoked.creditCode]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("已停用，未发送");
    expect(await stack.emails()).toHaveLength(count);
  });
});
