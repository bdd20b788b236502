import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { tokenItem } from "../../../shared/aws/dynamodb-items.ts";
import { DynamoSchoolRepository } from "../../../shared/aws/dynamodb-schools.ts";
import { SchoolAlreadyRegistered, SchoolNotFound } from "../../../shared/submissions/errors.ts";
import { hashToken } from "../../../shared/submissions/tokens.ts";
import { type LocalDynamo, startLocalDynamo } from "./dynalite.ts";
import { aSchool, SCHOOL_ID } from "./records.ts";

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

describe("registering and listing schools", () => {
  it("returns a registered school as it was given, Chinese text included", async () => {
    const school = aSchool();

    await schools.registerSchool(school);

    expect(await schools.getSchool(SCHOOL_ID)).toStrictEqual(school);
  });

  it("returns undefined for a school never registered", async () => {
    expect(await schools.getSchool("12410000000000000X")).toBeUndefined();
  });

  it("refuses a second registration of the same school and keeps the first", async () => {
    const first = aSchool();
    await schools.registerSchool(first);

    const second = aSchool({ name: "另一所学院", tokenHash: hashToken("sbt_second-token") });

    await expect(schools.registerSchool(second)).rejects.toThrow(SchoolAlreadyRegistered);
    expect(await schools.getSchool(SCHOOL_ID)).toStrictEqual(first);
    expect(await schools.findSchoolByTokenHash(second.tokenHash)).toBeUndefined();
  });

  it("completes a retried registration (same token) instead of refusing it", async () => {
    const school = aSchool();
    await schools.registerSchool(school);

    await schools.registerSchool(school);

    expect(await schools.findSchoolByTokenHash(school.tokenHash)).toStrictEqual(school);
  });

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

describe("tokens", () => {
  it("finds the active school by its token hash, and nothing for an unknown hash", async () => {
    const school = aSchool();
    await schools.registerSchool(school);

    expect(await schools.findSchoolByTokenHash(school.tokenHash)).toStrictEqual(school);
    expect(await schools.findSchoolByTokenHash(hashToken("sbt_never-issued"))).toBeUndefined();
  });

  it("replacing the token stops the old one at once and starts the new one", async () => {
    const school = aSchool();
    await schools.registerSchool(school);
    const newHash = hashToken("sbt_replacement");

    await schools.replaceToken(SCHOOL_ID, newHash, "2024-11-10T08:00:00.000Z");

    expect(await schools.findSchoolByTokenHash(school.tokenHash)).toBeUndefined();
    expect(await schools.findSchoolByTokenHash(newHash)).toStrictEqual({
      ...school,
      tokenHash: newHash,
      tokenIssuedAt: "2024-11-10T08:00:00.000Z",
    });
  });

  it("a retried replacement with the same token keeps that token working", async () => {
    await schools.registerSchool(aSchool());
    const newHash = hashToken("sbt_replacement");

    await schools.replaceToken(SCHOOL_ID, newHash, "2024-11-10T08:00:00.000Z");
    await schools.replaceToken(SCHOOL_ID, newHash, "2024-11-10T08:00:00.000Z");

    expect((await schools.findSchoolByTokenHash(newHash))?.schoolId).toBe(SCHOOL_ID);
  });

  it("a token replaced twice leaves only the last one working", async () => {
    const school = aSchool();
    await schools.registerSchool(school);
    const second = hashToken("sbt_second");
    const third = hashToken("sbt_third");

    await schools.replaceToken(SCHOOL_ID, second, "2024-11-10T08:00:00.000Z");
    await schools.replaceToken(SCHOOL_ID, third, "2024-11-11T08:00:00.000Z");

    expect(await schools.findSchoolByTokenHash(school.tokenHash)).toBeUndefined();
    expect(await schools.findSchoolByTokenHash(second)).toBeUndefined();
    expect((await schools.findSchoolByTokenHash(third))?.tokenHash).toBe(third);
  });

  it("a stale token index left by a crash after the switch does not authenticate", async () => {
    // Simulates a crash between pointing the school at the new hash and deleting the old index: the old index
    // item is written back by hand, exactly as it was before the replacement.
    const school = aSchool();
    await schools.registerSchool(school);
    await schools.replaceToken(SCHOOL_ID, hashToken("sbt_replacement"), "2024-11-10T08:00:00.000Z");
    await dynamo.doc.send(
      new PutCommand({
        TableName: tableName,
        Item: tokenItem(school.tokenHash, SCHOOL_ID, school.tokenIssuedAt),
      }),
    );

    expect(await schools.findSchoolByTokenHash(school.tokenHash)).toBeUndefined();
  });

  it("refuses to replace the token of an unknown school, and the new token stays unusable", async () => {
    const newHash = hashToken("sbt_replacement");

    await expect(
      schools.replaceToken("12410000000000000X", newHash, "2024-11-10T08:00:00.000Z"),
    ).rejects.toThrow(SchoolNotFound);
    expect(await schools.findSchoolByTokenHash(newHash)).toBeUndefined();
  });

  it("revoking a school makes its token fail but keeps the school on record", async () => {
    const school = aSchool();
    await schools.registerSchool(school);

    await schools.revokeSchool(SCHOOL_ID);

    expect(await schools.findSchoolByTokenHash(school.tokenHash)).toBeUndefined();
    expect(await schools.getSchool(SCHOOL_ID)).toStrictEqual({ ...school, status: "revoked" });
  });

  it("a revoked school stays locked out after its token is replaced", async () => {
    await schools.registerSchool(aSchool());
    await schools.revokeSchool(SCHOOL_ID);
    const newHash = hashToken("sbt_replacement");

    await schools.replaceToken(SCHOOL_ID, newHash, "2024-11-10T08:00:00.000Z");

    expect(await schools.findSchoolByTokenHash(newHash)).toBeUndefined();
  });

  it("refuses to revoke an unknown school", async () => {
    await expect(schools.revokeSchool("12410000000000000X")).rejects.toThrow(SchoolNotFound);
  });
});
