import { XMLParser } from "fast-xml-parser";
import JSZip from "jszip";

/** A parsed OOXML element: its tag, attributes (without the "@_" prefix) and children, in document order. */
export interface XmlNode {
  tag: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type Ordered = Record<string, unknown> & { ":@"?: Record<string, string> };

function toNode(raw: Ordered): XmlNode {
  const tag = Object.keys(raw).find((k) => k !== ":@") ?? "";
  const attrs = Object.fromEntries(
    Object.entries(raw[":@"] ?? {}).map(([k, v]) => [k.replace(/^@_/, ""), String(v)]),
  );
  const body = raw[tag];
  if (tag === "#text") return { tag, attrs, children: [], text: String(body) };
  return { tag, attrs, children: (body as Ordered[]).map(toNode), text: "" };
}

/** Opens a .docx and parses one of its parts (word/document.xml by default). */
export async function docxPart(docx: Buffer, part = "word/document.xml"): Promise<XmlNode> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file(part);
  if (!file) throw new Error(`${part} not in the .docx`);
  const parser = new XMLParser({
    preserveOrder: true,
    ignoreAttributes: false,
    trimValues: false,
    parseTagValue: false,
    parseAttributeValue: false,
  });
  const parsed = parser.parse(await file.async("string")) as Ordered[];
  return { tag: "#root", attrs: {}, children: parsed.map(toNode), text: "" };
}

export function all(node: XmlNode, tag: string): XmlNode[] {
  const found: XmlNode[] = [];
  const walk = (n: XmlNode) => {
    if (n.tag === tag) found.push(n);
    for (const c of n.children) walk(c);
  };
  walk(node);
  return found;
}

export function first(node: XmlNode, tag: string): XmlNode | undefined {
  return all(node, tag)[0];
}

/** The text of an element: its w:t runs joined, paragraphs separated by "\n". */
export function textOf(node: XmlNode): string {
  if (node.tag === "#text") return node.text;
  const parts = node.children.map(textOf);
  return node.tag === "w:p" ? parts.join("") : node.tag === "w:tc" ? parts.join("\n") : parts.join("");
}

/** A cell a vertically merged cell above covers (w:vMerge without "restart"): Word shows nothing of it. */
export function isMergedAway(tc: XmlNode): boolean {
  const vMerge = first(tc, "w:vMerge");
  return vMerge !== undefined && vMerge.attrs["w:val"] !== "restart";
}

/** The cells a reader sees: every w:tc but those a merged cell covers. */
export function visibleCells(node: XmlNode): XmlNode[] {
  return all(node, "w:tc").filter((tc) => !isMergedAway(tc));
}

/** Every table as rows of visible cell texts (each cell's paragraphs joined by "\n", empty lines dropped). */
export function tables(doc: XmlNode): string[][][] {
  return all(doc, "w:tbl").map((tbl) =>
    all(tbl, "w:tr").map((tr) =>
      visibleCells(tr).map((tc) =>
        all(tc, "w:p")
          .map(textOf)
          .filter((line) => line !== "")
          .join("\n"),
      ),
    ),
  );
}

/** The top-level paragraphs' texts, in order. */
export function paragraphs(doc: XmlNode): string[] {
  const body = first(doc, "w:body");
  return (body?.children ?? []).filter((n) => n.tag === "w:p").map(textOf);
}
