/**
 * What we deploy is what we test: the esbuild bundles the synthesis put into the cloud assembly, each loaded in a
 * fresh Node process as Lambda would (working directory = the bundle, environment = the template's), run against
 * the embedded local stack (infra/local): a school asks for an upload link, uploads a real PDF through the presigned
 * POST, process-upload judges it from the S3 event, and the school reads its status and profile.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CfnElement } from "aws-cdk-lib";
import type { S3Event } from "aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INSPECT_WORKER_FILE } from "../../infra/constructs/inspect-worker-bundle.ts";
import { type Emulators, startEmulators } from "../../infra/local/emulators.ts";
import { createLocalResources } from "../../infra/local/resources.ts";
import { parseApplicationForm } from "../../shared/application/form-parse.ts";
import { type AwsClients, createAwsClients } from "../../shared/aws/clients.ts";
import { DynamoApplicationFormStore } from "../../shared/aws/dynamodb-application-forms.ts";
import { DynamoSchoolRepository } from "../../shared/aws/dynamodb-schools.ts";
import { DynamoSubmissionRepository } from "../../shared/aws/dynamodb-submissions.ts";
import { HENAN_2024 } from "../../shared/call/henan-2024.ts";
import { resolveCall } from "../../shared/call/load-call.ts";
import { registerSchool } from "../../shared/schools/register-school.ts";
import { makePdf } from "../fixtures/pdf/make-fixtures.ts";
import { docxPart, paragraphs } from "../helpers/docx-xml.ts";
import { type Synthesized, synthesize } from "./synthesize.ts";

type FunctionName = keyof Synthesized["stack"]["functions"];
const FUNCTIONS: readonly FunctionName[] = [
  "uploadLink",
  "submissionStatus",
  "schoolProfile",
  "schoolApplication",
  "schoolDocuments",
  "processUpload",
  "sendReminders",
  "retryMail",
];

const TABLE = "shenbao-bundles";
const BUCKET = "shenbao-bundles";
// The built-in call's deadline has passed; the deployment overrides it, as an operator would.
const DEADLINE = new Date(Date.now() + 30 * 86_400_000).toISOString();
const FILE_NAME = "河南工业职业技术学院职业教育高水平专业化产教融合实训中心申报材料（数控技术专业）.pdf";
const SCHOOL = {
  name: "河南工业职业技术学院",
  level: "专科",
  creditCode: "91350100M000100Y43",
  contactName: "张老师",
  email: "office@hnpi.example.edu.cn",
  phone: "13803710000",
};
const REVIEWERS = ["reviewer1@example.edu.cn", "reviewer2@example.edu.cn"];

let synth: Synthesized;
let emulators: Emulators;
let clients: AwsClients;
/** Bundle size and cold import, reported at the end of the run for the deployment notes. */
const figures: Record<string, { bundleBytes: number; coldImportMs: number; extra?: string }> = {};

beforeAll(async () => {
  synth = synthesize(
    { deadline: DEADLINE, reviewerAddresses: REVIEWERS.join(",") },
    { bundle: true, cloudFormationValidation: false },
  );
  emulators = await startEmulators();
  clients = createAwsClients(emulators.connection);
  await createLocalResources({ bucket: BUCKET, table: TABLE }, clients);
}, 600_000); // seven esbuild bundles and their copies: minutes on a busy machine

afterAll(async () => {
  console.info(
    `bundles (size, median cold import of index.mjs in a fresh node):\n${Object.entries(figures)
      .map(
        ([fn, f]) =>
          `  ${fn}: ${(f.bundleBytes / 1024).toFixed(0)} KiB, ${f.coldImportMs.toFixed(0)} ms${f.extra ?? ""}`,
      )
      .join("\n")}`,
  );
  clients?.destroy();
  await emulators?.stop();
  synth?.cleanup();
});

