/**
 * The deployment's configuration: what an operator chooses per installation, read from CDK context
 * (`cdk deploy -c senderAddress=…`) or, for a key not given there, from the environment (`SHENBAO_CDK_SENDER_ADDRESS`).
 * Validated before anything is synthesized, with every problem reported at once.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { z } from "zod";
import { HENAN_2024 } from "../shared/call/henan-2024.ts";
import { CallConfigurationError, resolveCall } from "../shared/call/load-call.ts";
import type { CallDefinition } from "../shared/call/schema.ts";
import { DEPLOY_TEXT } from "../shared/messages/deploy.ts";

const MIB = 1024 * 1024;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\d$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

const addressList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((a) => a.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.email()));

/** Every key, its meaning and its default. Context and environment give strings; numbers are coerced. */
const DeploymentConfigSchema = z
  .object({
    /** `prod` retains data on stack deletion and turns on deletion protection; `dev` cleans up after itself. */
    stage: z.enum(["dev", "prod"]).default("dev"),
    /** Pin the stack to an account and region; both omitted: an environment-agnostic template. */
    account: z
      .string()
      .regex(/^\d{12}$/, "must be a 12-digit AWS account id")
      .optional(),
    region: z.string().regex(REGION, "must be an AWS region such as cn-north-1 or ap-southeast-1").optional(),
    /** The From address of receipts and notices. Must be (or fall under) a verified SES identity. */
    senderAddress: z.email(),
    /** Display name of the sender; the functions' default (申报系统) when omitted. */
    senderName: z.string().min(1).max(64).optional(),
    /** Verify the whole domain of the sender (Easy DKIM) instead of the single address. */
    senderDomain: z.string().regex(DOMAIN, "must be a domain name such as example.edu.cn").optional(),
    /** False when the sender identity is already verified in SES: CloudFormation cannot adopt an existing one. */
    createSenderIdentity: z.union([z.boolean(), z.stringbool()]).default(true),
    /** Notified of every accepted submission, with a download link. Comma-separated; may be empty. */
    reviewerAddresses: addressList.default([]),
    /** SES region, when it differs from the stack's (SES is not offered in every region). Default: the stack's. */
    mailRegion: z.string().regex(REGION, "must be an AWS region such as ap-southeast-1").optional(),
    /**
     * In the SES sandbox only: verified recipients the functions may mail (the sandbox authorizes each recipient's
     * identity too). Comma-separated; leave empty once the account has production access.
     */
    sandboxRecipients: addressList.default([]),
    /** Replaces the call's deadline (SHENBAO_DEADLINE), ISO 8601 with an offset: 2024-11-20T17:00:00+08:00. */
    deadline: z.iso
      .datetime({ offset: true, error: "must be ISO 8601 with an offset, e.g. 2024-11-20T17:00:00+08:00" })
      .optional(),
    /**
     * Synthesize even though the effective deadline has passed (every upload would be refused): for archives and
     * tests only. Without it, a past deadline fails synthesis.
     */
    allowPastDeadline: z.union([z.boolean(), z.stringbool()]).default(false),
    /** A JSON call definition replacing the built-in 2024 Henan call; baked into the functions' bundles. */
    callFile: z.string().min(1).optional(),
    /** A CSV of majors added to the built-in catalog; baked into the bundles. */
    catalogExtra: z.string().min(1).optional(),
    /** Largest file accepted. Default: the call's own limit (100 MiB for the built-in call). Sizes process-upload. */
    maxFileBytes: z.coerce
      .number()
      .int()
      .min(MIB)
      .max(512 * MIB)
      .optional(),
    /** Days a disposal-tagged (rejected or superseded) upload, and any overwritten or deleted version, is kept. */
    retentionDays: z.coerce.number().int().min(1).max(3650).default(90),
    /**
     * The web page's origin, the only one allowed by the bucket's and the API's CORS rules, when the page is not
     * served from the API's generated URL: a custom domain mapped to the API, or a site elsewhere. Default: the
     * API's own endpoint, known to the template itself (one deployment, no second pass).
     */
    allowedOrigin: z
      .url()
      .refine((u) => new URL(u).origin === u, {
        message: "must be an origin only: scheme, host and optional port, no path or trailing slash",
      })
      .optional(),
    /** Where receipts, reminders and invitations link to the page. Default: allowedOrigin, else the API's URL. */
    publicUrl: z.url().optional(),
    /**
     * Most process-upload invocations the queue starts at once (the event source's maximum concurrency, 2–1000).
     * Default 5: a new account may have a concurrency quota of 10, and the API functions must keep the rest.
     */
    uploadConcurrency: z.coerce.number().int().min(2).max(1000).default(5),
    /**
     * Reserved concurrency for process-upload (guaranteed to it and taken from every other function). Default none:
     * Lambda refuses a reservation that leaves fewer than 10 unreserved, which on a new account is all of them.
     */
    processUploadReservedConcurrency: z.coerce.number().int().min(1).max(1000).optional(),
    /**
     * Days before the deadline at which schools without an accepted application are reminded, comma-separated
     * (SHENBAO_REMINDER_DAYS for the daily reminder function). Default 7,3,1.
     */
    reminderDays: z
      .string()
      .regex(/^\s*\d{1,3}(\s*,\s*\d{1,3})*\s*$/, "must be whole days, comma-separated, e.g. 7,3,1")
      .default("7,3,1"),
    /** Subscribed to the alarm topic (DLQ depth, function errors). Optional: the topic is created either way. */
    alarmEmail: z.email().optional(),
  })
  .superRefine((c, ctx) => {
    if (c.stage === "prod" && c.allowedOrigin && !c.allowedOrigin.startsWith("https://")) {
      ctx.addIssue({
        code: "custom",
        path: ["allowedOrigin"],
        message: "must be https:// when stage is prod",
      });
    }
    if (c.senderDomain && !c.senderAddress.toLowerCase().endsWith(`@${c.senderDomain.toLowerCase()}`)) {
      ctx.addIssue({
        code: "custom",
        path: ["senderDomain"],
        message: `senderAddress ${c.senderAddress} is not in the domain ${c.senderDomain}`,
      });
    }
    if (c.mailRegion?.startsWith("cn-")) {
      ctx.addIssue({
        code: "custom",
        path: ["mailRegion"],
        message: "SES is not offered in the AWS China regions",
      });
    }
    if (c.region?.startsWith("cn-") && c.mailRegion === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["mailRegion"],
        message: `SES is not offered in ${c.region}: name the region that sends mail (see docs/deploy.md, China regions)`,
      });
    }
    if ((c.account === undefined) !== (c.region === undefined)) {
      ctx.addIssue({
        code: "custom",
        path: ["region"],
        message: "account and region go together: give both or neither",
      });
    }
  });

