import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { z } from "zod";
import { ApplicationForm } from "../application/form.ts";
import type {
  ApplicationFormStore,
  FormAndApplication,
  PrescreenBasis,
  StoredForm,
} from "../application/form-store.ts";
import type { PrescreenResult } from "../prescreen/types.ts";
import {
  applicationFromItem,
  applicationKey,
  GSI1,
  type Item,
  type ItemKey,
  MalformedItem,
  storable,
} from "./dynamodb-items.ts";
import { isConditionalCheckFailed, queryAll } from "./dynamodb-table.ts";

/** The GSI partition that lists every school's form (one per school: a few hundred items). */
export const FORMS_PARTITION = "FORMS";

/** `SCHOOL#{id}` / `FORM`: one item per school, in its partition; in the GSI under `FORMS` for the exports. */
export function formKey(schoolId: string): ItemKey {
  return { pk: `SCHOOL#${schoolId}`, sk: "FORM" };
}

export function formItem(stored: StoredForm): Item {
  return {
    ...storable(stored),
    ...formKey(stored.schoolId),
    entity: "form",
    gsi1pk: FORMS_PARTITION,
    gsi1sk: stored.schoolId,
  };
}

// The pre-screen is derived data, recomputed on every save: its outer shape is checked, its detail kept as stored.
const PrescreenSchema = z.custom<PrescreenResult>(
  (value) =>
    typeof value === "object" &&
    value !== null &&
    typeof (value as PrescreenResult).callId === "string" &&
    Array.isArray((value as PrescreenResult).conditions) &&
    Array.isArray((value as PrescreenResult).evidence) &&
    typeof (value as PrescreenResult).overall === "object",
);

// The stored form is the parsed form, and parsing a parsed form gives it back: the schema checks it on every read.
const StoredFormSchema = z.object({
  schoolId: z.string(),
  form: ApplicationForm,
  updatedAt: z.string(),
  updatedBy: z.enum(["school", "operator"]),
  prescreen: PrescreenSchema.optional(),
  prescreenAt: z.string().optional(),
  prescreenBasis: z
    .object({
      formUpdatedAt: z.string(),
      evidenceSubmissionId: z.string().nullable(),
      evidencePageCount: z.number().optional(),
      evidenceText: z.boolean(),
    })
    .optional(),
}) satisfies z.ZodType<StoredForm>;

/** Parses a stored form item. @throws MalformedItem, with the validation error as its cause. */
export function storedFormFromItem(item: Item): StoredForm {
  const parsed = StoredFormSchema.safeParse(item);
  if (parsed.success) return parsed.data;
  throw new MalformedItem(
    "form",
    { pk: String(item.pk ?? "?"), sk: String(item.sk ?? "?") },
    { cause: parsed.error },
  );
}

export class DynamoApplicationFormStore implements ApplicationFormStore {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async getForm(schoolId: string): Promise<StoredForm | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: formKey(schoolId), ConsistentRead: true }),
    );
    return Item ? storedFormFromItem(Item) : undefined;
  }

  /**
   * One BatchGetItem for the two items of the school's partition, strongly consistent (BatchGetItem takes
   * ConsistentRead per table, and both are in this one): the pointer is read as fresh as a GetItem would read it.
   * Keys DynamoDB leaves unprocessed (throttling) are asked for again.
   */
  async getFormAndApplication(schoolId: string, documentType: string): Promise<FormAndApplication> {
    const form = formKey(schoolId);
    const application = applicationKey(schoolId, documentType);
    const found: Item[] = [];
    let keys: Record<string, unknown>[] = [form, application];
    for (let attempt = 0; keys.length > 0; attempt += 1) {
      if (attempt >= 5) throw new Error(`form and application left unprocessed after ${attempt} attempts`);
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
      const out = await this.doc.send(
        new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys, ConsistentRead: true } } }),
      );
      found.push(...(out.Responses?.[this.tableName] ?? []));
      keys = out.UnprocessedKeys?.[this.tableName]?.Keys ?? [];
    }
    const formItem = found.find((item) => item.sk === form.sk);
    const applicationItem = found.find((item) => item.sk === application.sk);
    return {
      ...(formItem ? { stored: storedFormFromItem(formItem) } : {}),
      ...(applicationItem ? { application: applicationFromItem(applicationItem) } : {}),
    };
  }

  /** Unconditional: the form is one document that the school (or an operator) replaces as a whole. */
  async saveForm(stored: StoredForm): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: formItem(stored) }));
  }

  /**
   * Only onto an existing form: a pre-screen never creates a form item. With its basis, only onto the form it
   * judged: the condition compares the form's `updatedAt` in the same write, so no save in between is overwritten.
   */
  async savePrescreen(
    schoolId: string,
    prescreen: PrescreenResult,
    at: string,
    basis?: PrescreenBasis,
  ): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: formKey(schoolId),
          ...(basis
            ? {
                UpdateExpression: "SET prescreen = :p, prescreenAt = :at, prescreenBasis = :basis",
                ConditionExpression: "attribute_exists(pk) AND updatedAt = :form",
                ExpressionAttributeValues: {
                  ":p": storable(prescreen),
                  ":at": at,
                  ":basis": storable(basis),
                  ":form": basis.formUpdatedAt,
                },
              }
            : {
                UpdateExpression: "SET prescreen = :p, prescreenAt = :at",
                ConditionExpression: "attribute_exists(pk)",
                ExpressionAttributeValues: { ":p": storable(prescreen), ":at": at },
              }),
        }),
      );
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
    }
  }

  /** Ordered by school id. Read from the index, so a form saved a moment ago may lag. */
  async listForms(): Promise<StoredForm[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: GSI1,
      KeyConditionExpression: "gsi1pk = :forms",
      ExpressionAttributeValues: { ":forms": FORMS_PARTITION },
    });
    return items.map(storedFormFromItem);
  }
}
