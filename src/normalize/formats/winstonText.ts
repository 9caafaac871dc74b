import { stripAnsi } from '../fields.js';
import { toLevelName } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { splitStack } from './stacks.js';

/**
 * winston's text formats: `format.simple()` → `info: Hello distributed log files!` (level, `: `,
 * the message, then the meta as JSON when there is any), `format.cli()` → `warn:    Disk space
 * low` (the level padded), either with `format.colorize()` colour codes around the level. Only
 * winston's lower-case npm level names are read, so JavaScript's `Error: msg` headlines and
 * other `Word: text` lines are not taken for a level.
 * Checked against winstonjs/logform simple.js, cli.js, pad-levels.js and colorize.js.
 */

const NAME = 'winston-text';
const LEVELS = new Set(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']);
// `verbose` is the longest name.
const MAX_LEVEL = 7;

export const winstonText: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    // e(rror) w(arn) i(nfo) h(ttp) v(erbose) d(ebug) s(illy), or ESC of a colourised level.
    if (c !== 0x1b && 'ewihvds'.indexOf(line.charAt(0)) < 0) return undefined;
    const text = c === 0x1b ? stripAnsi(line) : line;
    const colon = text.indexOf(':');
    if (colon < 4 || colon > MAX_LEVEL || text.charCodeAt(colon + 1) !== 0x20) return undefined;
    const level = text.slice(0, colon);
    if (!LEVELS.has(level)) return undefined;
    let start = colon + 1;
    while (text.charCodeAt(start) === 0x20) start++;
    const { message, exc_info } = splitStack(text.slice(start));
    return { message, levelname: toLevelName(level), exc_info };
  },
};
