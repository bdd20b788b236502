/** The DynamoDB form store on dynalite: the shared contract, plus a malformed stored item named as such. */
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DynamoApplicationFormStore, formKey } from "../../../shared/aws/dynamodb-application-forms.ts";
import { MalformedItem } from "../../../shared/aws/dynamodb-items.ts";
import { DynamoSubmissionRepository } from "../../../shared/aws/dynamodb-submissions.ts";
import { type LocalDynamo, startLocalDynamo } from "./dynalite.ts";
import { describeFormStoreContract } from "./form-store-contract.ts";
import { SCHOOL_ID } from "./records.ts";

let dynamo: LocalDynamo;
let tableName: string;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});

describe("DynamoApplicationFormStore", () => {
  describeFormStoreContract(async () => {
    tableName = await dynamo.createTable();
    return {
      forms: new DynamoApplicationFormStore(dynamo.doc, tableName),
      submissions: new DynamoSubmissionRepository(dynamo.doc, tableName),
    };
  });

  describe("reading a malformed item", () => {
    beforeEach(async () => {
      tableName = await dynamo.createTable();
    });

    it("throws MalformedItem naming the item, with the validation error as its cause", async () => {
      await dynamo.doc.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...formKey(SCHOOL_ID),
            schoolId: SCHOOL_ID,
            form: { basic: { partners: [{ creditCode: "not a code" }] } },
            updatedAt: "2024-11-10T02:00:00.000Z",
            updatedBy: "school",
          },
        }),
      );
      const error = await new DynamoApplicationFormStore(dynamo.doc, tableName)
        .getForm(SCHOOL_ID)
        .catch((e) => e);
      expect(error).toBeInstanceOf(MalformedItem);
      expect(error.message).toContain(`SCHOOL#${SCHOOL_ID}`);
      expect(error.cause).toBeDefined();
    });
  });
});
