import { stripAnsi } from '../fields.js';
import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { dateTimeEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * log4js (Node.js) with its `basic` layout, or the stdout appender's default `coloured` one:
 * `[2017-03-30T07:57:00.113] [ERROR] cheese - Cheese is too ripe!`, the time as date-format's
 * ISO8601 default (`yyyy-MM-ddThh:mm:ss.SSS`, local time, no zone), the level, the category
 * (`getLogger('cheese')`; `default` without one), ` - `, then the message as `util.format` writes
 * the logged values (an Error as its stack, on the lines after). The coloured layout wraps the head
 * in the level's colour codes. The category names the record, the time stays a field (`time`).
 * Levels are log4js's (TRACE DEBUG INFO WARN ERROR FATAL; MARK, which always logs, is INFO and
 * keeps its spelling as `level`).
 * Checked against log4js-node/log4js-node lib/layouts.js (`timestampLevelAndCategory`,
 * `basicLayout`, `colouredLayout`), lib/levels.js and docs/layouts.md.
 */

const LEVELS = new Map([
  ...levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']),
  ['MARK', 'INFO'] as const,
]);
// `[FATAL] ` is the longest level.
const MAX_LEVEL = 5;
// Category names are dotted words, far shorter.
const MAX_CATEGORY = 256;

export const log4js: TextFormat = {
  name: 'log4js',
  parse(line): ParsedLine | undefined {
    const text = line.charCodeAt(0) === 0x1b ? stripAnsi(line) : line;
    if (text.charCodeAt(0) !== 0x5b /* [ */) return undefined;
    const timeEnd = dateTimeEnd(text, 1);
    if (timeEnd < 0 || !text.startsWith('] [', timeEnd)) return undefined;
    const levelStart = timeEnd + 3;
    const levelEnd = text.slice(levelStart, levelStart + MAX_LEVEL + 2).indexOf('] ');
    const levelname = levelEnd < 0 ? undefined : LEVELS.get(text.slice(levelStart, levelStart + levelEnd));
    if (levelname === undefined) return undefined;
    const categoryStart = levelStart + levelEnd + 2;
    const dash = text.slice(categoryStart, categoryStart + MAX_CATEGORY + 3).indexOf(' - ');
    if (dash <= 0) return undefined;
    const name = text.slice(categoryStart, categoryStart + dash);
    if (name.includes(' ')) return undefined;
    const word = text.slice(levelStart, levelStart + levelEnd);
    const { message, exc_info } = splitStack(text.slice(categoryStart + dash + 3));
    const fields: Record<string, unknown> = { time: text.slice(1, timeEnd) };
    // MARK has no name among the five: its spelling is kept.
    if (word === 'MARK') fields.level = word;
    return { message, levelname, name, exc_info, fields };
  },
};
