import { DynamoDBPersistenceLayer } from "@aws-lambda-powertools/idempotency/dynamodb";
import type { DynamoDBClient } from "@aws-sdk/client-dynamodb";

/**
 * The store of links issued under a school's Idempotency-Key: Powertools' DynamoDB persistence layer on our single
 * table, through our own client. Items are `pk = IDEMPOTENCY#upload-link`, `sk = upload-link#<hash of schoolId and
 * key>`, holding the status, the hash of the request (payload validation), the 201 body and `expiresAt` (epoch
 * seconds), which is the table's TTL attribute; correctness never depends on the sweep, the layer compares
 * `expiresAt` with the clock itself.
 */
export function dynamoIssuedLinkStore(client: DynamoDBClient, tableName: string): DynamoDBPersistenceLayer {
  return new DynamoDBPersistenceLayer({
    tableName,
    awsSdkV3Client: client,
    keyAttr: "pk",
    sortKeyAttr: "sk",
    staticPkValue: "IDEMPOTENCY#upload-link",
    expiryAttr: "expiresAt",
  });
}
