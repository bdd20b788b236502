/** Registration and token replacement issue tokens that name their school, and they authenticate by it. */
import { describe, expect, it } from "vitest";
import { authenticateSchool } from "../../../shared/api/authenticate.ts";
import { computeCheckCharacter } from "../../../shared/checks/credit-code.ts";
import { registerSchool, reissueToken } from "../../../shared/schools/register-school.ts";
import { SchoolNotFound } from "../../../shared/submissions/errors.ts";
import { hashToken, parseToken } from "../../../shared/submissions/tokens.ts";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { fakeDependencies, registeredSchool } from "../functions/fake-dependencies.ts";

describe("tokens issued by registration and replacement", () => {
  it("name the registered school, and authenticate it", async () => {
    const deps = fakeDependencies();
    const { school, token } = await registeredSchool(deps);

    expect(parseToken(token)).toEqual({ kind: "named", schoolId: school.schoolId });
    expect(school.tokenHash).toBe(hashToken(token));
    expect(await authenticateSchool(`Bearer ${token}`, deps.schools)).toMatchObject({ ok: true, school });

    const next = await reissueToken(school.schoolId, { schools: deps.schools, now: new Date() });
    expect(parseToken(next)).toEqual({ kind: "named", schoolId: school.schoolId });
    expect(await authenticateSchool(`Bearer ${token}`, deps.schools)).toEqual({
      ok: false,
      reason: "unknown",
    });
    expect(await authenticateSchool(`Bearer ${next}`, deps.schools)).toMatchObject({ ok: true });
  });

  it("are not issued for an id no token can name: SchoolNotFound, as for any unknown id, with nothing written", async () => {
    const schools = new MemorySchoolRepository();
    for (const id of ["12410000mb1234567l", "school-a", ""]) {
      await expect(reissueToken(id, { schools, now: new Date() }), id).rejects.toThrow(SchoolNotFound);
    }
    expect(await schools.listSchools()).toEqual([]);
  });

  it("registration names the credit code as stored (normalised), not as typed", async () => {
    const deps = fakeDependencies();
    const first17 = "12410000MB0000042";
    const code = first17 + computeCheckCharacter(first17);
    const outcome = await registerSchool(
      {
        name: "河南工业职业技术学院",
        level: "专科",
        creditCode: ` ${code.slice(0, 8).toLowerCase()}-${code.slice(8).toLowerCase()} `,
        contactName: "李明",
        email: "office@school.edu.cn",
        phone: "0371-69691995",
      },
      { ctx: deps.ctx, schools: deps.schools, now: deps.clock() },
    );
    if (outcome.kind !== "registered") throw new Error(JSON.stringify(outcome));
    expect(outcome.school.schoolId).toBe(code);
    expect(outcome.token.startsWith(`sbt_${code}.`)).toBe(true);
    expect(await authenticateSchool(`Bearer ${outcome.token}`, deps.schools)).toMatchObject({ ok: true });
  });
});
