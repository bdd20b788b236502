import stringWidth from "string-width";

/**
 * Characters whose width is known without segmenting. One column: printable ASCII, the middle dot, the general
 * punctuation of dashes, quotes and the ellipsis (U+2010–U+2027), box drawing, and the report's marks ✔ ✘ ●. Two: the
 * common East Asian wide and full-width blocks (CJK symbols and punctuation, CJK ideographs and extension A,
 * full-width forms). The first string-width call alone costs ~50 ms (its regular expressions and segmenter).
 */
const NARROW_CLASS = "\\u0020-\\u007E\\u00B7\\u2010-\\u2027\\u2500-\\u257F\\u2714\\u2718\\u25CF";
const WIDE_CLASS = "\\u3000-\\u303E\\u3400-\\u4DBF\\u4E00-\\u9FFF\\uFF01-\\uFF60\\uFFE0-\\uFFE6";
const SIMPLE = new RegExp(`^[${NARROW_CLASS}${WIDE_CLASS}]*$`);
const NARROW = new RegExp(`[${NARROW_CLASS}]`, "g");

/**
 * Terminal column width of a string (string-width): East Asian wide and full-width characters take two columns,
 * combining marks and zero-width characters none. Text made only of SIMPLE characters is counted directly: string-width
 * segments every string into graphemes, ~1 ms for a Chinese file name, and truncateMiddle measures one name many times.
 */
export function displayWidth(text: string): number {
  if (!SIMPLE.test(text)) return stringWidth(text);
  const narrow = text.match(NARROW)?.length ?? 0;
  return narrow + 2 * (text.length - narrow);
}

export function padEnd(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Shortens from the middle so that both the school (start) and the major (end) of a long name stay visible. */
export function truncateMiddle(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const chars = [...text];
  let head = "";
  let tail = "";
  let i = 0;
  let j = chars.length - 1;
  while (i <= j) {
    const nextHead = head + chars[i];
    if (displayWidth(nextHead) + displayWidth(tail) + 1 > width) break;
    head = nextHead;
    i += 1;
    const nextTail = chars[j] + tail;
    if (i > j || displayWidth(head) + displayWidth(nextTail) + 1 > width) break;
    tail = nextTail;
    j -= 1;
  }
  return `${head}…${tail}`;
}
