import { describe, expect, it } from "vitest";
import { DeploymentConfigError, environmentName, readDeploymentConfig } from "../../infra/config.ts";
import { resolveCall } from "../../shared/call/load-call.ts";

const GOOD = {
  senderAddress: "shenbao@example.edu.cn",
  allowedOrigin: "https://shenbao.example.edu.cn",
};

function read(context: Record<string, unknown>, env: NodeJS.ProcessEnv = {}) {
  // Before the built-in call's 2024 deadline: the deadline check has tests of its own (one-deploy.test.ts).
  return readDeploymentConfig((key) => context[key], env, new Date("2024-06-01T00:00:00Z"));
}

function problemsOf(context: Record<string, unknown>, env: NodeJS.ProcessEnv = {}): readonly string[] {
  try {
    read(context, env);
  } catch (error) {
    if (error instanceof DeploymentConfigError) return error.problems;
    throw error;
  }
  throw new Error("expected a DeploymentConfigError");
}

describe("deployment configuration", () => {
  it("fills every default from two keys", () => {
    const config = read(GOOD);
    expect(config).toMatchObject({
      stage: "dev",
      reviewerAddresses: [],
      sandboxRecipients: [],
      retentionDays: 90,
      maxFileBytes: 100 * 1024 * 1024,
      createSenderIdentity: true,
    });
    expect(config.call.id).toBe("henan-2024-chanjiao-shixun");
    expect(config.bakedCall).toBeUndefined();
  });

  it("reads context first, then SHENBAO_CDK_* variables; strings become numbers, lists and booleans", () => {
    const config = read(
      { ...GOOD, stage: "prod", retentionDays: "30" },
      {
        SHENBAO_CDK_STAGE: "dev",
        SHENBAO_CDK_REVIEWER_ADDRESSES: " a@example.cn, b@example.cn ,",
        SHENBAO_CDK_CREATE_SENDER_IDENTITY: "false",
        SHENBAO_CDK_MAX_FILE_BYTES: String(50 * 1024 * 1024),
      },
    );
    expect(config.stage).toBe("prod");
    expect(config.retentionDays).toBe(30);
    expect(config.reviewerAddresses).toEqual(["a@example.cn", "b@example.cn"]);
    expect(config.createSenderIdentity).toBe(false);
    expect(config.maxFileBytes).toBe(50 * 1024 * 1024);
    // A size other than the call's travels to the functions in a baked call definition.
    expect(config.bakedCall?.maxFileBytes).toBe(50 * 1024 * 1024);
    // What the functions will read back from call.json through SHENBAO_CALL_FILE.
    expect(resolveCall(JSON.parse(JSON.stringify(config.bakedCall))).call).toEqual(config.bakedCall);
    expect(environmentName("senderAddress")).toBe("SHENBAO_CDK_SENDER_ADDRESS");
  });

  it("reports every problem at once, each naming its key and how to set it", () => {
    const problems = problemsOf({
      stage: "staging",
      senderAddress: "not-an-address",
      reviewerAddresses: "a@example.cn,nobody",
      mailRegion: "Frankfurt",
      deadline: "2024-11-20 17:00",
      maxFileBytes: "12",
      retentionDays: "0",
      allowedOrigin: "https://shenbao.example.edu.cn/upload/",
    });
    const keys = problems.map((p) => p.split(/[ :]/)[0]);
    expect(keys).toEqual(
      expect.arrayContaining([
        "stage",
        "senderAddress",
        "reviewerAddresses",
        "mailRegion",
        "deadline",
        "maxFileBytes",
        "retentionDays",
        "allowedOrigin",
      ]),
    );
    expect(problems.find((p) => p.startsWith("senderAddress"))).toContain("SHENBAO_CDK_SENDER_ADDRESS");
    expect(problems.find((p) => p.startsWith("stage"))).toContain('(got "staging")');
  });

  it("names the required keys when nothing is given", () => {
    const problems = problemsOf({});
    // allowedOrigin is optional since issue 16: the page's origin defaults to the API's own endpoint.
    expect(problems.map((p) => p.split(/[ :]/)[0]).sort()).toEqual(["senderAddress"]);
  });

  it("checks the combinations: https in prod, sender in its domain, SES outside China, account with region", () => {
    const problems = problemsOf({
      ...GOOD,
      stage: "prod",
      allowedOrigin: "http://shenbao.example.edu.cn",
      senderDomain: "example.org",
      region: "cn-north-1",
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^allowedOrigin.*https:\/\/ when stage is prod/),
        expect.stringMatching(/^senderDomain.*not in the domain example\.org/),
        expect.stringMatching(/^mailRegion.*SES is not offered in cn-north-1/),
        expect.stringMatching(/^region.*account and region go together/),
      ]),
    );
    expect(problemsOf({ ...GOOD, mailRegion: "cn-northwest-1" })).toEqual([
      expect.stringMatching(/^mailRegion.*not offered in the AWS China regions/),
    ]);
  });

  it("checks a call file with the functions' own rules, together with everything else", () => {
    const problems = problemsOf({ ...GOOD, callFile: "/nonexistent/call.json", retentionDays: "-1" });
    expect(problems).toEqual([
      expect.stringMatching(/^retentionDays/),
      expect.stringMatching(/^callFile \/nonexistent\/call\.json: cannot be read as JSON/),
    ]);
  });

  it("applies a deadline override to the call the functions enforce, without baking a call file", () => {
    const config = read({ ...GOOD, deadline: "2027-11-20T17:00:00+08:00" });
    expect(config.call.deadline).toBe("2027-11-20T17:00:00+08:00");
    expect(config.deadline).toBe("2027-11-20T17:00:00+08:00");
    expect(config.bakedCall).toBeUndefined();
  });
});
