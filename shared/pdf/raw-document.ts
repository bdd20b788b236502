/**
 * A file's objects found the way a strict reader finds them: the cross-reference sections from `startxref` back
 * through /Prev and /XRefStm (tables and Flate-compressed streams, newest entry wins), objects in object streams
 * included. When the cross-reference data is missing or wrong, the objects are found by scanning the file for
 * "num gen obj", as readers repair such files. Independent of pdf.js by design: it checks what pdf.js reports.
 *
 * Not read: objects inside an object stream of an encrypted file (its data is encrypted); fetching one throws
 * RawSyntaxError, and the caller reports the page tree as unread.
 */
import { inflateSync } from "node:zlib";
import {
  isDict,
  isInteger,
  isName,
  isRef,
  lastIndexOfAscii,
  latin1,
  type RawDict,
  RawLexer,
  RawSyntaxError,
  type RawValue,
  readObjectAt,
} from "./raw-objects.ts";

type XrefEntry = { type: 1; offset: number } | { type: 2; stream: number; index: number };

const MAX_XREF_SECTIONS = 256;
const MAX_INFLATED_BYTES = 32 << 20;
const STARTXREF_SEARCH_BYTES = 4096;

export class RawDocument {
  readonly trailer: RawDict;
  readonly #entries: Map<number, XrefEntry>;
  readonly #objectStreams = new Map<number, Map<number, RawValue>>();
  readonly #encrypted: boolean;
  /** True when the cross-reference data could not be used and objects were found by scanning. */
  readonly repaired: boolean;

  constructor(readonly bytes: Uint8Array) {
    let table: { entries: Map<number, XrefEntry>; trailer: RawDict } | null = null;
    try {
      table = readXref(bytes);
      if (!rootUsable(bytes, table)) table = null;
    } catch (error) {
      if (!(error instanceof RawSyntaxError)) throw error;
    }
    this.repaired = table === null;
    const { entries, trailer } = table ?? reconstructXref(bytes);
    this.#entries = entries;
    this.trailer = trailer;
    this.#encrypted = trailer.has("Encrypt");
  }

  /** The value of an indirect object, or null when the file does not hold it (as PDF 32000-1, 7.3.10, says). */
  fetch(ref: { num: number; gen: number }): RawValue {
    const entry = this.#entries.get(ref.num);
    if (entry === undefined) return null;
    if (entry.type === 1) return readObjectAt(this.bytes, entry.offset, ref.num).value;
    return this.#objectStream(entry.stream).get(entry.index) ?? null;
  }

  /** Follows a reference (one level: a reference to a reference is not valid PDF). */
  resolve(value: RawValue | undefined): RawValue {
    return isRef(value) ? this.fetch(value) : (value ?? null);
  }

  /** The objects of an object stream, by their index in it. */
  #objectStream(num: number): Map<number, RawValue> {
    const cached = this.#objectStreams.get(num);
    if (cached) return cached;
    if (this.#encrypted) throw new RawSyntaxError("object stream of an encrypted file");
    const entry = this.#entries.get(num);
    if (entry?.type !== 1) throw new RawSyntaxError(`object stream ${num} not found`);
    const { value, stream } = readObjectAt(this.bytes, entry.offset, num);
    if (!isDict(value) || !stream) throw new RawSyntaxError(`object ${num} is not a stream`);
    const data = decodeStream(this.bytes, value, stream);
    const count = value.get("N");
    const first = value.get("First");
    if (!isInteger(count) || !isInteger(first))
      throw new RawSyntaxError("object stream without /N or /First");
    const header = new RawLexer(data);
    const objects = new Map<number, RawValue>();
    const offsets: number[] = [];
    for (let index = 0; index < count; index++) {
      header.word();
      offsets.push(Number(header.word()));
    }
    offsets.forEach((offset, index) => {
      try {
        objects.set(index, new RawLexer(data, first + offset).value());
      } catch (error) {
        if (!(error instanceof RawSyntaxError)) throw error;
      }
    });
    this.#objectStreams.set(num, objects);
    return objects;
  }
}

