/** Records: schools, tokens, submissions, application pointers, in one DynamoDB table (see docs/data-model.md). */
import type { RemovalPolicy } from "aws-cdk-lib";
import { AttributeType, BillingMode, ProjectionType, Table, TableEncryption } from "aws-cdk-lib/aws-dynamodb";
import type { Construct } from "constructs";
import { Section } from "./section.ts";

export interface RecordsProps {
  production: boolean;
  removalPolicy: RemovalPolicy;
}

export class Records extends Section {
  readonly table: Table;

  constructor(scope: Construct, id: string, props: RecordsProps) {
    super(scope, id);
    this.table = new Table(this, "Table", {
      partitionKey: { name: "pk", type: AttributeType.STRING },
      sortKey: { name: "sk", type: AttributeType.STRING },
      // Deadline-day bursts and idle months: pay per request, no capacity to plan.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryption.AWS_MANAGED,
      deletionProtection: props.production,
      removalPolicy: props.removalPolicy,
      // Only failed-attempt counters carry it (shared/aws/dynamodb-attempts.ts); their window is in their key, so
      // expiry is housekeeping, never correctness (the local emulator has no TTL).
      timeToLiveAttribute: "expiresAt",
    });
    // Schools by name, submissions by state: listings for the operator's CLI.
    this.table.addGlobalSecondaryIndex({
      indexName: "gsi1",
      partitionKey: { name: "gsi1pk", type: AttributeType.STRING },
      sortKey: { name: "gsi1sk", type: AttributeType.STRING },
      projectionType: ProjectionType.ALL,
    });
  }
}
