/**
 * A small, bounded reader of PDF object syntax (PDF 32000-1, 7.2 and 7.3), independent of pdf.js: numbers, names,
 * strings (skipped, not decoded), arrays, dictionaries, references and stream extents. Enough to follow a page tree;
 * nothing here renders or decodes content. Every structure is depth-bounded, and malformed syntax throws
 * RawSyntaxError rather than guessing.
 */

export class RawSyntaxError extends Error {
  override name = "RawSyntaxError";
}

export interface RawRef {
  kind: "ref";
  num: number;
  gen: number;
}
export interface RawName {
  kind: "name";
  name: string;
}
/** A string's content is not needed by any caller, so it is skipped and only its presence kept. */
export interface RawString {
  kind: "string";
}
export type RawDict = Map<string, RawValue>;
export type RawValue = number | boolean | null | RawRef | RawName | RawString | RawValue[] | RawDict;

/** An indirect object as found at an offset: its value and, for a stream, where its data lies. */
export interface RawObject {
  value: RawValue;
  stream?: { start: number; end: number };
}

const MAX_NESTING = 64;

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]);
const DELIMITERS = new Set([0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]);

export function isRef(value: RawValue | undefined): value is RawRef {
  return typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Map)
    ? value.kind === "ref"
    : false;
}

export function isName(value: RawValue | undefined, name?: string): value is RawName {
  const named =
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    !(value instanceof Map) &&
    value.kind === "name";
  return named && (name === undefined || (value as RawName).name === name);
}

export function isDict(value: RawValue | undefined): value is RawDict {
  return value instanceof Map;
}

export function isInteger(value: RawValue | undefined): value is number {
  return typeof value === "number" && Number.isInteger(value);
}

/** A cursor over the file's bytes. */
export class RawLexer {
  constructor(
    readonly bytes: Uint8Array,
    public position = 0,
  ) {}

  skipWhitespace(): void {
    const { bytes } = this;
    while (this.position < bytes.length) {
      const byte = bytes[this.position] ?? 0;
      if (WHITESPACE.has(byte)) this.position++;
      else if (byte === 0x25) {
        while (this.position < bytes.length && bytes[this.position] !== 0x0a && bytes[this.position] !== 0x0d)
          this.position++;
      } else break;
    }
  }

  /** A run of regular characters (a keyword or a number), after whitespace; "" at a delimiter or the end. */
  word(): string {
    this.skipWhitespace();
    const start = this.position;
    this.skipRegular();
    return latin1(this.bytes, start, this.position);
  }

  /** Moves past a run of regular characters (neither whitespace nor a delimiter). */
  private skipRegular(): void {
    const { bytes } = this;
    while (this.position < bytes.length) {
      const byte = bytes[this.position] ?? 0;
      if (WHITESPACE.has(byte) || DELIMITERS.has(byte)) break;
      this.position++;
    }
  }

  peekByte(): number | undefined {
    this.skipWhitespace();
    return this.bytes[this.position];
  }

  /** True, advancing past it, when the next token is exactly `keyword`. */
  takeKeyword(keyword: string): boolean {
    const saved = this.position;
    if (this.word() === keyword) return true;
    this.position = saved;
    return false;
  }

