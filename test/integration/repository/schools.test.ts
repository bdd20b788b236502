import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tokenItem, tokenKey } from "../../../shared/aws/dynamodb-items.ts";
import { DynamoSchoolRepository } from "../../../shared/aws/dynamodb-schools.ts";
import { hashToken } from "../../../shared/submissions/tokens.ts";
import { type LocalDynamo, startLocalDynamo } from "./dynalite.ts";
import { aSchool, SCHOOL_ID } from "./records.ts";
import { describeSchoolRepositoryContract } from "./school-repository-contract.ts";

let dynamo: LocalDynamo;
let tableName: string;
let schools: DynamoSchoolRepository;

beforeAll(async () => {
  dynamo = await startLocalDynamo();
});
afterAll(async () => {
  await dynamo?.stop();
});
beforeEach(async () => {
  tableName = await dynamo.createTable();
  schools = new DynamoSchoolRepository(dynamo.doc, tableName);
});

describe("DynamoSchoolRepository", () => {
  describeSchoolRepositoryContract(async () => {
    const table = await dynamo.createTable();
    return {
      schools: new DynamoSchoolRepository(dynamo.doc, table),
      indexLegacyToken: async (tokenHash, schoolId, issuedAt) => {
        await dynamo.doc.send(
          new PutCommand({ TableName: table, Item: tokenItem(tokenHash, schoolId, issuedAt) }),
        );
      },
      hasTokenIndex: async (tokenHash) =>
        (
          await dynamo.doc.send(
            new GetCommand({ TableName: table, Key: tokenKey(tokenHash), ConsistentRead: true }),
          )
        ).Item !== undefined,
    };
  });
});

describe("registering and listing schools", () => {
  it("keeps the SDK error as the cause of SchoolAlreadyRegistered", async () => {
    await schools.registerSchool(aSchool());

    const failure = schools.registerSchool(aSchool({ tokenHash: hashToken("sbt_other") }));

    await expect(failure).rejects.toMatchObject({
      name: "SchoolAlreadyRegistered",
      schoolId: SCHOOL_ID,
      cause: { name: "ConditionalCheckFailedException" },
    });
  });

  it("lists every school by name, across pages", async () => {
    const paged = new DynamoSchoolRepository(dynamo.doc, await dynamo.createTable(), { pageSize: 2 });
    const names = [
      "郑州铁路职业技术学院",
      "河南工业职业技术学院",
      "黄河水利职业技术学院",
      "河南职业技术学院",
      "开封大学",
    ];
    for (const [i, name] of names.entries()) {
      await paged.registerSchool(
        aSchool({ schoolId: `1241000041580431${i}X`, name, tokenHash: hashToken(`sbt_${i}`) }),
      );
    }

    const listed = await paged.listSchools();

    expect(listed.map((s) => s.name)).toStrictEqual([...names].sort());
    expect(listed.every((s) => s.status === "active")).toBe(true);
  });

  it("lists nothing when no school is registered", async () => {
    expect(await schools.listSchools()).toStrictEqual([]);
  });
});