export type DeploymentInput = z.input<typeof DeploymentConfigSchema>;

export interface DeploymentConfig extends Omit<z.output<typeof DeploymentConfigSchema>, "maxFileBytes"> {
  /** The call in force once the overrides are applied: what the functions will enforce. */
  call: CallDefinition;
  /** Effective limit (the override, else the call's). */
  maxFileBytes: number;
  /**
   * The call definition to bake into the bundles, when it differs from the built-in one (a call file, or a size
   * override); the functions then read it through SHENBAO_CALL_FILE.
   */
  bakedCall?: CallDefinition;
  /** Absolute path of the extra catalog CSV to bake into the bundles, when given. */
  catalogExtraPath?: string;
}

/** The configuration is invalid; `problems` names every problem, each with its key. */
export class DeploymentConfigError extends Error {
  override readonly name = "DeploymentConfigError";
  constructor(
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(
      `Invalid shenbao deployment configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`,
      options,
    );
  }
}

export const CONFIG_KEYS = Object.keys(DeploymentConfigSchema.shape) as ReadonlyArray<keyof DeploymentInput>;

/** `senderAddress` → `SHENBAO_CDK_SENDER_ADDRESS`. */
export function environmentName(key: string): string {
  return `SHENBAO_CDK_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/**
 * Reads every key from `context(key)` (CDK context, e.g. `app.node.tryGetContext`), falling back to the environment,
 * validates the lot, and resolves the call the functions will enforce. Throws one DeploymentConfigError naming every
 * problem. An empty string counts as not given.
 */
export function readDeploymentConfig(
  context: (key: string) => unknown,
  env: NodeJS.ProcessEnv = process.env,
  now: Date = new Date(),
): DeploymentConfig {
  const raw: Record<string, unknown> = {};
  for (const key of CONFIG_KEYS) {
    const value = context(key) ?? env[environmentName(key)];
    if (value !== undefined && value !== "") raw[key] = Array.isArray(value) ? value.join(",") : value;
  }
  const problems: string[] = [];
  const causes: unknown[] = [];
  const parsed = DeploymentConfigSchema.safeParse(raw);
  if (!parsed.success) {
    causes.push(parsed.error);
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? "(config)");
      const shown = key in raw ? ` (got "${String(raw[key])}")` : "";
      problems.push(`${key}${shown}: ${issue.message} [-c ${key}=… or ${environmentName(key)}]`);
    }
  }
  const call = resolveCallFiles(
    {
      callFile: strings(raw.callFile),
      catalogExtra: strings(raw.catalogExtra),
      deadline: strings(raw.deadline),
    },
    problems,
    causes,
  );
  if (parsed.success && call && !parsed.data.allowPastDeadline) {
    const deadline = call.loaded.deadline;
    if (Date.parse(deadline) <= now.getTime()) {
      problems.push(
        `deadline: the effective deadline ${deadline} has passed; every upload would be refused. Set this call's ` +
          "deadline with -c deadline=<ISO 8601 with offset> (or SHENBAO_CDK_DEADLINE); for an archive or a test, " +
          `-c allowPastDeadline=true.\n    ${DEPLOY_TEXT.deadlinePassed(deadline)}`,
      );
    }
  }
  if (!parsed.success || !call || problems.length > 0) {
    throw new DeploymentConfigError(problems, {
      cause: causes.length === 1 ? causes[0] : new AggregateError(causes),
    });
  }
  const config = parsed.data;
  const maxFileBytes = config.maxFileBytes ?? call.loaded.maxFileBytes;
  const effective: CallDefinition = { ...call.loaded, maxFileBytes };
  const differsFromBuiltIn = call.fromFile || maxFileBytes !== call.loaded.maxFileBytes;
  return {
    ...config,
    call: effective,
    maxFileBytes,
    // The deadline travels as SHENBAO_DEADLINE instead, so an operator can extend it in the console in a hurry.
    ...(differsFromBuiltIn ? { bakedCall: { ...effective, deadline: call.ownDeadline } } : {}),
    ...(call.catalogExtraPath ? { catalogExtraPath: call.catalogExtraPath } : {}),
  };
}

