/**
 * Byte mutations of real PDFs, as data: fast-check generates lists of them, `mutate` applies them, and a failing
 * case prints (and shrinks to) the exact edits that broke something. Positions are plain naturals taken modulo the
 * file's length when applied, so any list applies to any seed and shrinks towards the start of the file.
 */
import fc from "fast-check";

/** PDF syntax that parsers branch on: inserted, or swapped for one another, anywhere in a file. */
export const TOKENS = [
  "obj",
  "endobj",
  "stream",
  "endstream",
  "/Length",
  "xref",
  "trailer",
  "startxref",
  "%%EOF",
  "/Encrypt",
  "/JS",
  "/JavaScript",
  "/Launch",
  "/OpenAction",
  "/AA",
  "/Root",
  "/Pages",
  "/Page",
  "/Kids",
  "/Count",
  "/Parent",
  "/Type",
  "/Prev",
  "/Size",
  "/ObjStm",
  "/XRef",
  "/Filter",
  "/FlateDecode",
  "/LZWDecode",
  "/ASCII85Decode",
  "/DecodeParms",
  "/MediaBox",
  "/Rotate",
  "/Outlines",
  "/First",
  "/Next",
  "<<",
  ">>",
  "[",
  "]",
  "(",
  ")",
  "<",
  ">",
  "R",
  "null",
  "0 0 R",
  "1 0 R",
  "2147483647 0 R",
  "/Count -1",
  "/Count 2147483647",
  "/Length 999999999",
  "/Length -1",
  "/Rotate 45",
  "/MediaBox [0 0 1e308 -1e308]",
  "/DecodeParms << /Predictor 15 /Columns 99999999 >>",
  "/Encrypt << /Filter /Standard /V 5 /R 6 >>",
  "/S /JavaScript /JS (app.alert(1))",
  "/S /Launch /F (cmd.exe)",
] as const;

/** Numbers that overflow, underflow or are not numbers, written over a number already in the file. */
export const HOSTILE_NUMBERS = [
  "99999999999999999999999999",
  "2147483648",
  "4294967296",
  "-2147483649",
  "-1",
  "-0",
  "0",
  "1e308",
  "-1e308",
  "3.4e38",
  "0.0000000001",
  "NaN",
  "Infinity",
  "1.2.3",
  "--5",
  "+",
] as const;

export type Mutation =
  | { kind: "flip"; at: number; bit: number }
  | { kind: "set"; at: number; value: number }
  | { kind: "insert"; at: number; bytes: Uint8Array }
  | { kind: "delete"; at: number; length: number }
  | { kind: "token"; at: number; token: string }
  | { kind: "swap-token"; nth: number; from: string; to: string }
  | { kind: "number"; nth: number; value: string }
  | { kind: "nest"; at: number; depth: number; opener: "[" | "<<" }
  | { kind: "duplicate"; from: number; length: number; to: number }
  | { kind: "truncate"; at: number };

const position = fc.nat({ max: 1 << 30 });
const token = fc.constantFrom(...TOKENS);

export const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant("flip"), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ kind: fc.constant("set"), at: position, value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({
    kind: fc.constant("insert"),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }),
  }),
  fc.record({ kind: fc.constant("delete"), at: position, length: fc.integer({ min: 1, max: 512 }) }),
  fc.record({ kind: fc.constant("token"), at: position, token }),
  fc.record({ kind: fc.constant("swap-token"), nth: fc.nat({ max: 200 }), from: token, to: token }),
  fc.record({
    kind: fc.constant("number"),
    nth: fc.nat({ max: 400 }),
    value: fc.constantFrom(...HOSTILE_NUMBERS),
  }),
  fc.record({
    kind: fc.constant("nest"),
    at: position,
    depth: fc.oneof(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1000, max: 100_000 })),
    opener: fc.constantFrom("[" as const, "<<" as const),
  }),
  fc.record({
    kind: fc.constant("duplicate"),
    from: position,
    length: fc.integer({ min: 1, max: 2048 }),
    to: position,
  }),
  fc.record({ kind: fc.constant("truncate"), at: position }),
);

