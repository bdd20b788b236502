/**
 * Copies text to the clipboard. The async Clipboard API needs a secure context (a school may open the page over
 * plain http inside a campus network); the fallback selects the text and uses the older copy command.
 */
export async function copyText(text: string, source: HTMLElement): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection-based copy
  }
  const selection = window.getSelection();
  if (!selection) return false;
  const range = document.createRange();
  range.selectNodeContents(source);
  selection.removeAllRanges();
  selection.addRange(range);
  try {
    return document.execCommand("copy");
  } catch {
    return false; // the text stays selected for a manual copy
  }
}
