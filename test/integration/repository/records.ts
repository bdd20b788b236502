/** Realistic records for the repository tests: a Henan college, its uploads, and verdicts with findings. */
import { newSubmissionId } from "../../../shared/submissions/ids.ts";
import type {
  SchoolRecord,
  SubmissionRecord,
  SubmissionVerdict,
} from "../../../shared/submissions/records.ts";
import { hashToken } from "../../../shared/submissions/tokens.ts";

export const SCHOOL_ID = "12410000415804312X";
export const FILE_NAME = "河南职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf";

export function aSchool(overrides: Partial<SchoolRecord> = {}): SchoolRecord {
  return {
    schoolId: SCHOOL_ID,
    name: "河南职业技术学院",
    creditCode: SCHOOL_ID,
    level: "专科",
    contactName: "王老师",
    email: "shenbao@hnzj.example.cn",
    phone: "0371-12345678",
    tokenHash: hashToken("sbt_first-token"),
    tokenIssuedAt: "2024-11-01T02:00:00.000Z",
    status: "active",
    createdAt: "2024-11-01T02:00:00.000Z",
    ...overrides,
  };
}

/**
 * A PENDING submission whose ULID time is `createdAt`, so ids sort like creation times, with the school's snapshot
 * as the link request records it.
 */
export function aPendingSubmission(overrides: Partial<SubmissionRecord> = {}): SubmissionRecord {
  const createdAt = overrides.createdAt ?? "2024-11-15T01:00:00.000Z";
  const submissionId = overrides.submissionId ?? newSubmissionId(new Date(createdAt));
  const schoolId = overrides.schoolId ?? SCHOOL_ID;
  return {
    submissionId,
    schoolId,
    callId: "henan-2024",
    documentType: "evidence",
    fileName: FILE_NAME,
    objectKey: `uploads/${schoolId}/${submissionId}/${FILE_NAME}`,
    declaredSize: 2_345_678,
    state: "PENDING",
    createdAt,
    linkExpiresAt: "2024-11-15T01:15:00.000Z",
    school: {
      name: "河南职业技术学院",
      level: "专科",
      contactName: "王老师",
      email: "shenbao@hnzj.example.cn",
    },
    ...overrides,
  };
}

export function aVerdict(overrides: Partial<SubmissionVerdict> = {}): SubmissionVerdict {
  return {
    state: "REJECTED",
    size: 2_345_678,
    sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
    pageCount: 53,
    findings: [
      {
        code: "PDF_TOO_MANY_PAGES",
        severity: "error",
        field: "file",
        message: "文件共 53 页，超过佐证材料 50 页的上限",
        fix: "请删减至 50 页以内后重新上传",
        expected: "≤ 50",
        actual: "53",
      },
      {
        code: "PDF_NO_BOOKMARKS",
        severity: "warning",
        field: "file",
        message: "文件没有书签（目录）",
        fix: "建议按材料目录添加书签",
        // Optional fields left undefined, as the checks produce them: they must be dropped, not rejected.
        expected: undefined,
        actual: undefined,
      },
    ],
    receiptNumber: "SB20241115-7K3M9Q2XWD",
    processedAt: "2024-11-15T01:05:03.000Z",
    ...overrides,
  };
}

export function anAcceptedVerdict(overrides: Partial<SubmissionVerdict> = {}): SubmissionVerdict {
  return aVerdict({
    state: "ACCEPTED",
    pageCount: 48,
    findings: [],
    version: 1,
    replaces: undefined,
    ...overrides,
  });
}
