/**
 * A part of the stack, named for reading (records, arrivals, API, reminders, alarms), that does not show in the
 * resources' logical ids: a resource keeps the id it would have had were it created in the stack itself, so
 * grouping (or regrouping) resources never makes CloudFormation replace one, data and all.
 */
import { createHash } from "node:crypto";
import type { CfnElement, Stack } from "aws-cdk-lib";
import { Construct, type IConstruct } from "constructs";

export class Section extends Construct {}

/**
 * The logical id of `element` in `stack`, as CDK allocates it (Stack.allocateLogicalId) from the construct path with
 * every Section left out; undefined when no Section is on its path (CDK's own allocation applies unchanged).
 */
export function logicalIdOutsideSections(stack: Stack, element: CfnElement): string | undefined {
  const scopes = element.node.scopes;
  const path = scopes.slice(scopes.indexOf(stack) + 1);
  if (!path.some((scope) => scope instanceof Section)) return undefined;
  return uniqueId(path.filter((scope) => !(scope instanceof Section)).map((scope) => scope.node.id));
}

/**
 * aws-cdk-lib's makeUniqueId (core/lib/private/uniqueid, not exported): the path's alphanumerics, then 8 hex digits
 * of the path's MD5. It is the stable contract every deployed CDK stack's ids rest on; test/infra/sections.test.ts
 * checks this copy against CDK's own allocation for every resource outside a section.
 */
export function uniqueId(pathComponents: readonly string[]): string {
  const components = pathComponents.filter((c) => c !== "Default");
  if (components.length === 0) throw new Error("a logical id needs a path");
  const alphanumeric = (s: string) => s.replace(/[^A-Za-z0-9]/g, "");
  if (components.length === 1) {
    const candidate = alphanumeric(components[0] as string);
    if (candidate.length <= 255) return candidate;
  }
  const hash = createHash("md5").update(components.join("/")).digest("hex").slice(0, 8).toUpperCase();
  const human: string[] = [];
  for (const c of components) if (human.length === 0 || !human[human.length - 1]?.endsWith(c)) human.push(c);
  return (
    human
      .filter((c) => c !== "Resource")
      .map(alphanumeric)
      .join("")
      .slice(0, 240) + hash
  );
}

/**
 * Names.nodeUniqueId(construct) as it would be with no Section on the construct's path. CDK names a few children
 * after another construct's unique id (an event source mapping after its queue, a rule's invoke permission after
 * its function); named by this instead, they keep their logical ids too.
 */
export function nodeUniqueIdOutsideSections(construct: IConstruct): string {
  return uniqueId(
    construct.node.scopes
      .slice(1)
      .filter((scope) => !(scope instanceof Section))
      .map((scope) => scope.node.id),
  );
}
