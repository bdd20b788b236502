/**
 * The names of the schools registered for the call, for the rule that spots another college's name in a file's
 * properties. Names change rarely (a registration, a rename), so a container reads them once and again at most every
 * `maxAgeMs`: in steady state an upload costs no extra DynamoDB query. A name registered minutes ago may be missed
 * until the next refresh; the rule's name pattern still catches most school names without the list.
 */
export interface SchoolNames {
  /** The registered names, at most `maxAgeMs` old. Throws only when they were never read and cannot be. */
  current(): Promise<readonly string[]>;
}

export interface SchoolNamesOptions {
  /** Reads every registered school's name (one listing of the schools). */
  list: () => Promise<readonly string[]>;
  clock: () => Date;
  /** How long a listing is used before the next read. */
  maxAgeMs: number;
  /** Told when a refresh fails and the previous listing is kept. */
  onStale?: (error: unknown) => void;
}

/** Five minutes: a new registration is known to every container within that time. */
export const SCHOOL_NAMES_MAX_AGE_MS = 5 * 60_000;

export function cachedSchoolNames(options: SchoolNamesOptions): SchoolNames {
  let names: readonly string[] | undefined;
  let readAt = 0;
  let pending: Promise<readonly string[]> | undefined;

  async function refresh(): Promise<readonly string[]> {
    const startedAt = options.clock().getTime();
    try {
      names = [...(await options.list())];
      readAt = startedAt;
      return names;
    } catch (error) {
      // A failed refresh keeps the last listing (a few minutes older); without one, the delivery is retried.
      if (!names) throw error;
      options.onStale?.(error);
      return names;
    } finally {
      pending = undefined;
    }
  }

  return {
    current() {
      if (names && options.clock().getTime() - readAt < options.maxAgeMs) return Promise.resolve(names);
      // Concurrent deliveries in one container share one read.
      pending ??= refresh();
      return pending;
    },
  };
}
