import { afterAll, beforeAll } from "vitest";
import { DynamoSubmissionRepository } from "../../../shared/aws/dynamodb-submissions.ts";
import { type LocalDynamo, startLocalDynamo } from "./dynalite.ts";
import { describeApplicationPointerContract } from "./submission-repository-contract.ts";

let dynamo: LocalDynamo;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

describeApplicationPointerContract(
  async () => new DynamoSubmissionRepository(dynamo.doc, await dynamo.createTable()),
);