  value(depth = 0): RawValue {
    if (depth > MAX_NESTING) throw new RawSyntaxError("objects nested too deeply");
    const byte = this.peekByte();
    if (byte === undefined) throw new RawSyntaxError("unexpected end of file");
    const { bytes } = this;
    if (byte === 0x3c && bytes[this.position + 1] === 0x3c) return this.dict(depth);
    if (byte === 0x3c) return this.hexString();
    if (byte === 0x5b) return this.array(depth);
    if (byte === 0x2f) return this.name();
    if (byte === 0x28) return this.literalString();
    const word = this.word();
    if (word === "true") return true;
    if (word === "false") return false;
    if (word === "null") return null;
    if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word))
      throw new RawSyntaxError(`unexpected token "${word.slice(0, 20)}"`);
    const number = Number(word);
    if (/^\d+$/.test(word)) {
      // "12 0 R" is a reference; anything else leaves the cursor after the first number.
      const saved = this.position;
      const gen = this.word();
      if (/^\d+$/.test(gen) && this.word() === "R") return { kind: "ref", num: number, gen: Number(gen) };
      this.position = saved;
    }
    return number;
  }

  private dict(depth: number): RawDict {
    this.position += 2;
    const dict: RawDict = new Map();
    for (;;) {
      const byte = this.peekByte();
      if (byte === undefined) throw new RawSyntaxError("unterminated dictionary");
      if (byte === 0x3e && this.bytes[this.position + 1] === 0x3e) {
        this.position += 2;
        return dict;
      }
      const key = this.value(depth + 1);
      if (!isName(key)) throw new RawSyntaxError("dictionary key is not a name");
      dict.set(key.name, this.value(depth + 1));
    }
  }

  private array(depth: number): RawValue[] {
    this.position++;
    const items: RawValue[] = [];
    for (;;) {
      const byte = this.peekByte();
      if (byte === undefined) throw new RawSyntaxError("unterminated array");
      if (byte === 0x5d) {
        this.position++;
        return items;
      }
      items.push(this.value(depth + 1));
    }
  }

  private name(): RawName {
    this.position++;
    const start = this.position;
    this.skipRegular();
    const { bytes } = this;
    const raw = latin1(bytes, start, this.position);
    return {
      kind: "name",
      name: raw.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    };
  }

  private literalString(): RawString {
    const { bytes } = this;
    let nesting = 0;
    while (this.position < bytes.length) {
      const byte = bytes[this.position++];
      if (byte === 0x5c) this.position++;
      else if (byte === 0x28) nesting++;
      else if (byte === 0x29 && --nesting === 0) return { kind: "string" };
    }
    throw new RawSyntaxError("unterminated string");
  }

  private hexString(): RawString {
    const end = this.bytes.indexOf(0x3e, this.position);
    if (end === -1) throw new RawSyntaxError("unterminated hex string");
    this.position = end + 1;
    return { kind: "string" };
  }
}

export function latin1(bytes: Uint8Array, start: number, end: number): string {
  let text = "";
  for (let index = start; index < end; index += 8192) {
    text += String.fromCharCode(...bytes.subarray(index, Math.min(end, index + 8192)));
  }
  return text;
}

/**
 * Reads "num gen obj value [stream]" at `offset`. A stream's extent comes from its /Length when that is a direct
 * number and "endstream" follows it; otherwise from the next "endstream".
 */
export function readObjectAt(bytes: Uint8Array, offset: number, expectedNum?: number): RawObject {
  const lexer = new RawLexer(bytes, offset);
  const num = lexer.word();
  const gen = lexer.word();
  if (!/^\d+$/.test(num) || !/^\d+$/.test(gen) || !lexer.takeKeyword("obj")) {
    throw new RawSyntaxError(`no object at offset ${offset}`);
  }
  if (expectedNum !== undefined && Number(num) !== expectedNum) {
    throw new RawSyntaxError(`object ${expectedNum} expected at offset ${offset}, found ${num}`);
  }
  const value = lexer.value();
  if (!isDict(value) || !lexer.takeKeyword("stream")) return { value };
  let start = lexer.position;
  if (bytes[start] === 0x0d) start++;
  if (bytes[start] === 0x0a) start++;
  const length = value.get("Length");
  if (isInteger(length) && length >= 0 && start + length <= bytes.length) {
    const after = new RawLexer(bytes, start + length);
    if (after.takeKeyword("endstream")) return { value, stream: { start, end: start + length } };
  }
  const end = indexOfAscii(bytes, "endstream", start);
  if (end === -1) throw new RawSyntaxError("stream without endstream");
  return { value, stream: { start, end } };
}

export function indexOfAscii(bytes: Uint8Array, text: string, from: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(text, from, "latin1");
}

export function lastIndexOfAscii(bytes: Uint8Array, text: string, from?: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).lastIndexOf(text, from, "latin1");
}
