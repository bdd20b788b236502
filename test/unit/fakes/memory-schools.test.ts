/** The in-memory school repository passes the same contract as the DynamoDB adapter, so unit tests may trust it. */
import { describe } from "vitest";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { describeSchoolRepositoryContract } from "../../integration/repository/school-repository-contract.ts";

describe("MemorySchoolRepository", () => {
  describeSchoolRepositoryContract(async () => {
    const schools = new MemorySchoolRepository();
    return {
      schools,
      indexLegacyToken: async (tokenHash, schoolId) => schools.indexLegacyToken(tokenHash, schoolId),
      hasTokenIndex: async (tokenHash) => schools.hasTokenIndex(tokenHash),
    };
  });
});
