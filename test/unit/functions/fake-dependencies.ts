/**
 * The handlers' dependencies as in-memory fakes of the ports, a fixed clock, a silent logger, and API Gateway
 * events as the HTTP API sends them: what the handler unit tests build on.
 */
import { Logger } from "@aws-lambda-powertools/logger";
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from "aws-lambda";
import { runtimeConfig } from "../../../functions/runtime/config.ts";
import { computeCheckCharacter } from "../../../shared/checks/credit-code.ts";
import { registerSchool } from "../../../shared/schools/register-school.ts";
import { FakeInspector } from "../../fakes/fake-inspector.ts";
import { MemoryAttemptCounter } from "../../fakes/memory-attempts.ts";
import { MemoryApplicationDetails } from "../../fakes/memory-details.ts";
import { MemoryEvidenceText } from "../../fakes/memory-evidence-text.ts";
import { MemoryApplicationForms } from "../../fakes/memory-forms.ts";
import { MemoryIssuedLinkStore } from "../../fakes/memory-issued-links.ts";
import { MemoryMailer } from "../../fakes/memory-mailer.ts";
import { MemoryObjectStore } from "../../fakes/memory-objects.ts";
import { MemorySchoolRepository } from "../../fakes/memory-schools.ts";
import { MemoryUploadSigner } from "../../fakes/memory-signer.ts";
import { MemorySubmissionRepository } from "../../fakes/memory-submissions.ts";
import { henanContext } from "../../helpers/call.ts";
import { inspected } from "../../helpers/facts.ts";

/** Five days before the built-in call's deadline (2024-11-15 23:59:59 Beijing time). */
export const BEFORE_DEADLINE = new Date("2024-11-10T10:00:00+08:00");
export const AFTER_DEADLINE = new Date("2024-11-16T10:00:00+08:00");

export function fakeDependencies(now: Date = BEFORE_DEADLINE) {
  const clock = { now };
  const submissions = new MemorySubmissionRepository();
  return {
    config: runtimeConfig({
      SHENBAO_TABLE: "shenbao",
      SHENBAO_BUCKET: "shenbao-uploads",
      SHENBAO_SENDER: "noreply@shenbao.example.edu.cn",
      SHENBAO_REVIEWERS: "reviewer@review.example.gov.cn",
      SHENBAO_PUBLIC_URL: "https://shenbao.example.edu.cn",
    }),
    ctx: henanContext(),
    schools: new MemorySchoolRepository(),
    submissions,
    objects: new MemoryObjectStore(),
    signer: new MemoryUploadSigner(),
    mailer: new MemoryMailer(),
    attempts: new MemoryAttemptCounter(),
    issuedLinks: new MemoryIssuedLinkStore(),
    details: new MemoryApplicationDetails(),
    forms: new MemoryApplicationForms(submissions),
    evidenceText: new MemoryEvidenceText(),
    /** Every file a readable eight-page A4 PDF unless told otherwise. */
    inspector: new FakeInspector(inspected({ pageCount: 8 })),
    clock: () => clock.now,
    /** Moves the fixed clock. */
    setNow(at: Date) {
      clock.now = at;
    },
    logger: new Logger({ serviceName: "unit-test", logLevel: "SILENT" }),
  };
}
export type FakeDependencies = ReturnType<typeof fakeDependencies>;

/** A registered school with a valid credit code (distinct per `n`) and its bearer token. */
export async function registeredSchool(deps: FakeDependencies, n = 1, name = "河南工业职业技术学院") {
  const first17 = `12410000MB${String(n).padStart(7, "0")}`;
  const outcome = await registerSchool(
    {
      name,
      level: "专科",
      creditCode: first17 + computeCheckCharacter(first17),
      contactName: "李明",
      email: `office${n}@school${n}.edu.cn`,
      phone: "0371-69691995",
    },
    { ctx: deps.ctx, schools: deps.schools, now: deps.clock() },
  );
  if (outcome.kind !== "registered") throw new Error(`test school refused: ${JSON.stringify(outcome)}`);
  return outcome;
}

export interface EventInput {
  method?: string;
  path?: string;
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  sourceIp?: string;
}

export function httpEvent(input: EventInput = {}): APIGatewayProxyEventV2 {
  const method = input.method ?? "GET";
  const path = input.path ?? "/api/me";
  return {
    version: "2.0",
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: "",
    headers: {
      ...(input.token === undefined ? {} : { authorization: `Bearer ${input.token}` }),
      ...(input.body === undefined ? {} : { "content-type": "application/json" }),
      ...input.headers,
    },
    ...(input.pathParameters ? { pathParameters: input.pathParameters } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: "localhost",
      domainPrefix: "localhost",
      http: {
        method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: input.sourceIp ?? "192.0.2.10",
        userAgent: "vitest",
      },
      requestId: "request-1",
      routeKey: `${method} ${path}`,
      stage: "$default",
      time: "10/Nov/2024:02:00:00 +0000",
      timeEpoch: 0,
    },
    ...(input.body === undefined ? {} : { body: JSON.stringify(input.body) }),
    isBase64Encoded: false,
  };
}

export const CONTEXT = {
  functionName: "unit-test",
  awsRequestId: "request-1",
  getRemainingTimeInMillis: () => 60_000,
} as unknown as Context;

export function bodyOf(response: APIGatewayProxyStructuredResultV2): Record<string, unknown> {
  return JSON.parse(response.body ?? "null") as Record<string, unknown>;
}
