const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto", style: "short" });
const ahead = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const exact = new Intl.DateTimeFormat("en", { dateStyle: "medium", timeStyle: "medium" });

/** "5 min. ago", "yesterday", "just now": how long before `now` the moment was. */
export function formatRelativeTime(iso: string, now: number = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) {
      return relative.format(Math.trunc(seconds / size), unit);
    }
  }
  return "just now";
}

export function formatExactTime(iso: string): string {
  return exact.format(new Date(iso));
}

export function formatPercent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** "in 42 seconds", "in 2 minutes", or "shortly" when the server did not say (Retry-After). */
export function formatRetryAfter(seconds: number | null): string {
  if (seconds === null) {
    return "shortly";
  }
  return seconds < 60
    ? ahead.format(Math.max(seconds, 1), "second")
    : ahead.format(Math.ceil(seconds / 60), "minute");
}
