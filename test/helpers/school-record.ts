import type { SchoolRecord } from "../../shared/submissions/records.ts";
import { SCHOOL } from "./call.ts";

/**
 * A registered, active school as the repositories store it: SCHOOL's name and level under `schoolId` (its credit
 * code), for unit tests that put it into an in-memory school repository.
 */
export function registeredSchool(
  schoolId = "12410000415804312X",
  registeredAt = "2024-11-01T02:00:00.000Z",
): SchoolRecord {
  return {
    schoolId,
    name: SCHOOL.name,
    creditCode: schoolId,
    level: SCHOOL.level,
    contactName: "王老师",
    email: "shenbao@hnzj.example.cn",
    phone: "0371-12345678",
    tokenHash: "0".repeat(64),
    tokenIssuedAt: registeredAt,
    status: "active",
    createdAt: registeredAt,
  };
}