/** The function's environment as the template sets it, with the stack's references replaced by the local names. */
function deployedEnvironment(fn: FunctionName): Record<string, string> {
  const { stack } = synth;
  const id = stack.getLogicalId(stack.functions[fn].function.node.defaultChild as CfnElement);
  const template = synth.app.synth().getStackByName(stack.stackName).template;
  const variables = template.Resources[id].Properties.Environment.Variables as Record<string, unknown>;
  const references: Record<string, string> = {
    [stack.getLogicalId(stack.table.node.defaultChild as CfnElement)]: TABLE,
    [stack.getLogicalId(stack.bucket.node.defaultChild as CfnElement)]: BUCKET,
  };
  return Object.fromEntries(
    Object.entries(variables).map(([key, value]) => {
      if (typeof value === "string") return [key, value];
      // The API's own URL (SHENBAO_API_URL: https://{api id}.execute-api.{region}.{suffix}) is known only once
      // deployed; any https URL stands in for it here.
      if (key.endsWith("_URL") && "Fn::Join" in (value as object))
        return [key, "https://api.bundles.example/"];
      const ref = (value as { Ref?: string }).Ref;
      const local = ref ? references[ref] : undefined;
      if (!local) throw new Error(`${fn} ${key}: no local stand-in for ${JSON.stringify(value)}`);
      return [key, local];
    }),
  );
}

/**
 * Only what Lambda would set, given to the child process: the emulators' endpoints, region and credentials (as the
 * SDK reads them there), the template's variables, the task root.
 */
function lambdaEnvironment(fn: FunctionName, bundleDir: string): NodeJS.ProcessEnv {
  return {
    ...(process.env.PATH ? { PATH: process.env.PATH } : {}),
    AWS_ENDPOINT_URL_S3: emulators.endpoints.s3,
    AWS_ENDPOINT_URL_DYNAMODB: emulators.endpoints.dynamodb,
    AWS_ENDPOINT_URL_SES: emulators.endpoints.ses,
    AWS_REGION: emulators.region,
    AWS_ACCESS_KEY_ID: emulators.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: emulators.credentials.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    AWS_LAMBDA_FUNCTION_NAME: fn,
    LAMBDA_TASK_ROOT: bundleDir,
    ...deployedEnvironment(fn),
  };
}

const RESULT_MARK = "@@shenbao-bundle-result ";
/**
 * Runs an ES module script in a fresh node, in `cwd`, and returns what it reported after RESULT_MARK. The script is
 * a file, not `-e`: worker threads inherit the parent's flags, and `--input-type` would stop the inspection worker.
 */
async function runNode<T>(
  cwd: string,
  env: NodeJS.ProcessEnv,
  script: string,
): Promise<T & { output: string }> {
  const file = join(synth.outdir, `run-${randomUUID()}.mjs`);
  writeFileSync(file, script);
  const child = spawn(process.execPath, [file], { cwd, env });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk;
  };
  child.stdout.on("data", collect);
  child.stderr.on("data", collect);
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  const line = output.split("\n").find((l) => l.startsWith(RESULT_MARK));
  if (code !== 0 || !line) throw new Error(`node in ${cwd} exited with ${code}:\n${output}`);
  return { ...(JSON.parse(line.slice(RESULT_MARK.length)) as T), output };
}

const report = (expression: string) =>
  `process.stdout.write("\\n${RESULT_MARK}" + JSON.stringify(${expression}) + "\\n");`;

/** Imports a bundle in a fresh node (cwd = bundle, as /var/task in Lambda) and, given an event, invokes it. */
function runBundle(
  fn: FunctionName,
  event?: unknown,
): Promise<{ importMs: number; result: unknown; output: string }> {
  const bundleDir = synth.bundleDir(fn);
  const script = `
    const started = performance.now();
    const { handler } = await import(${JSON.stringify(join(bundleDir, "index.mjs"))});
    const importMs = performance.now() - started;
    let result = null;
    const event = JSON.parse(process.env.SHENBAO_TEST_EVENT ?? "null");
    if (event) {
      const context = { functionName: ${JSON.stringify(fn)}, functionVersion: "$LATEST", awsRequestId: crypto.randomUUID(),
        invokedFunctionArn: "arn:aws:lambda:us-east-1:000000000000:function:${fn}", memoryLimitInMB: "1792",
        logGroupName: "/aws/lambda/${fn}", logStreamName: "local", getRemainingTimeInMillis: () => 60000 };
      result = await handler(event, context);
    }
    ${report("{ importMs, result }")}
    // Keep-alive sockets of the SDK would hold the process open; Lambda freezes it instead.
    process.exit(0);
  `;
  const env = { ...lambdaEnvironment(fn, bundleDir), SHENBAO_TEST_EVENT: JSON.stringify(event ?? null) };
  return runNode(bundleDir, env, script);
}

