/**
 * The server's clock as seen from the browser: the deadline is the server's, and a school's computer clock may be
 * wrong by minutes. The offset assumes the server stamped its time halfway through the request.
 */
export interface ServerClock {
  now(): Date;
  /** Server time minus local time, in milliseconds. */
  readonly offsetMs: number;
  /** Takes a newer reading (every /api/me answer carries one). */
  resync(serverTime: string, requestStartedMs: number, responseEndedMs: number): void;
}

export function serverClock(
  serverTime: string,
  requestStartedMs: number,
  responseEndedMs: number,
): ServerClock {
  let offsetMs = 0;
  const clock: ServerClock = {
    get offsetMs() {
      return offsetMs;
    },
    now: () => new Date(Date.now() + offsetMs),
    resync(time, started, ended) {
      const server = Date.parse(time);
      if (!Number.isNaN(server)) offsetMs = server - (started + ended) / 2;
    },
  };
  clock.resync(serverTime, requestStartedMs, responseEndedMs);
  return clock;
}
