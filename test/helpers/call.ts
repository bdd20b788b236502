import { HENAN_2024 } from "../../shared/call/henan-2024.ts";
import { resolveCall } from "../../shared/call/load-call.ts";
import type { CallDefinitionInput } from "../../shared/call/schema.ts";
import type { CheckContext } from "../../shared/checks/context.ts";

/** The built-in Henan 2024 call and catalog, optionally with some fields of the call replaced. */
export function henanContext(changes: Partial<CallDefinitionInput> = {}): CheckContext {
  return resolveCall({ ...HENAN_2024, ...changes });
}

export const SCHOOL = { name: "河南工业职业技术学院", level: "专科" as const };
export const GOOD_NAME =
  "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf";
