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
