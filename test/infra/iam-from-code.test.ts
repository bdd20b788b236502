/**
 * IAM from the code: every AWS SDK command each function sends while a realistic scenario runs on the embedded stack
 * is recorded (startShenbao's recordSdkCalls: each function on its own clients), and each must be allowed by the
 * synthesized template to that function's role, on the resource it names. A new call without its permission fails
 * here, not on deadline day.
 *
 * To cover a new function: add a step to SCENARIO under its functions/{name} (the name is the function's
 * POWERTOOLS_SERVICE_NAME in the stack) that makes it run on the stack — over HTTP for an API function, or through
 * `pipeline.dependenciesOf(name)` for a scheduled one (see send-reminders) — and drives it through the paths that
 * call AWS. The test fails while a function of the stack has no step, or a step records nothing for its function.
 */
import type { CfnElement } from "aws-cdk-lib";
import { Template } from "aws-cdk-lib/assertions";
import type { ScheduledEvent } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRetryMailHandler } from "../../functions/retry-mail/create-handler.ts";
import { createSendRemindersHandler } from "../../functions/send-reminders/create-handler.ts";
import { samplePdf } from "../../infra/local/sample-pdf.ts";
import { getSubmission, requestUploadLink } from "../../infra/local/school-client.ts";
import { LOCAL_BUCKET, LOCAL_TABLE } from "../../infra/local/shenbao-local.ts";
import type { SdkCall } from "../../shared/aws/sdk-calls.ts";
import { pendingMailKey } from "../../shared/mail/pending-mail.ts";
import {
  decided,
  downloadLinkIn,
  mailTo,
  officialName,
  type Pipeline,
  registerSchool,
  startPipeline,
  submit,
} from "../integration/pipeline/harness.ts";
import {
  policyDocuments,
  type ResourceNames,
  requiredPermission,
  roleOf,
  type Template as TemplateJson,
  ungrantedCalls,
} from "./iam-check.ts";
import { BASE_CONTEXT, type Synthesized, synthesize } from "./synthesize.ts";

const DAY_MS = 86_400_000;
const REVIEWER = "reviewer@example.gov.cn";
/** A reviewer whose notice SES refused (seeded as pending mail for retry-mail). */
const SECOND_REVIEWER = "second-reviewer@example.gov.cn";

interface World {
  pipeline: Pipeline;
  /** The school that uploads (another, registered too, never does: it gets a reminder). */
  token: string;
  schoolId: string;
  deadline: Date;
}

interface Step {
  functionName: string;
  /** What makes the function run on the stack, through the code paths that call AWS. */
  run?(world: World): Promise<void>;
  /** Instead of `run`: why the function sends no command at all (its grants are then held to logs only). */
  sendsNoCommands?: string;
}

