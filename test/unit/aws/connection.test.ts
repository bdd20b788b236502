import { describe, expect, it } from "vitest";
import { connectionFromEnvironment, createAwsClients } from "../../../shared/aws/clients.ts";

describe("connectionFromEnvironment: what the Lambda entry and the CLI's aws target read", () => {
  it("leaves everything to the SDK's chain in Lambda, where no endpoint is overridden", () => {
    expect(connectionFromEnvironment({ AWS_REGION: "cn-northwest-1" })).toEqual({
      s3: {},
      dynamodb: {},
      ses: {},
      sqs: {},
    });
  });

  it("takes each service's endpoint override, falling back to AWS_ENDPOINT_URL", () => {
    const connection = connectionFromEnvironment({
      AWS_ENDPOINT_URL: "http://127.0.0.1:4566",
      AWS_ENDPOINT_URL_S3: "http://127.0.0.1:9000",
    });

    expect(connection.s3).toEqual({ endpoint: "http://127.0.0.1:9000" });
    expect(connection.dynamodb).toEqual({ endpoint: "http://127.0.0.1:4566" });
    expect(connection.ses).toEqual({ endpoint: "http://127.0.0.1:4566" });
    expect(connection.sqs).toEqual({ endpoint: "http://127.0.0.1:4566" });
  });

  it("sends SES to SHENBAO_MAIL_REGION, which the China regions need", () => {
    const connection = connectionFromEnvironment({
      AWS_REGION: "cn-north-1",
      SHENBAO_MAIL_REGION: "ap-southeast-1",
    });

    expect(connection.ses).toEqual({ region: "ap-southeast-1" });
    expect(connection.s3).toEqual({});
  });
});

describe("createAwsClients: clients from the connection given, whatever the process's environment says", () => {
  it("builds each client on its own endpoint and region, path-style for S3 where an endpoint is given", async () => {
    const clients = createAwsClients({
      s3: { endpoint: "http://127.0.0.1:9001", region: "eu-west-1" },
      dynamodb: { endpoint: "http://127.0.0.1:9002", region: "eu-west-1" },
      ses: { endpoint: "http://127.0.0.1:9003", region: "ap-southeast-1" },
    });
    try {
      const port = async (client: { config: { endpoint?: () => Promise<{ port?: number }> } }) =>
        (await client.config.endpoint?.())?.port;
      expect(await port(clients.s3)).toBe(9001);
      expect(await port(clients.dynamodb)).toBe(9002);
      expect(await port(clients.ses)).toBe(9003);
      expect(await clients.ses.config.region()).toBe("ap-southeast-1");
      expect(clients.s3.config.forcePathStyle).toBe(true);
    } finally {
      clients.destroy();
    }
  });

  it("leaves S3 virtual-hosted where no endpoint is given, as in AWS", () => {
    const clients = createAwsClients({ s3: { region: "cn-north-1" } });
    try {
      expect(clients.s3.config.forcePathStyle).toBe(false);
    } finally {
      clients.destroy();
    }
  });
});
