import type { MajorCatalog } from "../call/catalog.ts";
import type { CallDefinition } from "../call/schema.ts";
import type { SchoolRecord, SubmissionRecord } from "../submissions/records.ts";
import { callView } from "./call-view.ts";
import { submissionView } from "./submission-view.ts";

export interface ProfileInput {
  school: SchoolRecord;
  call: CallDefinition;
  catalog: MajorCatalog;
  /** The current submission per document type (null: none yet). */
  current: Record<string, string | null>;
  submissions: readonly SubmissionRecord[];
  now: Date;
}

/**
 * GET /api/me: the school as registered, what the call requires, and its submissions newest first, with the
 * current application per document type: everything the upload page shows before a file is chosen.
 */
export function profileView(input: ProfileInput) {
  const { school, call } = input;
  return {
    school: { name: school.name, level: school.level, contactName: school.contactName, email: school.email },
    call: callView(call, input.catalog),
    current: input.current,
    submissions: [...input.submissions]
      .sort((a, b) => (a.submissionId < b.submissionId ? 1 : -1))
      .map((s) => submissionView(call, s)),
    serverTime: input.now.toISOString(),
  };
}

export type ProfileView = ReturnType<typeof profileView>;
