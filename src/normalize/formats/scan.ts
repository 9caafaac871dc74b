/**
 * Small position scanners shared by the text formats: each reads a fixed shape at one index and
 * returns where it ends, or -1. Constant or linear work, no regular expressions.
 */

export function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/**
 * For a line that starts with an absolute source path ending in `suffix` and its line number, as
 * interpreters write warnings (`/var/task/app.py:12`, `/var/task/app.rb:4`), the index just after
 * the number; -1 for any other line, or a path longer than `maxPath`.
 */
export function sourceLocationEnd(line: string, suffix: string, maxPath: number): number {
  if (line.charCodeAt(0) !== 0x2f /* / */) return -1;
  const colon = line.indexOf(':');
  if (colon < 0 || colon > maxPath || !line.endsWith(suffix, colon)) return -1;
  let end = colon + 1;
  while (isDigit(line.charCodeAt(end))) end++;
  return end === colon + 1 ? -1 : end;
}

export function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

/** An ASCII letter, digit or `_`: a character of an identifier or a key. */
export function isWordChar(code: number): boolean {
  return isAsciiLetter(code) || isDigit(code) || code === 0x5f; /* _ */
}

/**
 * Matches `shape` at `start`, where `d` is any digit, `M` any ASCII letter and every other
 * character itself.
 */
export function matchShape(line: string, start: number, shape: string): boolean {
  if (start + shape.length > line.length) return false;
  for (let i = 0; i < shape.length; i++) {
    const c = line.charCodeAt(start + i);
    const expected = shape.charCodeAt(i);
    if (expected === 0x64 /* d */) {
      if (!isDigit(c)) return false;
    } else if (expected === 0x4d /* M */) {
      if (!isAsciiLetter(c)) return false;
    } else if (c !== expected) return false;
  }
  return true;
}

const MONTHS = new Set(['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']);

/** An English month abbreviation (`Jan` … `Dec`, Java's and C's `%b`) at `start`. */
export function isMonthAt(line: string, start: number): boolean {
  return MONTHS.has(line.slice(start, start + 3));
}

/** After `HH:MM:SS` and an optional `,123` / `.123456` fraction at `start`, or -1. */
export function timeEnd(line: string, start: number): number {
  if (!matchShape(line, start, 'dd:dd:dd')) return -1;
  let i = start + 8;
  const sep = line.charCodeAt(i);
  if ((sep === 0x2c /* , */ || sep === 0x2e) /* . */ && isDigit(line.charCodeAt(i + 1))) {
    i++;
    while (i < line.length && isDigit(line.charCodeAt(i))) i++;
  }
  return i;
}

/**
 * After `YYYY-MM-DD` + (` ` or `T`) + a time (see {@link timeEnd}) + an optional `Z` or
 * `±hh:mm` / `±hhmm` at `start`, or -1. With `slashes`, the date is Go's `YYYY/MM/DD`.
 */
export function dateTimeEnd(line: string, start: number, slashes = false): number {
  if (!matchShape(line, start, slashes ? 'dddd/dd/dd' : 'dddd-dd-dd')) return -1;
  const sep = line.charCodeAt(start + 10);
  if (sep !== 0x20 && sep !== 0x54 /* T */) return -1;
  const i = timeEnd(line, start + 11);
  if (i < 0) return -1;
  const zone = line.charCodeAt(i);
  if (zone === 0x5a /* Z */) return i + 1;
  if (zone === 0x2b || zone === 0x2d) {
    if (matchShape(line, i + 1, 'dd:dd')) return i + 6;
    if (matchShape(line, i + 1, 'dddd')) return i + 5;
  }
  return i;
}

/** After the run of spaces at `start`. */
export function skipSpaces(line: string, start: number): number {
  let i = start;
  while (line.charCodeAt(i) === 0x20) i++;
  return i;
}

/** The end of the word at `start` (up to a space, tab, or the end of the line). */
export function wordEnd(line: string, start: number, max = 256): number {
  let i = start;
  const limit = Math.min(line.length, start + max);
  while (i < limit) {
    const c = line.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) return i;
    i++;
  }
  return i === line.length ? i : -1;
}

/** A Lambda request id as the runtimes print it: a UUID (36 characters of hex and dashes). */
export function isUuidAt(line: string, start: number): boolean {
  if (start + 36 > line.length) return false;
  for (let i = 0; i < 36; i++) {
    const c = line.charCodeAt(start + i);
    if (i === 8 || i === 13 || i === 18 || i === 23) {
      if (c !== 0x2d) return false;
    } else if (!(isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46))) return false;
  }
  return true;
}
