/** Reads the synthesized dashboard's body, shared by the dashboard and runbook tests. */

/** The dashboard body as JSON, each CloudFormation reference written `@Id` (Ref) or `@Id.Attribute` (GetAtt). */
export function bodyOf(body: unknown): { widgets: Array<{ properties: Record<string, unknown> }> } {
  const part = (value: unknown): string => {
    if (typeof value === "string") return value;
    const node = value as Record<string, unknown>;
    if ("Ref" in node) return `@${node.Ref}`;
    if ("Fn::GetAtt" in node) return `@${(node["Fn::GetAtt"] as string[]).join(".")}`;
    throw new Error(`unexpected in the dashboard body: ${JSON.stringify(value)}`);
  };
  const text =
    typeof body === "string"
      ? body
      : ((body as { "Fn::Join": [string, unknown[]] })["Fn::Join"][1] ?? []).map(part).join("");
  return JSON.parse(text);
}

/** The titles of the widgets of a dashboard body. */
export function widgetTitles(body: ReturnType<typeof bodyOf>): string[] {
  return body.widgets.flatMap((w) => (typeof w.properties.title === "string" ? [w.properties.title] : []));
}
