/**
 * Finds JavaScript and Launch actions by reading the file's object syntax directly.
 *
 * Why not pdf.js alone: pdf.js 5.6 exposes document-level scripts (getJSActions) and form-field scripts, but not a
 * link annotation's script, and no Launch action at all — it turns a Launch's /F into a link's `unsafeUrl` (looking
 * like any URI) and drops the /Win form entirely. Its getAnnotations() also extracts the page's text whenever a page
 * has links, which costs more than this whole scan.
 *
 * What is read: every object outside stream data, and the objects packed in Flate-compressed object streams, which
 * is where current writers put annotation and action dictionaries. An action type is the name after an /S key, compared
 * after #-escapes are decoded (`/L#61unch` is `/Launch`). Not seen: objects in an object stream that is also encrypted
 * (an owner-password file written with object streams), or wrapped in exotic filter chains; pdf.js's
 * document-level findings still cover those files' open actions.
 */
import { inflateSync } from "node:zlib";

export interface ActionScan {
  javaScriptActions: number;
  launchActions: number;
}

/** Object streams inflate to at most this much each, and this much in all; a bomb is skipped, not expanded. */
const MAX_OBJECT_STREAM_BYTES = 16 << 20;
const MAX_OBJECT_STREAMS_TOTAL_BYTES = 64 << 20;

const STREAM = Buffer.from("stream", "latin1");
const END_STREAM = Buffer.from("endstream", "latin1");
const CARRIAGE_RETURN = 0x0d;
const LINE_FEED = 0x0a;
const GREATER_THAN = 0x3e;

/** A PDF name token: a slash and the regular characters that follow (PDF 32000-1, 7.2.2 and 7.3.5). */
const NAME = /\/([^\0\t\n\f\r /[\]<>(){}%]*)/g;
const ONLY_WHITESPACE = /^[\0\t\n\f\r ]*$/;
const ESCAPE = /#([0-9A-Fa-f]{2})/g;
const LINE_END = /[\r\n]/g;
/** A /Length entry; the second group is set when the length is an indirect reference ("12 0 R"). */
const DIRECT_LENGTH = /\/Length[\0\t\n\f\r ]+(\d+)([\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+R)?/;
const PDF_WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
/** A /Filter entry: one name, or an array of them. */
const FILTER = /\/Filter[\0\t\n\f\r ]*(\[[^\]]*\]|\/[^\0\t\n\f\r /[\]<>(){}%]*)/;

export function scanActions(bytes: Uint8Array): ActionScan {
  const scan: ActionScan = { javaScriptActions: 0, launchActions: 0 };
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let inflatedBudget = MAX_OBJECT_STREAMS_TOTAL_BYTES;
  let position = 0;
  while (position < buffer.length) {
    const keyword = nextStreamKeyword(buffer, position);
    const syntax = buffer.toString("latin1", position, keyword === -1 ? buffer.length : keyword);
    countActions(syntax, scan);
    if (keyword === -1) break;
    const dataStart = skipEndOfLine(buffer, keyword + STREAM.length);
    const dictionary = lastDictionary(syntax);
    const dataEnd = endOfStreamData(buffer, dataStart, dictionary);
    const streamEnd = dataEnd === -1 ? buffer.length : dataEnd;
    const encoding = objectStreamEncoding(dictionary);
    if (encoding === "plain") countActions(buffer.toString("latin1", dataStart, streamEnd), scan);
    if (encoding === "flate" && inflatedBudget > 0) {
      const limit = Math.min(inflatedBudget, MAX_OBJECT_STREAM_BYTES);
      const objects = inflateBounded(buffer.subarray(dataStart, streamEnd), limit);
      inflatedBudget -= objects?.length ?? limit;
      if (objects) countActions(objects.toString("latin1"), scan);
    }
    position = dataEnd === -1 ? buffer.length : dataEnd + END_STREAM.length;
  }
  return scan;
}

function countActions(syntax: string, scan: ActionScan): void {
  if (!mayHoldName(syntax, "JavaScript") && !mayHoldName(syntax, "Launch")) return;
  forEachKeyAndName(withoutStringsAndComments(syntax), (key, value) => {
    if (key !== "S") return;
    if (value === "JavaScript") scan.javaScriptActions++;
    else if (value === "Launch") scan.launchActions++;
  });
}

/** Calls back for every name that directly follows another name: a dictionary key and its name value, among others. */
function forEachKeyAndName(syntax: string, visit: (key: string, value: string) => void): void {
  let previousName: string | null = null;
  let previousEnd = -1;
  for (const match of syntax.matchAll(NAME)) {
    const name = decodeName(match[1] ?? "");
    if (previousName !== null && ONLY_WHITESPACE.test(syntax.slice(previousEnd, match.index))) {
      visit(previousName, name);
    }
    previousName = name;
    previousEnd = match.index + match[0].length;
  }
}

