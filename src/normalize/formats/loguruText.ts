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
 * SUCCESS (loguru's 25) is INFO and stays a field, `level`, as it was spelled.
 * Recognised by the time, then ` | `, a loguru level, ` | ` and `:…:<digits> - `.
 * Checked against Delgan/loguru loguru/_defaults.py (`LOGURU_FORMAT`) and loguru/_logger.py.
 */

const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'SUCCESS', 'WARNING', 'ERROR', 'CRITICAL']);
// `{level: <8}`: names longer than 8 characters (custom levels) are not padded.
const MAX_LEVEL = 32;
const MAX_LOCATION = 512;

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
    if (!LEVELS.has(levelWord)) return undefined;
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
    // SUCCESS, loguru's own level, is INFO here; its spelling is kept.
    if (levelWord === 'SUCCESS') fields.level = levelWord;
    return {
      message,
      levelname: loguruLevel(levelWord, undefined),
      name: location.slice(0, firstColon),
      exc_info,
      fields,
    };
  },
};
