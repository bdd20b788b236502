/** Terminal column width of a string: East Asian wide and full-width characters take two columns. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const cp = char.codePointAt(0) ?? 0;
    width += isWide(cp) ? 2 : 1;
  }
  return width;
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

function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0x303e) ||
    (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}
