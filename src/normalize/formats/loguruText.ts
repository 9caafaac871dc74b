import type { TextFormat } from '../logFormat.js';
import { loguruLevel } from './loguru.js';
import { dateTimeEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * loguru's default text format (Python): `{time:YYYY-MM-DD HH:mm:ss.SSS} | {level: <8} |
 * {name}:{function}:{line} - {message}`, e.g. `2024-01-01 00:00:00.000 | INFO     |
 * app.api:handler:42 - Order created`; `logger.exception` appends the traceback on the lines
 * after. The level is padded to eight characters; `name` (the module's `__name__`) names the
 * record; `time` and `location` (`name:function:line`) stay fields, the traceback is exc_info.
 * SUCCESS (loguru's 25) and an application's own upper-case level are INFO and stay a field,
 * `level`, as they were spelled.
 * Recognised by the time, then ` | `, a loguru level, ` | ` and `:…:<digits> - `.
 * Checked against Delgan/loguru loguru/_defaults.py (`LOGURU_FORMAT`) and loguru/_logger.py.
 */

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'SUCCESS', 'WARNING', 'ERROR', 'CRITICAL']);
// `{level: <8}`: names longer than 8 characters (custom levels) are not padded.
const MAX_LEVEL = 32;
const MAX_LOCATION = 512;

function isUpperWord(word: string): boolean {
  if (word === '') return false;
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (!(c >= 0x41 && c <= 0x5a) && c !== 0x5f /* _ */) return false;
  }
  return true;
}

export const loguruText: TextFormat = {
  name: 'loguru-text',
  parse(line) {
    const c = line.charCodeAt(0);
    if (c < 0x30 || c > 0x39) return undefined;
    const timeEnd = dateTimeEnd(line, 0);
    if (timeEnd < 0 || !line.startsWith(' | ', timeEnd)) return undefined;
    const levelStart = timeEnd + 3;
    const levelEnd = line.indexOf(' ', levelStart);
    if (levelEnd < 0 || levelEnd - levelStart > MAX_LEVEL) return undefined;
    const levelWord = line.slice(levelStart, levelEnd);
    // A level of the application's own (`logger.level("AUDIT", no=35)`): upper-case, as loguru's.
    if (!LEVELS.has(levelWord) && !isUpperWord(levelWord)) return undefined;
    let i = levelEnd;
    while (line.charCodeAt(i) === 0x20) i++;
    if (!line.startsWith('| ', i)) return undefined;
    const locationStart = i + 2;
    const dash = line.indexOf(' - ', locationStart);
    if (dash < 0 || dash - locationStart > MAX_LOCATION) return undefined;
    const location = line.slice(locationStart, dash);
    const lastColon = location.lastIndexOf(':');
    const firstColon = location.indexOf(':');
    if (firstColon <= 0 || lastColon === firstColon || !/^\d+$/.test(location.slice(lastColon + 1)))
      return undefined;
    const { message, exc_info } = splitStack(line.slice(dash + 3));
    const fields: Record<string, unknown> = { time: line.slice(0, timeEnd), location };
    // SUCCESS, loguru's own level, is INFO here, as is a level of the application's own (the text
    // has no number to place it by): their spelling is kept.
    const levelname = loguruLevel(levelWord, undefined);
    if (levelWord === 'SUCCESS' || !LEVELS.has(levelWord)) fields.level = levelWord;
    return {
      message,
      levelname,
      name: location.slice(0, firstColon),
      exc_info,
      fields,
    };
  },
};
