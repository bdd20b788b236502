import type { SchoolRecord, SubmissionRecord } from "../submissions/records.ts";
import type { SchoolRepository, SubmissionRepository } from "../submissions/repository.ts";

/** One school's current accepted submission of one document type: what reviewers receive and the table lists. */
export interface CurrentApplication {
  school: SchoolRecord;
  documentType: string;
  submission: SubmissionRecord;
}

/** Reads at once, per school: a few hundred schools make a thousand small reads, done in seconds. */
const BATCH = 16;

/**
 * Every school's current accepted submission of each of `documentTypes`, following the application pointer (the
 * one record that says which accepted upload stands). A pointer at a submission that is not ACCEPTED cannot arise
 * from the pipeline's writes; such a pair is left out rather than exported. Revoked schools are included: revoking
 * a token withdraws access, not an application.
 */
export async function currentApplications(
  deps: {
    schools: Pick<SchoolRepository, "listSchools">;
    submissions: Pick<SubmissionRepository, "getApplication" | "getSubmission">;
  },
  documentTypes: readonly string[],
): Promise<{ applications: CurrentApplication[]; schools: SchoolRecord[] }> {
  const schools = await deps.schools.listSchools();
  const pairs = schools.flatMap((school) => documentTypes.map((documentType) => ({ school, documentType })));
  const applications: CurrentApplication[] = [];
  for (let i = 0; i < pairs.length; i += BATCH) {
    const found = await Promise.all(
      pairs.slice(i, i + BATCH).map(async ({ school, documentType }) => {
        const pointer = await deps.submissions.getApplication(school.schoolId, documentType);
        if (!pointer) return undefined;
        const submission = await deps.submissions.getSubmission(school.schoolId, pointer.currentSubmissionId);
        return submission?.state === "ACCEPTED" && submission.verdict
          ? { school, documentType, submission }
          : undefined;
      }),
    );
    applications.push(...found.filter((a): a is CurrentApplication => a !== undefined));
  }
  return { applications, schools };
}