/** Starts the bundled inspection worker as the bundled inspector does, and times it until it reports ready. */
function startBundledWorker(): Promise<{ readyMs: number; output: string }> {
  const bundleDir = synth.bundleDir("processUpload");
  const script = `
    import { Worker } from "node:worker_threads";
    const started = performance.now();
    const worker = new Worker(${JSON.stringify(join(bundleDir, INSPECT_WORKER_FILE))});
    await new Promise((resolve, reject) => { worker.on("message", resolve); worker.on("error", reject); });
    ${report("{ readyMs: performance.now() - started }")}
    await worker.terminate();
  `;
  return runNode(bundleDir, { PATH: process.env.PATH }, script);
}

/**
 * Sends one PDF to the bundled inspection worker, asking for its text layer, as the bundled inspector does for a
 * 申报书, and returns the worker's answer.
 */
function inspectWithBundledWorker(pdf: Uint8Array): Promise<{ message: unknown; output: string }> {
  const bundleDir = synth.bundleDir("processUpload");
  const file = join(synth.outdir, `input-${randomUUID()}.pdf`);
  writeFileSync(file, pdf);
  const script = `
    import { readFileSync } from "node:fs";
    import { Worker } from "node:worker_threads";
    const worker = new Worker(${JSON.stringify(join(bundleDir, INSPECT_WORKER_FILE))});
    await new Promise((resolve, reject) => { worker.once("message", resolve); worker.on("error", reject); });
    const bytes = new Uint8Array(readFileSync(${JSON.stringify(file)}));
    worker.postMessage({ id: 1, bytes, textLayer: true });
    const message = await new Promise((resolve) => worker.once("message", resolve));
    ${report("{ message }")}
    await worker.terminate();
  `;
  return runNode(bundleDir, { PATH: process.env.PATH }, script);
}

