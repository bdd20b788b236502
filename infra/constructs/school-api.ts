/**
 * The school API: an HTTP API whose routes are the route table's (shared/api/routes.ts), the functions that answer
 * them, and the school's upload page served by the API itself (one origin for the page and /api, one deployment).
 * Authorization is the functions' (school bearer tokens, hashed in DynamoDB): API Gateway has no authorizer.
 */
import { Duration, Stack, Validations } from "aws-cdk-lib";
import { AccessLogFormat } from "aws-cdk-lib/aws-apigateway";
import {
  CorsHttpMethod,
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import type { Table } from "aws-cdk-lib/aws-dynamodb";
import { LogGroup } from "aws-cdk-lib/aws-logs";
import type { Construct } from "constructs";
import { type HttpFunctionName, ROUTES, type RouteAuth } from "../../shared/api/routes.ts";
import type { DeploymentConfig } from "../config.ts";
import type { Files } from "./files.ts";
import type { FunctionSettings } from "./function-settings.ts";
import { allow } from "./grants.ts";
import { Section } from "./section.ts";
import { ShenbaoFunction } from "./shenbao-function.ts";
import { webPageCommands } from "./web-page-bundle.ts";

const API_TIMEOUT = Duration.seconds(10);

/** Why a route has no authorizer, as cdk-nag (AwsSolutions-APIG4) is told. */
const WITHOUT_AUTHORIZER: Record<RouteAuth, string> = {
  "school-token":
    "The function authorizes every request itself: a school's bearer token, stored only as a SHA-256 hash " +
    "in DynamoDB and checked against the school record (functions/runtime/http.ts requireSchool).",
  "link-id":
    "A reviewer's download link: the path holds an opaque 256-bit link id, stored only as a SHA-256 hash with " +
    "its expiry and revocation, checked by the function (shared/reviewer-links/open-link.ts); an unknown id gets 404.",
  none:
    "Public static files (the upload page's HTML, script and style), the same for everyone; they hold no " +
    "data, and every /api route the page calls authorizes by school token.",
};

export interface SchoolApiProps {
  config: DeploymentConfig;
  settings: FunctionSettings;
  table: Table;
  files: Files;
}

export class SchoolApi extends Section {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  /** The origin the API (and so the upload page) is served from at its generated URL: `https://{id}.execute-api…`. */
  readonly origin: string;
  readonly functions: Record<HttpFunctionName, ShenbaoFunction>;

  constructor(scope: Construct, id: string, props: SchoolApiProps) {
    super(scope, id);
    const { config, settings, table, files } = props;
    const { logRetention, removalPolicy } = settings;

    const apiFunction = (name: HttpFunctionName, description: string) =>
      new ShenbaoFunction(this, pascal(name), {
        ...settings,
        entry: `functions/${name}/handler.ts`,
        description,
        // A cold start parses a ~1 MB bundle: CPU, which Lambda hands out in proportion to memory.
        memorySize: 512,
        timeout: API_TIMEOUT,
        environment: { ...settings.environment, POWERTOOLS_SERVICE_NAME: name },
      });
    this.functions = {
      "upload-link": apiFunction(
        "upload-link",
        "POST /api/upload-links: checks a planned upload and signs a POST for it",
      ),
      "submission-status": apiFunction(
        "submission-status",
        "GET /api/submissions/{id}: a submission's state and receipt",
      ),
      "school-profile": apiFunction(
        "school-profile",
        "GET /api/me: the school, the call and its submissions",
      ),
      "school-application": apiFunction(
        "school-application",
        "GET and PUT /api/me/application: the school's details for the summary table (附件3)",
      ),
      "application-form": apiFunction(
        "application-form",
        "GET and PUT /api/me/application-form: the school's 申报书 as data and its eligibility pre-screen",
      ),
      "school-documents": apiFunction(
        "school-documents",
        "GET /api/me/documents/{document}: the 申报书 and 建设方案 outline (.docx) generated from the school's form",
      ),
      "reviewer-link": apiFunction(
        "reviewer-link",
        "GET /r/{linkId}: a reviewer's download, redirected to a freshly presigned GET of the checked version",
      ),
      "web-page": new ShenbaoFunction(this, "WebPage", {
        logRetention,
        removalPolicy,
        entry: "functions/web-page/handler.ts",
        description: "GET / and its assets: the school's upload page (web/), built into the bundle",
        memorySize: 256,
        timeout: API_TIMEOUT,
        environment: { POWERTOOLS_SERVICE_NAME: "web-page" },
        afterBundling: webPageCommands,
      }),
    };
    const {
      "upload-link": uploadLink,
      "submission-status": submissionStatus,
      "school-profile": schoolProfile,
      "school-application": schoolApplication,
      "application-form": applicationForm,
      "school-documents": schoolDocuments,
      "reviewer-link": reviewerLink,
    } = this.functions;

    const tableArn = [table.tableArn];
    // UpdateItem for the API functions: counting failed token presentations (shared/api/attempt-limit.ts).
    allow(
      uploadLink,
      ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem"],
      tableArn,
    );
    allow(submissionStatus, ["dynamodb:GetItem", "dynamodb:UpdateItem"], tableArn);
    allow(schoolProfile, ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"], tableArn);
    // PutItem: the details item, replaced whole (shared/aws/dynamodb-application-details.ts).
    allow(schoolApplication, ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"], tableArn);
    // The details are part of the form, saved with its pre-screen, which reads the accepted evidence's page texts.
    allow(schoolApplication, ["s3:GetObject"], files.evidenceTextObjects);
    files.acknowledgeEvidenceTextPrefix(schoolApplication);
    // PutItem: the form item, replaced whole, with its pre-screen (shared/aws/dynamodb-application-forms.ts).
    // BatchGetItem: GET reads the form with the evidence pointer in one request (shared/application/prescreen-read.ts).
    allow(
      applicationForm,
      ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchGetItem"],
      tableArn,
    );
    // The accepted evidence's page texts, for the pre-screen (shared/aws/s3-evidence-text.ts).
    allow(applicationForm, ["s3:GetObject"], files.evidenceTextObjects);
    files.acknowledgeEvidenceTextPrefix(applicationForm);
    // Reads the school and its form item only (UpdateItem: counting failed token presentations).
    allow(schoolDocuments, ["dynamodb:GetItem", "dynamodb:UpdateItem"], tableArn);
    // The link on its submission's item (or, issued before, its own item): read it, count the download
    // (shared/aws/dynamodb-reviewer-links.ts). A presigned GET is signed
    // with the function's own credentials, so it may read the checked version (HeadObject is s3:GetObject too).
    allow(reviewerLink, ["dynamodb:GetItem", "dynamodb:UpdateItem"], tableArn);
    allow(reviewerLink, ["s3:GetObject", "s3:GetObjectVersion"], files.uploadObjects);
    files.acknowledgeUploadPrefix(reviewerLink);
    // A presigned POST is signed with the signer's credentials: upload-link must itself be allowed to put the key.
    allow(uploadLink, ["s3:PutObject"], files.uploadObjects);
    files.acknowledgeUploadPrefix(uploadLink);

    this.api = new HttpApi(this, "Api", {
      description: "shenbao school API",
      createDefaultStage: false,
      // The page served by the API itself calls /api from the same origin: no CORS. A page served from another
      // origin (allowedOrigin) is allowed.
      ...(config.allowedOrigin
        ? {
            corsPreflight: {
              allowOrigins: [config.allowedOrigin],
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT],
              allowHeaders: ["authorization", "content-type"],
              // The generated documents' file names (GET /api/me/documents/…).
              exposeHeaders: ["content-disposition"],
              maxAge: Duration.minutes(10),
            },
          }
        : {}),
    });
    const stack = Stack.of(this);
    // As HttpStage.url builds the $default stage's URL, without the trailing slash.
    this.origin = `https://${this.api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`;
    const accessLogs = new LogGroup(this, "ApiAccessLogs", { retention: logRetention, removalPolicy });
    this.stage = new HttpStage(this, "ApiStage", {
      httpApi: this.api,
      stageName: "$default",
      autoDeploy: true,
      // Per-stage: about a hundred schools, each a few requests a minute at worst; bursts absorb a page reload.
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // Never the Authorization header: a bearer token must not reach a log.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: "$context.requestId",
            time: "$context.requestTime",
            ip: "$context.identity.sourceIp",
            route: "$context.routeKey",
            status: "$context.status",
            latencyMs: "$context.responseLatency",
            integrationError: "$context.integrationErrorMessage",
          }),
        ),
      },
    });
    this.addRoutes();
  }

  /** Every route of the table, to its function through one integration per function. */
  private addRoutes(): void {
    const integrations = new Map<HttpFunctionName, HttpLambdaIntegration>();
    for (const route of ROUTES) {
      const fn = this.functions[route.function];
      let integration = integrations.get(route.function);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${fn.node.id}Integration`, fn.function);
        integrations.set(route.function, integration);
      }
      const methods = [HttpMethod[route.method]];
      for (const created of this.api.addRoutes({ path: route.path, methods, integration })) {
        Validations.of(created).acknowledge({
          id: "AwsSolutions-APIG4",
          reason: WITHOUT_AUTHORIZER[route.auth],
        });
      }
    }
  }
}

function pascal(name: string): string {
  return name.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase());
}