const api = (world: World, method: string, path: string, body?: unknown, token = world.token) =>
  fetch(`${world.pipeline.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).then(async (response) => ({
    status: response.status,
    body: response.headers.get("content-type")?.startsWith("application/json")
      ? await response.json()
      : await response.arrayBuffer(),
  }));

const SCENARIO: readonly Step[] = [
  {
    functionName: "upload-link",
    async run(world) {
      // A bad token is counted (the attempt limit); an Idempotency-Key stores the link and replays it.
      const bad = await api(world, "POST", "/api/upload-links", { fileName: "x.pdf", size: 1 }, "sbt_bad");
      expect(bad.status).toBe(401);
      const request = { fileName: officialName("IAM演示职业技术学院"), size: 1000 };
      for (let i = 0; i < 2; i += 1) {
        const response = await fetch(`${world.pipeline.baseUrl}/api/upload-links`, {
          method: "POST",
          headers: {
            authorization: `Bearer ${world.token}`,
            "content-type": "application/json",
            "idempotency-key": "iam-from-code",
          },
          body: JSON.stringify(request),
        });
        expect(response.status).toBe(201);
      }
    },
  },
  {
    functionName: "process-upload",
    async run(world) {
      const name = officialName("IAM演示职业技术学院");
      // Accepted (receipt, reviewers' notices with download links), then a newer accepted file (supersedes the
      // first: tagged), then bytes that are no PDF (rejected: tagged).
      const first = await submit(world.pipeline, world.token, name, await samplePdf({ pages: 3 }));
      expect((await decided(world.pipeline, world.token, first.submissionId)).state).toBe("ACCEPTED");
      const second = await submit(world.pipeline, world.token, name, await samplePdf({ pages: 4 }));
      expect((await decided(world.pipeline, world.token, second.submissionId)).state).toBe("ACCEPTED");
      const junk = await submit(world.pipeline, world.token, name, new TextEncoder().encode("not a pdf"));
      expect((await decided(world.pipeline, world.token, junk.submissionId)).state).toBe("REJECTED");
    },
  },
  {
    functionName: "reviewer-link",
    async run(world) {
      // After process-upload: the reviewer's notice links to /r/{linkId}; the route redirects to a presigned GET.
      const notices = await mailTo(world.pipeline, REVIEWER);
      const url = downloadLinkIn(notices[0]?.body.text);
      expect(url).toContain("/r/");
      const response = await fetch(url, { redirect: "manual" });
      expect(response.status).toBe(302);
    },
  },
  {
    functionName: "submission-status",
    async run(world) {
      const link = await requestUploadLink(world.pipeline.baseUrl, world.token, {
        fileName: officialName("IAM演示职业技术学院"),
        size: 1000,
      });
      if (!link.ok) throw new Error(link.error.message);
      expect((await getSubmission(world.pipeline.baseUrl, world.token, link.link.submissionId)).status).toBe(
        200,
      );
    },
  },
  {
    functionName: "school-profile",
    async run(world) {
      expect((await api(world, "GET", "/api/me")).status).toBe(200);
    },
  },
  {
    functionName: "school-application",
    async run(world) {
      expect((await api(world, "GET", "/api/me/application")).status).toBe(200);
      const details = {
        servedMajorGroup: "数控技术专业群",
        partner1: "河南中原数控装备有限公司",
        partner2: "河南数控科技有限公司",
      };
      expect((await api(world, "PUT", "/api/me/application", details)).status).toBe(200);
    },
  },
  {
    functionName: "application-form",
    async run(world) {
      expect((await api(world, "GET", "/api/me/application-form")).status).toBe(200);
      const form = { basic: { major: "数控技术", school: { pages: "第2-3页" } } };
      expect((await api(world, "PUT", "/api/me/application-form", { form })).status).toBe(200);
    },
  },
  {
    functionName: "school-documents",
    async run(world) {
      // After the form step: both documents are generated from the stored form.
      expect((await api(world, "GET", "/api/me/documents/application.docx")).status).toBe(200);
      expect((await api(world, "GET", "/api/me/documents/plan.docx")).status).toBe(200);
    },
  },
  {
    functionName: "send-reminders",
    async run(world) {
      // The scheduled function on its own recorded dependencies, on a day a reminder stage has been reached.
      const deps = world.pipeline.dependenciesOf("send-reminders");
      const remind = createSendRemindersHandler({
        ...deps,
        clock: () => new Date(world.deadline.getTime() - 2.5 * DAY_MS),
      });
      const run = await remind({} as ScheduledEvent);
      expect(run.sent).toBeGreaterThan(0);
    },
  },
  {
    functionName: "retry-mail",
    async run(world) {
      // A receipt SES refused, pending on an accepted submission (seeded through the stack's unrecorded
      // dependencies: processing records it so when SES refuses), then the scheduled run claims, sends and clears it.
      const { submissions } = world.pipeline.dependencies;
      const accepted = (await submissions.listSchoolSubmissions(world.schoolId)).find(
        (s) => s.state === "ACCEPTED",
      );
      if (!accepted) throw new Error("the scenario has no accepted submission");
      const at = new Date(Date.now() - 60_000).toISOString();
      await submissions.deferMail(
        {
          schoolId: world.schoolId,
          submissionId: accepted.submissionId,
          key: pendingMailKey("reviewer", SECOND_REVIEWER),
        },
        {
          kind: "reviewer",
          email: { to: SECOND_REVIEWER, subject: "待审材料", text: "待审材料", html: "<p>待审材料</p>" },
          reason: "Email address is not verified.",
          attempts: 1,
          firstFailedAt: at,
          lastAttemptAt: at,
          nextAttemptAt: at,
        },
      );
      const retry = createRetryMailHandler(world.pipeline.dependenciesOf("retry-mail"));
      expect((await retry({} as ScheduledEvent)).sent).toBe(1);
    },
  },
  {
    functionName: "web-page",
    sendsNoCommands:
      "it serves the page built into its bundle (functions/web-page/handler.ts) and takes no AWS dependency",
  },
];

let synthesized: Synthesized;
let template: TemplateJson;
/** functions/{name} → the function's logical id in the template. */
let functions: Record<string, string>;
let names: ResourceNames;
let pipeline: Pipeline;
const recorded = new Map<string, { functionName: string; call: SdkCall }>();

beforeAll(async () => {
  synthesized = synthesize({}, { cloudFormationValidation: false });
  const { stack } = synthesized;
  template = Template.fromStack(stack).toJSON() as TemplateJson;
  const logicalId = (construct: { node: { defaultChild?: unknown } }) =>
    stack.getLogicalId(construct.node.defaultChild as CfnElement);
  functions = Object.fromEntries(
    Object.values(stack.functions).map((fn) => {
      const id = logicalId(fn.function);
      const env = template.Resources[id]?.Properties?.Environment as { Variables: Record<string, string> };
      const name = env.Variables.POWERTOOLS_SERVICE_NAME;
      if (!name) throw new Error(`${id} has no POWERTOOLS_SERVICE_NAME: name it after functions/{name}`);
      return [name, id];
    }),
  );
  names = { [logicalId(stack.table)]: LOCAL_TABLE, [logicalId(stack.bucket)]: LOCAL_BUCKET };

  const deadline = new Date(Date.now() + 7 * DAY_MS);
  pipeline = await startPipeline({
    deadline: deadline.toISOString(),
    // The template's sender identity, so that the SES grant is checked on the address the functions send as.
    sender: BASE_CONTEXT.senderAddress as string,
    reviewers: [REVIEWER],
    recordSdkCalls: (functionName, call) =>
      recorded.set(JSON.stringify([functionName, call]), { functionName, call }),
  });
  const { token, school } = await registerSchool(pipeline, 901, "IAM演示职业技术学院");
  await registerSchool(pipeline, 902, "IAM提醒职业技术学院");
  const world: World = { pipeline, token, schoolId: school.schoolId, deadline };
  for (const step of SCENARIO) await step.run?.(world);
  await pipeline.idle();
}, 240_000);

afterAll(async () => {
  await pipeline?.stop();
  synthesized?.cleanup();
});

const callsOf = (functionName: string) =>
  [...recorded.values()].filter((r) => r.functionName === functionName);

describe("IAM from the code: each function's role allows every SDK command it sends", () => {
  it("has a scenario step for every function of the stack, and each step makes its function call AWS", () => {
    expect(SCENARIO.map((s) => s.functionName).sort()).toEqual(Object.keys(functions).sort());
    for (const step of SCENARIO) {
      if (step.run) expect(callsOf(step.functionName).length, step.functionName).toBeGreaterThan(0);
      else expect(callsOf(step.functionName), step.functionName).toEqual([]);
    }
  });

  it("records the commands as the SDK names them, with the resource each one names", () => {
    const seen = (fn: string) => new Set(callsOf(fn).map((r) => r.call.command));
    // The document client's commands arrive as the base commands IAM knows; presigning counts as the call.
    expect(seen("school-profile")).toContain("GetItemCommand");
    expect(seen("upload-link")).toContain("PutObjectCommand");
    for (const command of ["GetObjectCommand", "PutObjectTaggingCommand", "SendEmailCommand"]) {
      expect(seen("process-upload")).toContain(command);
    }
    expect(callsOf("send-reminders").some((r) => r.call.index === "gsi1")).toBe(true);
    expect(callsOf("process-upload").find((r) => r.call.command === "SendEmailCommand")?.call.source).toBe(
      BASE_CONTEXT.senderAddress,
    );
  });

  it("finds every recorded command granted by the function's role in the template", () => {
    const missing = ungrantedCalls(template, functions, [...recorded.values()], names).map(
      (m) => `${m.functionName}: ${m.call.command} needs ${m.needs.action} on ${m.needs.resource}`,
    );
    expect(missing).toEqual([]);
  });

  it("reports a command once its grant is taken out of a copy of the template", () => {
    // Every (function, action) the scenario relies on, removed in turn: the check must name exactly that need.
    const needs = new Map<string, { functionName: string; action: string }>();
    for (const { functionName, call } of recorded.values()) {
      const { action } = requiredPermission(call);
      needs.set(`${functionName} ${action}`, { functionName, action });
    }
    expect(needs.size).toBeGreaterThan(10);
    const all = [...recorded.values()];
    const before = new Set(ungrantedCalls(template, functions, all, names).map((m) => JSON.stringify(m)));
    for (const { functionName, action } of needs.values()) {
      const copy = withoutAction(template, functions[functionName] as string, action);
      const reported = ungrantedCalls(copy, functions, all, names).filter(
        (m) => !before.has(JSON.stringify(m)),
      );
      expect(reported.length, `${functionName} ${action}`).toBeGreaterThan(0);
      expect(
        reported.every((m) => m.functionName === functionName && m.needs.action === action),
        `${functionName} ${action}`,
      ).toBe(true);
    }
  });

  it("grants a function that sends no command nothing but its own logs", () => {
    for (const step of SCENARIO.filter((s) => s.sendsNoCommands)) {
      const role = roleOf(template, functions[step.functionName] as string);
      const actions = policyDocuments(template, role)
        .flatMap((document) => document.Statement)
        .flatMap((statement) => [statement.Action ?? []].flat());
      expect(actions.length, step.functionName).toBeGreaterThan(0);
      expect(
        actions.filter((a) => !a.startsWith("logs:")),
        step.functionName,
      ).toEqual([]);
    }
  });
});

/** A deep copy of the template in which the function's role no longer has `action` (emptied statements dropped). */
function withoutAction(source: TemplateJson, functionLogicalId: string, action: string): TemplateJson {
  const copy = structuredClone(source);
  for (const document of policyDocuments(copy, roleOf(copy, functionLogicalId))) {
    document.Statement = document.Statement.flatMap((statement) => {
      const actions = [statement.Action ?? []].flat().filter((a) => a.toLowerCase() !== action.toLowerCase());
      return actions.length ? [{ ...statement, Action: actions }] : [];
    });
  }
  return copy;
}
