import { WEB_TEXT } from "../../shared/messages/web.ts";
import type { ServerClock } from "./clock.ts";

const DAY_MS = 86_400_000;

/**
 * Keeps an element counting down to the deadline on the server's clock, once a second on the second. Calls
 * `onClosed` once when the deadline passes. Returns a function that stops it.
 */
export function startCountdown(
  element: HTMLElement,
  deadline: Date,
  clock: ServerClock,
  onClosed: () => void,
): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let shown = false;
  const tick = () => {
    // A page rendered again (after signing in anew) leaves this element behind: its countdown ends with it.
    if (shown && !element.isConnected) return;
    shown = true;
    const left = deadline.getTime() - clock.now().getTime();
    if (left <= 0) {
      element.textContent = WEB_TEXT.requirements.closed;
      element.classList.add("closed");
      if (!closed) {
        closed = true;
        onClosed();
      }
      return;
    }
    element.textContent = WEB_TEXT.requirements.countdown(left);
    element.classList.toggle("urgent", left < DAY_MS);
    timer = setTimeout(tick, 1000 - (clock.now().getTime() % 1000) + 5);
  };
  tick();
  return () => clearTimeout(timer);
}