interface ResolvedCallFiles {
  /** With the deadline override applied. */
  loaded: CallDefinition;
  /** The definition's own deadline, before the override. */
  ownDeadline: string;
  fromFile: boolean;
  catalogExtraPath?: string;
}

/** The call and catalog files, checked with the same code the functions run, so a bad file fails here, not in Lambda. */
function resolveCallFiles(
  files: { callFile?: string; catalogExtra?: string; deadline?: string },
  problems: string[],
  causes: unknown[],
): ResolvedCallFiles | undefined {
  let input: unknown = HENAN_2024;
  let source = "built-in call henan-2024";
  if (files.callFile) {
    source = `callFile ${resolve(files.callFile)}`;
    try {
      input = JSON.parse(readFileSync(resolve(files.callFile), "utf8"));
    } catch (cause) {
      problems.push(`${source}: cannot be read as JSON: ${(cause as Error).message}`);
      causes.push(cause);
      return undefined;
    }
  }
  let catalogExtra: { csv: string; source: string } | undefined;
  const catalogExtraPath = files.catalogExtra ? resolve(files.catalogExtra) : undefined;
  if (catalogExtraPath) {
    try {
      catalogExtra = {
        csv: readFileSync(catalogExtraPath, "utf8"),
        source: `catalogExtra ${catalogExtraPath}`,
      };
    } catch (cause) {
      problems.push(`catalogExtra ${catalogExtraPath}: cannot be read: ${(cause as Error).message}`);
      causes.push(cause);
      return undefined;
    }
  }
  try {
    const own = resolveCall(input, catalogExtra ? { catalogExtra } : {}, source).call;
    // A malformed deadline override is reported by the schema above; apply only one that parses.
    const deadline = files.deadline && z.iso.datetime({ offset: true }).safeParse(files.deadline).success;
    return {
      loaded: deadline ? { ...own, deadline: files.deadline as string } : own,
      ownDeadline: own.deadline,
      fromFile: files.callFile !== undefined,
      ...(catalogExtraPath ? { catalogExtraPath } : {}),
    };
  } catch (error) {
    if (!(error instanceof CallConfigurationError)) throw error;
    problems.push(...error.problems);
    causes.push(error);
    return undefined;
  }
}

function strings(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