function rootUsable(
  bytes: Uint8Array,
  table: { entries: Map<number, XrefEntry>; trailer: RawDict },
): boolean {
  const root = table.trailer.get("Root");
  if (!isRef(root)) return false;
  const entry = table.entries.get(root.num);
  if (entry === undefined) return false;
  if (entry.type === 2) return true;
  try {
    readObjectAt(bytes, entry.offset, root.num);
    return true;
  } catch {
    return false;
  }
}

function readXref(bytes: Uint8Array): { entries: Map<number, XrefEntry>; trailer: RawDict } {
  const keyword = lastIndexOfAscii(bytes, "startxref");
  if (keyword === -1 || keyword < bytes.length - STARTXREF_SEARCH_BYTES)
    throw new RawSyntaxError("no startxref");
  const lexer = new RawLexer(bytes, keyword + "startxref".length);
  const first = Number(lexer.word());
  const entries = new Map<number, XrefEntry>();
  let trailer: RawDict | null = null;
  const pending = [first];
  const seen = new Set<number>();
  while (pending.length > 0) {
    const offset = pending.shift() as number;
    if (!Number.isInteger(offset) || offset < 0 || offset >= bytes.length || seen.has(offset)) {
      if (seen.has(offset)) continue;
      throw new RawSyntaxError(`cross-reference offset ${offset} outside the file`);
    }
    seen.add(offset);
    if (seen.size > MAX_XREF_SECTIONS) throw new RawSyntaxError("too many cross-reference sections");
    const section = readXrefSection(bytes, offset);
    for (const [num, entry] of section.entries) if (!entries.has(num)) entries.set(num, entry);
    trailer ??= section.trailer;
    // A hybrid file's stream section comes before its /Prev (PDF 32000-1, 7.5.8.4).
    const stm = section.trailer.get("XRefStm");
    const prev = section.trailer.get("Prev");
    if (isInteger(stm)) pending.unshift(stm);
    if (isInteger(prev)) pending.push(prev);
  }
  if (trailer === null) throw new RawSyntaxError("no trailer");
  return { entries, trailer };
}

function readXrefSection(
  bytes: Uint8Array,
  offset: number,
): { entries: Map<number, XrefEntry>; trailer: RawDict } {
  const lexer = new RawLexer(bytes, offset);
  if (lexer.takeKeyword("xref")) return readXrefTable(lexer);
  const { value, stream } = readObjectAt(bytes, offset);
  if (!isDict(value) || !stream || !isName(value.get("Type"), "XRef")) {
    throw new RawSyntaxError(`no cross-reference section at offset ${offset}`);
  }
  return { entries: readXrefStream(decodeStream(bytes, value, stream), value), trailer: value };
}

function readXrefTable(lexer: RawLexer): { entries: Map<number, XrefEntry>; trailer: RawDict } {
  const entries = new Map<number, XrefEntry>();
  while (!lexer.takeKeyword("trailer")) {
    const start = lexer.word();
    const count = lexer.word();
    if (!/^\d+$/.test(start) || !/^\d+$/.test(count))
      throw new RawSyntaxError("malformed cross-reference table");
    for (let index = 0; index < Number(count); index++) {
      const offset = lexer.word();
      lexer.word();
      const kind = lexer.word();
      if (kind !== "n" && kind !== "f") throw new RawSyntaxError("malformed cross-reference entry");
      const num = Number(start) + index;
      if (kind === "n" && !entries.has(num)) entries.set(num, { type: 1, offset: Number(offset) });
    }
  }
  const trailer = lexer.value();
  if (!isDict(trailer)) throw new RawSyntaxError("trailer is not a dictionary");
  return { entries, trailer };
}

