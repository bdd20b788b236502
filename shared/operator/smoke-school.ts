/**
 * `shenbao smoke`'s test school: a credit code in a reserved range (administrative division 999999 exists nowhere,
 * so no real college can hold it), valid under GB 32100-2015, unique per second; a name that says what it is; and
 * a generated PDF under the call's official file name. Pure apart from pdf-lib.
 */
import { PDFDocument, StandardFonts } from "pdf-lib";
import type { CheckContext } from "../checks/context.ts";
import { computeCheckCharacter } from "../checks/credit-code.ts";
import { canonicalName } from "../checks/name-template.ts";
import type { SchoolIdentityInput } from "../checks/school-identity.ts";

/** The first 8 characters of every smoke school's credit code: registered by 机构编制 (1), 事业单位 (2), division 999999. */
export const SMOKE_CODE_PREFIX = "12999999";
export const SMOKE_SCHOOL_NAME = "申报系统冒烟测试职业学院";
const SMOKE_LEVEL = "专科";

export function isSmokeSchool(schoolId: string): boolean {
  return schoolId.startsWith(SMOKE_CODE_PREFIX);
}

/** The test school for a run at `now`, its receipt addressed to `email` (on AWS: an address SES may send to). */
export function smokeSchool(now: Date, email: string): SchoolIdentityInput {
  const first17 = `${SMOKE_CODE_PREFIX}${String(Math.floor(now.getTime() / 1000) % 1e9).padStart(9, "0")}`;
  return {
    name: SMOKE_SCHOOL_NAME,
    level: SMOKE_LEVEL,
    creditCode: first17 + computeCheckCharacter(first17),
    contactName: "冒烟测试",
    email,
    phone: "0371-69690000",
  };
}

/** The official name of the smoke school's file: the first major of its level in the call's catalog. */
export function smokeFileName(ctx: CheckContext): string {
  const major = ctx.catalog.entries.find((m) => m.level === SMOKE_LEVEL);
  if (!major) throw new Error(`the catalog has no ${SMOKE_LEVEL} major`);
  return canonicalName(ctx.call.nameTemplate, { school: SMOKE_SCHOOL_NAME, major: major.name });
}

/** A small valid A4 PDF with a title, as a school's export would be. */
export async function smokePdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (let i = 1; i <= 2; i += 1) {
    doc
      .addPage([595.28, 841.89])
      .drawText(`shenbao smoke test, page ${i}`, { x: 72, y: 740, size: 14, font });
  }
  doc.setTitle("shenbao smoke test");
  return doc.save();
}
