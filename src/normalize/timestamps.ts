/**
 * Both record timestamps from one epoch-millisecond value. Events of a payload share a handful
 * of seconds, so the last result is cached.
 */
let lastMs = Number.NaN;
let lastIso = '';

// Dates JavaScript can represent: ±8.64e15 ms (ECMA-262 "Time Values and Time Range").
const MAX_TIME_MS = 8.64e15;

/**
 * ISO 8601 UTC with milliseconds: `2020-05-11T12:44:44.123Z`. A value that is no date at all
 * (never sent by CloudWatch, but never a crash either) is read as 0, the epoch.
 */
export function isoTimestamp(ms: number): string {
  if (ms !== lastMs) {
    const valid = Number.isFinite(ms) && Math.abs(ms) <= MAX_TIME_MS;
    lastIso = new Date(valid ? ms : 0).toISOString();
    lastMs = ms;
  }
  return lastIso;
}

/** python-json-logger's `%Y-%m-%dT%H:%M:%S%z` in UTC: `2020-05-11T12:44:44+0000`. */
export function asctimeOf(ms: number): string {
  const iso = isoTimestamp(ms);
  // Years beyond 9999 are written ±YYYYYY by toISOString; keep everything up to the seconds.
  return `${iso.slice(0, iso.length - 5)}+0000`;
}
