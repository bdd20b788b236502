/** The in-memory submission store passes the same contract as the DynamoDB adapter, so unit tests may trust it. */
import { describe } from "vitest";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import {
  describeApplicationPointerContract,
  describeSubmissionRepositoryContract,
} from "../../integration/repository/submission-repository-contract.ts";

describe("MemorySubmissionRepository", () => {
  describeSubmissionRepositoryContract(async () => new MemorySubmissionRepository());
  describeApplicationPointerContract(async () => new MemorySubmissionRepository());
});
