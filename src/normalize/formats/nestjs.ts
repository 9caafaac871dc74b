import { stripAnsi } from '../fields.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { splitStack } from './stacks.js';

/**
 * NestJS' built-in `ConsoleLogger` (nestjs/nest packages/common/services/console-logger.service.ts,
 * `formatPid` and `formatMessage`): `[Nest] 19096  - 11/01/2023, 10:47:57 AM     LOG [NestFactory] Starting Nest application...`:
 * the prefix in brackets (`Nest` unless the `prefix` option changes it), the pid, two spaces and
 * `- `, the time as `Intl.DateTimeFormat` writes it in the process' locale (or an override's
 * `getTimestamp()`), the level upper-cased and right-aligned to seven (`LOG`, `ERROR`, `WARN`,
 * `DEBUG`, `VERBOSE`, `FATAL`), the context in brackets when there is one, the message, and with
 * the `timestamp` option ` +5ms` since the line before. Coloured by default (`NO_COLOR` turns it
 * off, not the lack of a terminal), so the codes are stripped first. `error()` writes the stack on
 * its own after the line; when it comes in the same event it is the exc_info.
 *
 * Read: the level (`LOG` is INFO and is kept as `level`, having no level word of its own), the
 * context as the name, `prefix`, `pid`, `time` as written and `timestamp_diff` as fields.
 */

const LEVELS: Readonly<Record<string, LevelName>> = {
  LOG: 'INFO',
  ERROR: 'ERROR',
  WARN: 'WARNING',
  DEBUG: 'DEBUG',
  VERBOSE: 'DEBUG',
  FATAL: 'CRITICAL',
};
// Up to the level: the prefix, the pid, a time of any locale (or override) and the padded level.
const HEAD = /\[([^\]\s]{1,64})\] (\d{1,10}) {2}- (\S.{0,62}?) +(LOG|ERROR|WARN|DEBUG|VERBOSE|FATAL) /y;
const CONTEXT = /\[([^\]\n]{1,256})\] /y;
const TIMESTAMP_DIFF = / \+(\d{1,12})ms$/;

export const nestjs: TextFormat = {
  name: 'nestjs',
  parse(line): ParsedLine | undefined {
    const first = line.charCodeAt(0);
    if (first !== 0x5b /* [ */ && first !== 0x1b /* ESC */) return undefined;
    const text = first === 0x1b ? stripAnsi(line) : line;
    HEAD.lastIndex = 0;
    const head = HEAD.exec(text);
    if (head === null) return undefined;
    const spelling = head[4] as string;
    const fields: Record<string, unknown> = { prefix: head[1], pid: Number(head[2]), time: head[3] };
    if (spelling === 'LOG') fields.level = spelling;
    let start = HEAD.lastIndex;
    CONTEXT.lastIndex = start;
    const context = CONTEXT.exec(text);
    if (context !== null) start = CONTEXT.lastIndex;
    let rest = text.slice(start).trimEnd();
    // ` +5ms` follows the message (an object's inspected lines included), so it ends the event,
    // or its first line when the stack `error()` writes after the line came with it.
    let diff = TIMESTAMP_DIFF.exec(rest);
    if (diff !== null) {
      rest = rest.slice(0, diff.index);
    } else {
      const newline = rest.indexOf('\n');
      diff = newline < 0 ? null : TIMESTAMP_DIFF.exec(rest.slice(0, newline));
      if (diff !== null) rest = rest.slice(0, diff.index) + rest.slice(newline);
    }
    if (diff !== null) fields.timestamp_diff = `+${diff[1]}ms`;
    const { message, exc_info } = splitStack(rest);
    return { message, levelname: LEVELS[spelling], name: context?.[1], exc_info, fields };
  },
};