function directorySize(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .map((entry) => statSync(join(dir, entry)))
    .filter((s) => s.isFile())
    .reduce((sum, s) => sum + s.size, 0);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function httpEvent(
  method: string,
  path: string,
  token: string,
  options: { routePath?: string; pathParameters?: Record<string, string>; body?: unknown } = {},
) {
  return {
    version: "2.0",
    routeKey: `${method} ${options.routePath ?? path}`,
    rawPath: path,
    rawQueryString: "",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", host: "api.example" },
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: "api.example",
      domainPrefix: "api",
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bundles.test" },
      requestId: randomUUID(),
      routeKey: `${method} ${options.routePath ?? path}`,
      stage: "$default",
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    isBase64Encoded: false,
  };
}

/** S3 sends one notification per SQS message; Lambda hands the function a batch of such messages. */
function sqsEvent(s3Event: S3Event) {
  const now = String(Date.now());
  return {
    Records: [
      {
        messageId: randomUUID(),
        receiptHandle: "local",
        body: JSON.stringify(s3Event),
        attributes: {
          ApproximateReceiveCount: "1",
          SentTimestamp: now,
          SenderId: "AROAEXAMPLE",
          ApproximateFirstReceiveTimestamp: now,
        },
        messageAttributes: {},
        md5OfBody: "",
        eventSource: "aws:sqs",
        eventSourceARN: `arn:aws:sqs:${emulators.region}:000000000000:arrivals`,
        awsRegion: emulators.region,
      },
    ],
  };
}

describe("bundles in the cloud assembly", () => {
  it("each load in a fresh node with nothing but what is beside it", async () => {
    for (const fn of FUNCTIONS) {
      const dir = synth.bundleDir(fn);
      const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).sort();
      expect(files, fn).toEqual(
        expect.arrayContaining(["index.mjs", join("data", "major-catalog-2021-gaozhi.csv")]),
      );
      expect(
        files.some((f) => f.startsWith("node_modules")),
        fn,
      ).toBe(false);
      const imports: number[] = [];
      for (let run = 0; run < 3; run++) imports.push((await runBundle(fn)).importMs);
      figures[fn] = { bundleBytes: directorySize(dir), coldImportMs: median(imports) };
    }
    expect(readdirSync(synth.bundleDir("processUpload"))).toContain(INSPECT_WORKER_FILE);
    const workerStarts: number[] = [];
    for (let run = 0; run < 3; run++) workerStarts.push((await startBundledWorker()).readyMs);
    const processUpload = figures.processUpload;
    if (processUpload)
      processUpload.extra = `; its inspection worker starts in ${median(workerStarts).toFixed(0)} ms`;
  }, 60_000);

  it("serve the upload page built into the web-page bundle, and nothing else", async () => {
    const files = readdirSync(join(synth.bundleDir("webPage"), "web")).sort();
    expect(files).toEqual(expect.arrayContaining(["index.html", "config.json"]));
    const script = files.find((f) => /^app-.*\.js$/.test(f));
    const page = await runBundle("webPage", httpEvent("GET", "/", "none", { routePath: "/" }));
    const index = page.result as { statusCode: number; headers: Record<string, string>; body: string };
    expect(index.statusCode).toBe(200);
    expect(index.headers["cache-control"]).toBe("no-cache");
    const html = Buffer.from(index.body, "base64").toString("utf8");
    expect(html).toContain(`src="${script}"`);
    const missing = await runBundle(
      "webPage",
      httpEvent("GET", "/../index.mjs", "none", { routePath: "/{file+}" }),
    );
    expect((missing.result as { statusCode: number }).statusCode).toBe(404);
  }, 60_000);

  it("carry a school's PDF from upload link to receipt, through the bundled handlers", async () => {
    const ctx = resolveCall(HENAN_2024, { deadline: DEADLINE });
    const dynamo = clients.document;
    const schools = new DynamoSchoolRepository(dynamo, TABLE);
    const submissions = new DynamoSubmissionRepository(dynamo, TABLE);
    const registration = await registerSchool(SCHOOL, { ctx, schools, now: new Date() });
    if (registration.kind !== "registered") throw new Error(JSON.stringify(registration.findings));
    const { token, school } = registration;

    // 1. upload-link: checks the name and size, records PENDING, signs a POST.
    const pdf = await makePdf({ pages: 3, chinese: true, outline: true, title: "申报材料" });
    const link = await runBundle(
      "uploadLink",
      httpEvent("POST", "/api/upload-links", token, { body: { fileName: FILE_NAME, size: pdf.byteLength } }),
    );
    const linkResponse = link.result as { statusCode: number; body: string };
    expect(linkResponse.statusCode, link.output).toBe(201);
    const { submissionId, upload } = JSON.parse(linkResponse.body) as {
      submissionId: string;
      upload: { url: string; fields: Record<string, string> };
    };

    // 2. The school's browser posts the file; S3 (here the emulator) announces the new object.
    const announced = new Promise<S3Event>((resolve) => {
      const stop = emulators.onS3Event((event) => {
        stop();
        resolve(event);
      });
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
    form.append("file", new Blob([pdf as Uint8Array<ArrayBuffer>], { type: "application/pdf" }), FILE_NAME);
    const posted = await fetch(upload.url, { method: "POST", body: form });
    expect(posted.status, await posted.text()).toBeLessThan(300);
    const s3Event = await announced;

    // 3. process-upload: from the S3 event in an SQS message to a verdict, a receipt and reviewers' notices.
    const mailBefore = Math.floor(Date.now() / 1000) - 1;
    const processed = await runBundle("processUpload", sqsEvent(s3Event));
    expect(processed.result, processed.output).toEqual({ batchItemFailures: [] });
    const stored = await submissions.getSubmission(school.schoolId, submissionId);
    expect(stored, processed.output).toMatchObject({
      state: "ACCEPTED",
      verdict: { state: "ACCEPTED", pageCount: 3 },
      receiptSentAt: expect.any(String),
      reviewersNotifiedAt: expect.any(String),
    });
    const mail = (await (await fetch(`${emulators.endpoints.ses}/store?since=${mailBefore}`)).json()) as {
      emails: Array<{ subject: string; destination: { to: string[] } }>;
    };
    const receipt = mail.emails.find((e) => e.destination.to.includes(SCHOOL.email));
    expect(receipt?.subject).toMatch(/^【申报回执】.*河南工业职业技术学院/);
    for (const reviewer of REVIEWERS) {
      expect(mail.emails.find((e) => e.destination.to.includes(reviewer))?.subject).toMatch(/^【待评审】/);
    }

    // 4. The school reads its submission and its profile.
    const status = await runBundle(
      "submissionStatus",
      httpEvent("GET", `/api/submissions/${submissionId}`, token, {
        routePath: "/api/submissions/{submissionId}",
        pathParameters: { submissionId },
      }),
    );
    const statusResponse = status.result as { statusCode: number; body: string };
    expect(statusResponse.statusCode, status.output).toBe(200);
    expect(JSON.parse(statusResponse.body)).toMatchObject({ submissionId, state: "ACCEPTED" });
    const profile = await runBundle("schoolProfile", httpEvent("GET", "/api/me", token));
    const profileResponse = profile.result as { statusCode: number; body: string };
    expect(profileResponse.statusCode, profile.output).toBe(200);
    expect(JSON.parse(profileResponse.body)).toMatchObject({
      school: { name: SCHOOL.name },
      current: { evidence: submissionId },
    });

    // 5. The school's 申报书 as a .docx (the docx library bundled), from a form saved in the table.
    const draft = parseApplicationForm({ basic: { major: "数控技术" } });
    if (!draft.ok) throw new Error(JSON.stringify(draft.findings));
    await new DynamoApplicationFormStore(dynamo, TABLE).saveForm({
      schoolId: school.schoolId,
      form: draft.form,
      updatedAt: new Date().toISOString(),
      updatedBy: "school",
    });
    const document = await runBundle(
      "schoolDocuments",
      httpEvent("GET", "/api/me/documents/application.docx", token, {
        routePath: "/api/me/documents/{document}",
        pathParameters: { document: "application.docx" },
      }),
    );
    const documentResponse = document.result as {
      statusCode: number;
      body: string;
      isBase64Encoded: boolean;
    };
    expect(documentResponse.statusCode, document.output).toBe(200);
    expect(documentResponse.isBase64Encoded).toBe(true);
    const docx = paragraphs(await docxPart(Buffer.from(documentResponse.body, "base64")));
    expect(docx).toContain(`申报单位：${SCHOOL.name}`);
    expect(docx).toContain("申报专业：数控技术");
  }, 60_000);

  it("read CJK text set in a non-embedded font inside the bundled worker, with the cMaps shipped beside it", async () => {
    // STSong-Light, not embedded, encoding UniGB-UCS2-H: its text is readable only through pdf.js's cMaps.
    const { message } = await inspectWithBundledWorker(await makePdf({ pages: 2, chinese: true }));
    const { result } = message as {
      result: { ok: boolean; facts?: { textLayer?: Record<string, unknown> } };
    };
    expect(result.ok).toBe(true);
    const textLayer = result.facts?.textLayer as { pagesWithoutText: number[]; pageTexts: string[] };
    expect(textLayer.pagesWithoutText).toEqual([]);
    expect(textLayer.pageTexts[0]).toContain("第 1 页");
    expect(textLayer.pageTexts[1]).toContain("实训中心");
  });
});