/** The syntax with literal strings and comments blanked out, so words inside them are not taken for names. */
function withoutStringsAndComments(syntax: string): string {
  let result = "";
  let copiedUpTo = 0;
  let index = 0;
  while (index < syntax.length) {
    const character = syntax[index];
    if (character === "(") {
      const end = literalStringEnd(syntax, index);
      result += `${syntax.slice(copiedUpTo, index)} `;
      copiedUpTo = index = end;
    } else if (character === "%") {
      LINE_END.lastIndex = index;
      const end = LINE_END.exec(syntax)?.index ?? syntax.length;
      result += `${syntax.slice(copiedUpTo, index)} `;
      copiedUpTo = index = end;
    } else {
      index++;
    }
  }
  return result + syntax.slice(copiedUpTo);
}

/** Where a literal string that opens at `start` ends: balanced parentheses, backslash escapes (PDF 32000-1, 7.3.4.2). */
function literalStringEnd(syntax: string, start: number): number {
  let depth = 0;
  for (let index = start; index < syntax.length; index++) {
    const character = syntax[index];
    if (character === "\\") index++;
    else if (character === "(") depth++;
    else if (character === ")" && --depth === 0) return index + 1;
  }
  return syntax.length;
}

/** A cheap test that lets most of a file skip tokenising: the name spelled plainly, or any #-escape at all. */
function mayHoldName(syntax: string, name: string): boolean {
  return syntax.includes(name) || syntax.includes("#");
}

function decodeName(raw: string): string {
  return raw.includes("#")
    ? raw.replace(ESCAPE, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)))
    : raw;
}

/**
 * Where "endstream" follows the stream data that starts at `dataStart`: found by the dictionary's /Length when that is
 * a number and right, which skips megabytes of image data unread; otherwise by searching. -1 when there is none.
 */
function endOfStreamData(buffer: Buffer, dataStart: number, dictionary: string): number {
  const length = DIRECT_LENGTH.exec(dictionary);
  if (length && !length[2]) {
    let position = dataStart + Number(length[1]);
    while (position < buffer.length && PDF_WHITESPACE.has(buffer[position] ?? 0)) position++;
    if (buffer.subarray(position, position + END_STREAM.length).equals(END_STREAM)) return position;
  }
  return buffer.indexOf(END_STREAM, dataStart);
}

/** The last dictionary's text before a stream keyword: from the last "obj" on, which holds the stream's dictionary. */
function lastDictionary(syntax: string): string {
  const objectStart = syntax.lastIndexOf("obj");
  return objectStart === -1 ? syntax : syntax.slice(objectStart);
}

/** How an object stream's data is encoded, if this dictionary is an object stream's and its objects can be read. */
function objectStreamEncoding(dictionary: string): "plain" | "flate" | null {
  if (!mayHoldName(dictionary, "ObjStm")) return null;
  let isObjectStream = false;
  forEachKeyAndName(dictionary, (key, value) => {
    if (key === "Type" && value === "ObjStm") isObjectStream = true;
  });
  if (!isObjectStream) return null;
  const filter = FILTER.exec(dictionary);
  if (!filter) return "plain";
  const names = Array.from((filter[1] ?? "").matchAll(NAME), (match) => decodeName(match[1] ?? ""));
  return names.length === 1 && (names[0] === "FlateDecode" || names[0] === "Fl") ? "flate" : null;
}

function inflateBounded(data: Buffer, maxBytes: number): Buffer | null {
  try {
    return inflateSync(data, { maxOutputLength: maxBytes });
  } catch {
    return null;
  }
}

/** The next "stream" that opens stream data: right after a dictionary's ">>", and followed by white space. */
function nextStreamKeyword(buffer: Buffer, from: number): number {
  for (let at = buffer.indexOf(STREAM, from); at !== -1; at = buffer.indexOf(STREAM, at + STREAM.length)) {
    let before = at - 1;
    while (before > 0 && PDF_WHITESPACE.has(buffer[before] ?? 0)) before--;
    const afterDictionary = buffer[before] === GREATER_THAN && buffer[before - 1] === GREATER_THAN;
    if (afterDictionary && PDF_WHITESPACE.has(buffer[at + STREAM.length] ?? -1)) return at;
  }
  return -1;
}

function skipEndOfLine(buffer: Buffer, position: number): number {
  let next = position;
  if (buffer[next] === CARRIAGE_RETURN) next++;
  if (buffer[next] === LINE_FEED) next++;
  return next;
}