/** One to four edits: most single edits of a small file are shrugged off; a few together reach deeper. */
export const mutationsArbitrary = fc.array(mutationArbitrary, { minLength: 1, maxLength: 4 });

/**
 * The bytes with every edit applied in turn, always in a new buffer of their own: the seed is left untouched even
 * when no edit applies, because the inspector takes (detaches) the buffer it is given.
 */
export function mutate(seed: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  return mutations.reduce<Uint8Array>((bytes, mutation) => applyOne(bytes, mutation), seed.slice());
}

function applyOne(bytes: Uint8Array, m: Mutation): Uint8Array {
  const at = (n: number) => (bytes.length === 0 ? 0 : n % (bytes.length + 1));
  switch (m.kind) {
    case "flip": {
      if (bytes.length === 0) return bytes;
      const copy = bytes.slice();
      const i = m.at % bytes.length;
      copy[i] = (copy[i] ?? 0) ^ (1 << m.bit);
      return copy;
    }
    case "set": {
      if (bytes.length === 0) return bytes;
      const copy = bytes.slice();
      copy[m.at % bytes.length] = m.value;
      return copy;
    }
    case "insert":
      return splice(bytes, at(m.at), 0, m.bytes);
    case "delete":
      return splice(bytes, at(m.at), m.length, new Uint8Array(0));
    case "token":
      return splice(bytes, at(m.at), 0, latin1(` ${m.token} `));
    case "swap-token":
      return replaceNth(bytes, latin1(m.from), m.nth, latin1(m.to));
    case "number":
      return replaceNthNumber(bytes, m.nth, latin1(m.value));
    case "nest":
      return splice(bytes, at(m.at), 0, latin1(m.opener.repeat(m.depth)));
    case "duplicate": {
      const from = at(m.from);
      return splice(bytes, at(m.to), 0, bytes.slice(from, from + m.length));
    }
    case "truncate":
      return bytes.slice(0, at(m.at));
  }
}

function splice(bytes: Uint8Array, at: number, removed: number, inserted: Uint8Array): Uint8Array {
  const end = Math.min(bytes.length, at + removed);
  const out = new Uint8Array(bytes.length - (end - at) + inserted.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(inserted, at);
  out.set(bytes.subarray(end), at + inserted.length);
  return out;
}

/** Replaces the (nth mod count)-th occurrence of `needle`; unchanged when there is none. */
function replaceNth(bytes: Uint8Array, needle: Uint8Array, nth: number, replacement: Uint8Array): Uint8Array {
  const hits = occurrences(bytes, needle);
  if (hits.length === 0) return bytes;
  const at = hits[nth % hits.length] as number;
  return splice(bytes, at, needle.length, replacement);
}

/** Replaces the (nth mod count)-th run of ASCII digits (a number, an offset, a length, an object number). */
function replaceNthNumber(bytes: Uint8Array, nth: number, replacement: Uint8Array): Uint8Array {
  const runs: Array<[start: number, end: number]> = [];
  for (let i = 0; i < bytes.length; ) {
    if (isDigit(bytes[i])) {
      const start = i;
      while (i < bytes.length && isDigit(bytes[i])) i++;
      runs.push([start, i]);
    } else {
      i++;
    }
  }
  if (runs.length === 0) return bytes;
  const [start, end] = runs[nth % runs.length] as [number, number];
  return splice(bytes, start, end - start, replacement);
}

function occurrences(bytes: Uint8Array, needle: Uint8Array): number[] {
  const hits: number[] = [];
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + 1)) hits.push(i);
  return hits;
}

function isDigit(byte: number | undefined): boolean {
  return byte !== undefined && byte >= 0x30 && byte <= 0x39;
}

function latin1(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, "latin1"));
}

/** A mutation list as one line for a failure message; inserted bytes as hex. */
export function describeMutations(mutations: readonly Mutation[]): string {
  return mutations
    .map((m) =>
      m.kind === "insert" ? `insert@${m.at}:${Buffer.from(m.bytes).toString("hex")}` : JSON.stringify(m),
    )
    .join(" ; ");
}
