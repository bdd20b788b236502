/**
 * The true page count: the leaf pages reachable from the catalog's /Pages, found by walking the tree ourselves
 * instead of believing the root's /Count or a linearized file's /N, which pdf.js takes on trust when they look
 * plausible. A page listed twice is counted twice, as viewers, printers and qpdf show it twice; a kid that leads back
 * to one of its ancestors (a cycle) is skipped and reported. The walk is bounded in depth, visits and time, and
 * reports `null` rather than a guess when it cannot finish.
 */
import type { PageTreeWalk } from "./facts.ts";
import { RawDocument } from "./raw-document.ts";
import {
  isDict,
  isInteger,
  isRef,
  type RawDict,
  RawLexer,
  RawSyntaxError,
  readObjectAt,
} from "./raw-objects.ts";

export interface WalkLimits {
  /** Give up (null) after this long. */
  budgetMs: number;
  /** Give up (null) on a tree deeper than this. */
  maxDepth: number;
  /** Give up (null) after visiting this many nodes, leaves included. */
  maxVisits: number;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { budgetMs: 1500, maxDepth: 256, maxVisits: 1_000_000 };

/** How far into the file the linearization dictionary may start (it must be the first object). */
const LINEARIZATION_SEARCH_BYTES = 1024;
const TIME_CHECK_EVERY = 256;

export class PageTreeWalkError extends Error {
  override name = "PageTreeWalkError";
}

/** The walk's result, or null when the file's structure could not be read or the walk exceeded a limit. */
export function walkPageTree(
  bytes: Uint8Array,
  limits: WalkLimits = DEFAULT_WALK_LIMITS,
): PageTreeWalk | null {
  try {
    return walk(bytes, limits);
  } catch (error) {
    if (error instanceof RawSyntaxError || error instanceof PageTreeWalkError) return null;
    throw error;
  }
}

function walk(bytes: Uint8Array, limits: WalkLimits): PageTreeWalk {
  const started = performance.now();
  const doc = new RawDocument(bytes);
  const catalog = doc.resolve(doc.trailer.get("Root"));
  if (!isDict(catalog)) throw new PageTreeWalkError("no catalog");
  const rootRef = catalog.get("Pages");
  const root = doc.resolve(rootRef);
  if (!isDict(root)) throw new PageTreeWalkError("no page tree");
  const declared = doc.resolve(root.get("Count"));

  const cache = new Map<number, RawDict | null>();
  const node = (ref: { num: number; gen: number }): RawDict | null => {
    const cached = cache.get(ref.num);
    if (cached !== undefined) return cached;
    const value = doc.fetch(ref);
    const dict = isDict(value) ? value : null;
    cache.set(ref.num, dict);
    return dict;
  };

  let pages = 0;
  let cycles = 0;
  let visits = 0;
  const leaves = new Set<number | RawDict>();
  // Depth-first, in document order: each frame is a node's kids and the position reached among them.
  const rootKey = isRef(rootRef) ? rootRef.num : -1;
  const path: number[] = [rootKey];
  const stack: Array<{ kids: unknown[]; next: number }> = [{ kids: kidsOf(doc, root), next: 0 }];
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as { kids: unknown[]; next: number };
    if (frame.next >= frame.kids.length) {
      stack.pop();
      path.pop();
      continue;
    }
    const kid = frame.kids[frame.next++] as Parameters<typeof isRef>[0];
    if (++visits > limits.maxVisits) throw new PageTreeWalkError("too many page tree nodes");
    if (visits % TIME_CHECK_EVERY === 0 && performance.now() - started > limits.budgetMs) {
      throw new PageTreeWalkError("page tree walk out of time");
    }
    const dict = isRef(kid) ? node(kid) : isDict(kid) ? kid : null;
    if (dict === null) continue;
    const key = isRef(kid) ? kid.num : -2;
    if (key >= 0 && path.includes(key)) {
      cycles++;
      continue;
    }
    if (Array.isArray(dict.get("Kids")) || isRef(dict.get("Kids"))) {
      if (path.length >= limits.maxDepth) throw new PageTreeWalkError("page tree too deep");
      path.push(key);
      stack.push({ kids: kidsOf(doc, dict), next: 0 });
      continue;
    }
    pages++;
    leaves.add(isRef(kid) ? kid.num : dict);
  }
  return {
    pages,
    distinctPages: leaves.size,
    declaredCount: isInteger(declared) ? declared : null,
    linearizedCount: linearizedPageCount(bytes),
    cycles,
  };
}

function kidsOf(doc: RawDocument, node: RawDict): unknown[] {
  const kids = doc.resolve(node.get("Kids"));
  return Array.isArray(kids) ? kids : [];
}

/**
 * The /N of the linearization dictionary, when the file has one that applies: it must be the first object and its /L
 * must be the file's length (an incremental update after linearizing voids it, and readers then ignore it).
 */
function linearizedPageCount(bytes: Uint8Array): number | null {
  const head = new RawLexer(bytes.subarray(0, LINEARIZATION_SEARCH_BYTES + 64));
  const match = /(?<![0-9])\d+[\0\t\n\f\r ]+\d+[\0\t\n\f\r ]+obj\b/.exec(
    String.fromCharCode(...head.bytes.subarray(0, LINEARIZATION_SEARCH_BYTES)),
  );
  if (match === null) return null;
  try {
    const { value } = readObjectAt(bytes, match.index);
    if (!isDict(value) || !value.has("Linearized")) return null;
    const length = value.get("L");
    const count = value.get("N");
    return isInteger(length) && length === bytes.length && isInteger(count) ? count : null;
  } catch (error) {
    if (error instanceof RawSyntaxError) return null;
    throw error;
  }
}
