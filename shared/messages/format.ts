/** Formatting of numbers, sizes and times for Chinese readers. Pure; used by every message. */

let beijing: Intl.DateTimeFormat | undefined;

/** Made on first use: building it starts ICU's time zone data, ~20 ms that most commands (`shenbao check`) never need. */
function beijingFormat(): Intl.DateTimeFormat {
  beijing ??= new Intl.DateTimeFormat("zh-CN", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  });
  return beijing;
}

export interface BeijingTimeOptions {
  /** Whether to name the zone, "（北京时间）"; tables whose column header already says so leave it out. Default true. */
  zoneSuffix?: boolean;
}

/** "2024年11月15日 23:59:59（北京时间）", or without "（北京时间）" when `zoneSuffix` is false. */
export function formatBeijingTime(date: Date, options: BeijingTimeOptions = {}): string {
  const parts = Object.fromEntries(
    beijingFormat()
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  const time = `${parts.year}年${parts.month}月${parts.day}日 ${parts.hour}:${parts.minute}:${parts.second}`;
  return options.zoneSuffix === false ? time : `${time}（北京时间）`;
}

/** Sizes as people read them: "812 KB", "40.2 MB" (binary units, as operating systems show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} 字节`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb >= 100 || Number.isInteger(mb) ? Math.round(mb) : mb.toFixed(1)} MB`;
}

/** "3、7、12" — or "3、7、12 等 40 页" when the list is long. */
export function formatPageList(pages: readonly number[], max = 10): string {
  const shown = pages.slice(0, max).map((p) => `第 ${p} 页`);
  return pages.length > max ? `${shown.join("、")} 等共 ${pages.length} 页` : shown.join("、");
}
