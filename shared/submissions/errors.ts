/** Named failures of the submission store, translated from the database's own errors at the adapter. */

export class SchoolAlreadyRegistered extends Error {
  override readonly name = "SchoolAlreadyRegistered";
  constructor(
    readonly schoolId: string,
    options?: ErrorOptions,
  ) {
    super(`school ${schoolId} is already registered`, options);
  }
}

export class SchoolNotFound extends Error {
  override readonly name = "SchoolNotFound";
  constructor(
    readonly schoolId: string,
    options?: ErrorOptions,
  ) {
    super(`school ${schoolId} is not registered`, options);
  }
}

export class SubmissionAlreadyExists extends Error {
  override readonly name = "SubmissionAlreadyExists";
  constructor(
    readonly submissionId: string,
    options?: ErrorOptions,
  ) {
    super(`submission ${submissionId} already exists`, options);
  }
}

/** A state change was asked for a submission that was never created (or a link's record was lost). */
export class SubmissionNotFound extends Error {
  override readonly name = "SubmissionNotFound";
  constructor(
    readonly submissionId: string,
    options?: ErrorOptions,
  ) {
    super(`submission ${submissionId} does not exist`, options);
  }
}

/** A conditional write lost: the record is not in the state the caller expected (another worker got there first). */
export class SubmissionStateConflict extends Error {
  override readonly name = "SubmissionStateConflict";
  constructor(
    readonly submissionId: string,
    readonly expected: string,
    options?: ErrorOptions,
  ) {
    super(`submission ${submissionId} is not ${expected}`, options);
  }
}

/**
 * A delivery's verdict (with its claim) was not recorded: another delivery of the same upload is at work on the
 * submission or has decided it (`another-delivery`), or a second upload through the link holds it
 * (`another-version`). Not a failure: the delivery stops and sends nothing.
 */
export class SubmissionTaken extends Error {
  override readonly name = "SubmissionTaken";
  constructor(
    readonly submissionId: string,
    readonly by: "another-delivery" | "another-version",
    options?: ErrorOptions,
  ) {
    super(`submission ${submissionId} is taken by ${by}`, options);
  }
}
