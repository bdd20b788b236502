import { Grant } from "aws-cdk-lib/aws-iam";
import type { ShenbaoFunction } from "./shenbao-function.ts";

/**
 * Least privilege, per function: exactly the operations its code path issues (shared/aws/*), on exact ARNs.
 * (Table.grant would add the index ARNs, and Bucket.grantRead/grantPut whole action families: none is needed.)
 */
export function allow(fn: ShenbaoFunction, actions: string[], resourceArns: string[]): void {
  Grant.addToPrincipal({ grantee: fn.function, actions, resourceArns });
}
