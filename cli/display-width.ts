import stringWidth from "string-width";

/**
 * Terminal column width of a string (string-width): East Asian wide and full-width characters take two columns,
 * combining marks and zero-width characters none.
 */
export function displayWidth(text: string): number {
  return stringWidth(text);
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