function readXrefStream(data: Uint8Array, dict: RawDict): Map<number, XrefEntry> {
  const widths = dict.get("W");
  if (!Array.isArray(widths) || widths.length !== 3 || !widths.every(isInteger)) {
    throw new RawSyntaxError("cross-reference stream without /W");
  }
  const [w0, w1, w2] = widths as number[];
  const rowLength = (w0 ?? 0) + (w1 ?? 0) + (w2 ?? 0);
  const size = dict.get("Size");
  const index = dict.get("Index") ?? [0, isInteger(size) ? size : 0];
  if (!Array.isArray(index) || !index.every(isInteger) || rowLength === 0) {
    throw new RawSyntaxError("malformed cross-reference stream");
  }
  const entries = new Map<number, XrefEntry>();
  const field = (position: number, width: number, fallback: number) => {
    if (width === 0) return fallback;
    let value = 0;
    for (let byte = 0; byte < width; byte++) value = value * 256 + (data[position + byte] ?? 0);
    return value;
  };
  let row = 0;
  for (let pair = 0; pair + 1 < index.length; pair += 2) {
    const [start, count] = [index[pair] as number, index[pair + 1] as number];
    for (let offset = 0; offset < count; offset++, row++) {
      const position = row * rowLength;
      if (position + rowLength > data.length) throw new RawSyntaxError("cross-reference stream too short");
      const type = field(position, w0 ?? 0, 1);
      const second = field(position + (w0 ?? 0), w1 ?? 0, 0);
      const third = field(position + (w0 ?? 0) + (w1 ?? 0), w2 ?? 0, 0);
      const num = start + offset;
      if (entries.has(num)) continue;
      if (type === 1) entries.set(num, { type: 1, offset: second });
      if (type === 2) entries.set(num, { type: 2, stream: second, index: third });
    }
  }
  return entries;
}

/** A stream's data, inflated when Flate-compressed (with PNG predictors, as cross-reference streams use). */
function decodeStream(bytes: Uint8Array, dict: RawDict, extent: { start: number; end: number }): Uint8Array {
  const raw = bytes.subarray(extent.start, extent.end);
  const filter = dict.get("Filter");
  const filters = Array.isArray(filter) ? filter : filter === undefined ? [] : [filter];
  if (filters.length === 0) return raw;
  if (filters.length > 1 || !isName(filters[0], "FlateDecode"))
    throw new RawSyntaxError("unsupported filter");
  let inflated: Uint8Array;
  try {
    inflated = inflateSync(raw, { maxOutputLength: MAX_INFLATED_BYTES });
  } catch (cause) {
    throw new RawSyntaxError("stream does not inflate", { cause });
  }
  const parms = dict.get("DecodeParms");
  const params = Array.isArray(parms) ? parms[0] : parms;
  const predictor = isDict(params) ? params.get("Predictor") : undefined;
  if (!isDict(params) || !isInteger(predictor) || predictor < 10) return inflated;
  const columns = params.get("Columns");
  const colors = params.get("Colors");
  const bits = params.get("BitsPerComponent");
  const bytesPerPixel = Math.max(
    1,
    Math.ceil(((isInteger(colors) ? colors : 1) * (isInteger(bits) ? bits : 8)) / 8),
  );
  const rowBytes = Math.ceil(
    ((isInteger(columns) ? columns : 1) * (isInteger(colors) ? colors : 1) * (isInteger(bits) ? bits : 8)) /
      8,
  );
  return undoPngPredictor(inflated, rowBytes, bytesPerPixel);
}

