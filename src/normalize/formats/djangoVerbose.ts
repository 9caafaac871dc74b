import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { dateTimeEnd, isDigit } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * Django's documented `verbose` formatter, `{levelname} {asctime} {module} {process:d} {thread:d}
 * {message}` (docs.djangoproject.com/en/stable/topics/logging/, "Examples"), the layout most
 * Django settings copy: `INFO 2024-01-01 12:00:00,123 views 12 140234 hello`. The level is the
 * line's, the module, process and thread ids are fields (`module`, `process`, `thread`), the rest
 * is the message, a traceback after it exc_info (`logger.exception`, `django.request`'s
 * `Internal Server Error: /`). The module is no logger's name.
 */

const NAME = 'django-verbose';
const LEVELS = levelSpellings(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']);
// `CRITICAL ` is the longest level with its space.
const MAX_LEVEL = 9;
// Longest module name taken; Python module names are far shorter.
const MAX_MODULE = 128;

/** After the run of digits at `start` and the space that ends it, or -1. */
function numberEnd(line: string, start: number): number {
  let i = start;
  while (isDigit(line.charCodeAt(i))) i++;
  return i > start && line.charCodeAt(i) === 0x20 ? i : -1;
}

export const djangoVerbose: TextFormat = {
  name: NAME,
  parse(line) {
    const space = line.indexOf(' ');
    if (space < 4 || space > MAX_LEVEL) return undefined;
    const levelname = LEVELS.get(line.slice(0, space));
    if (levelname === undefined) return undefined;
    const timeStart = space + 1;
    const timeEnd = dateTimeEnd(line, timeStart);
    // Python's asctime: its comma before the milliseconds.
    if (timeEnd < 0 || line.charCodeAt(timeStart + 19) !== 0x2c || line.charCodeAt(timeEnd) !== 0x20)
      return undefined;
    const moduleStart = timeEnd + 1;
    const moduleEnd = line.indexOf(' ', moduleStart);
    if (moduleEnd <= moduleStart || moduleEnd - moduleStart > MAX_MODULE) return undefined;
    const processEnd = numberEnd(line, moduleEnd + 1);
    if (processEnd < 0) return undefined;
    const threadEnd = numberEnd(line, processEnd + 1);
    if (threadEnd < 0) return undefined;
    const { message, exc_info } = splitStack(line.slice(threadEnd + 1));
    return {
      message,
      levelname,
      exc_info,
      fields: {
        module: line.slice(moduleStart, moduleEnd),
        process: Number(line.slice(moduleEnd + 1, processEnd)),
        thread: Number(line.slice(processEnd + 1, threadEnd)),
      },
    };
  },
};
