import { stripAnsi } from '../fields.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { dateTimeEnd, isDigit } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * zerolog's `ConsoleWriter` (Go, "pretty logging"): `<time> <LVL> [<caller> >] <message> <fields>`,
 * e.g. `3:04PM INF Hello World foo=bar`: the time as `time.Kitchen` by default (or the writer's
 * `TimeFormat`, RFC 3339 the usual choice), the level as `FormattedLevels` spells it, the caller
 * followed by ` >` with `Caller()`, then the message and the fields as `key=value` (`error` first),
 * with colour codes unless `NoColor`. The level is read; the time and the caller stay fields
 * (`time`, `caller`); the fields stay in the message as written (a value may hold spaces).
 * Recognised by the time, a space and one of the three-letter levels followed by a space.
 * Checked against rs/zerolog console.go (`consoleDefaultPartsOrder`, `consoleDefaultFormatLevel`,
 * `consoleDefaultFormatCaller`, `writeFields`) and globals.go (`FormattedLevels`).
 */

const LEVELS: ReadonlyMap<string, LevelName> = new Map<string, LevelName>([
  ['TRC', 'DEBUG'],
  ['DBG', 'DEBUG'],
  ['INF', 'INFO'],
  ['WRN', 'WARNING'],
  ['ERR', 'ERROR'],
  ['FTL', 'CRITICAL'],
  ['PNC', 'CRITICAL'],
]);
// A caller is a source path; far shorter than this.
const MAX_CALLER = 512;

/** After `3:04PM` / `10:47AM` (`time.Kitchen`) at the start, or -1. */
function kitchenEnd(line: string): number {
  const colon = isDigit(line.charCodeAt(1)) ? 2 : 1;
  if (!isDigit(line.charCodeAt(0)) || line.charCodeAt(colon) !== 0x3a /* : */) return -1;
  if (!isDigit(line.charCodeAt(colon + 1)) || !isDigit(line.charCodeAt(colon + 2))) return -1;
  const half = line.slice(colon + 3, colon + 5);
  return half === 'AM' || half === 'PM' ? colon + 5 : -1;
}

export const zerologConsole: TextFormat = {
  name: 'zerolog-console',
  parse(line): ParsedLine | undefined {
    const text = line.charCodeAt(0) === 0x1b ? stripAnsi(line) : line;
    let timeEnd = kitchenEnd(text);
    if (timeEnd < 0) timeEnd = dateTimeEnd(text, 0);
    if (timeEnd < 0 || text.charCodeAt(timeEnd) !== 0x20 || text.charCodeAt(timeEnd + 4) !== 0x20) {
      return undefined;
    }
    const levelname = LEVELS.get(text.slice(timeEnd + 1, timeEnd + 4));
    if (levelname === undefined) return undefined;
    const fields: Record<string, unknown> = { time: text.slice(0, timeEnd) };
    let start = timeEnd + 5;
    // `Caller()`: `app/db.go:42 > `.
    const arrow = text.slice(start, start + MAX_CALLER + 3).indexOf(' > ');
    if (arrow > 0 && !text.slice(start, start + arrow).includes(' ')) {
      fields.caller = text.slice(start, start + arrow);
      start += arrow + 3;
    }
    const { message, exc_info } = splitStack(text.slice(start));
    return { message, levelname, exc_info, fields };
  },
};
