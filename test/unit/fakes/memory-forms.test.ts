/** The in-memory form store passes the same contract as the DynamoDB adapter, so unit tests may trust it. */
import { describe } from "vitest";
import { MemoryApplicationForms } from "../../fakes/memory-forms.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { describeFormStoreContract } from "../../integration/repository/form-store-contract.ts";

describe("MemoryApplicationForms", () => {
  describeFormStoreContract(async () => {
    const submissions = new MemorySubmissionRepository();
    return { forms: new MemoryApplicationForms(submissions), submissions };
  });
});