function undoPngPredictor(data: Uint8Array, rowBytes: number, bpp: number): Uint8Array {
  const rows = Math.floor(data.length / (rowBytes + 1));
  const out = new Uint8Array(rows * rowBytes);
  for (let row = 0; row < rows; row++) {
    const filter = data[row * (rowBytes + 1)];
    const input = row * (rowBytes + 1) + 1;
    const base = row * rowBytes;
    for (let column = 0; column < rowBytes; column++) {
      const raw = data[input + column] ?? 0;
      const left = column >= bpp ? (out[base + column - bpp] ?? 0) : 0;
      const up = row > 0 ? (out[base - rowBytes + column] ?? 0) : 0;
      const upLeft = row > 0 && column >= bpp ? (out[base - rowBytes + column - bpp] ?? 0) : 0;
      let value = raw;
      if (filter === 1) value = raw + left;
      else if (filter === 2) value = raw + up;
      else if (filter === 3) value = raw + ((left + up) >> 1);
      else if (filter === 4) {
        const estimate = left + up - upLeft;
        const [pa, pb, pc] = [
          Math.abs(estimate - left),
          Math.abs(estimate - up),
          Math.abs(estimate - upLeft),
        ];
        value = raw + (pa <= pb && pa <= pc ? left : pb <= pc ? up : upLeft);
      }
      out[base + column] = value & 0xff;
    }
  }
  return out;
}

/**
 * Every "num gen obj" in the file, the last one of each number winning (an incremental update's), the members of
 * the object streams found, and a trailer: the last `trailer` dictionary or cross-reference stream naming a /Root,
 * else the last catalog found.
 */
function reconstructXref(bytes: Uint8Array): { entries: Map<number, XrefEntry>; trailer: RawDict } {
  const text = latin1(bytes, 0, bytes.length);
  const entries = new Map<number, XrefEntry>();
  const pattern = /(?<![0-9])(\d+)[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+obj\b/g;
  const offsets: Array<[number, number]> = [];
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    const num = Number(match[1]);
    entries.set(num, { type: 1, offset: match.index });
    offsets.push([num, match.index]);
  }
  let trailer: RawDict | null = null;
  for (let at = lastIndexOfAscii(bytes, "trailer"); at !== -1 && trailer === null; ) {
    try {
      const candidate = new RawLexer(bytes, at + "trailer".length).value();
      if (isDict(candidate) && isRef(candidate.get("Root"))) trailer = candidate;
    } catch (error) {
      if (!(error instanceof RawSyntaxError)) throw error;
    }
    at = at === 0 ? -1 : lastIndexOfAscii(bytes, "trailer", at - 1);
  }
  let catalog: number | null = null;
  for (const [num, offset] of offsets) {
    let value: RawValue;
    try {
      value = readObjectAt(bytes, offset, num).value;
    } catch {
      continue;
    }
    if (!isDict(value)) continue;
    if (isName(value.get("Type"), "ObjStm")) {
      addObjectStreamMembers(bytes, num, offset, entries);
    }
    if (trailer === null && isName(value.get("Type"), "XRef") && isRef(value.get("Root"))) trailer = value;
    if (isName(value.get("Type"), "Catalog")) catalog = num;
  }
  if (trailer === null && catalog !== null) {
    trailer = new Map<string, RawValue>([["Root", { kind: "ref", num: catalog, gen: 0 }]]);
  }
  if (trailer === null) throw new RawSyntaxError("no catalog found");
  return { entries, trailer };
}

function addObjectStreamMembers(
  bytes: Uint8Array,
  num: number,
  offset: number,
  entries: Map<number, XrefEntry>,
) {
  try {
    const { value, stream } = readObjectAt(bytes, offset, num);
    if (!isDict(value) || !stream) return;
    const data = decodeStream(bytes, value, stream);
    const count = value.get("N");
    if (!isInteger(count)) return;
    const header = new RawLexer(data);
    for (let index = 0; index < count; index++) {
      const member = Number(header.word());
      header.word();
      // An object written in the open later in the file wins over its packed copy only when it comes after;
      // without the cross-reference data the packed copy is taken only where no plain copy exists.
      if (Number.isInteger(member) && !entries.has(member))
        entries.set(member, { type: 2, stream: num, index });
    }
  } catch (error) {
    if (!(error instanceof RawSyntaxError)) throw error;
  }
}
