import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { isDigit, isMonthAt, matchShape, timeEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * java.util.logging's `SimpleFormatter` in the JDK's default format, the console layout of
 * Tomcat 7 (its `ConsoleHandler`) and of any Java program that logs through JUL unconfigured:
 * `%1$tb %1$td, %1$tY %1$tl:%1$tM:%1$tS %1$Tp %2$s%n%4$s: %5$s%6$s%n`, two lines per record →
 * ```
 * Jan 01, 2024 1:23:45 PM org.apache.catalina.startup.Catalina start
 * INFO: Server startup in 1234 ms
 * ```
 * The first line is the time (English month, two-digit day, unpadded 12-hour clock, `AM`/`PM`)
 * and the source: the caller's class and method (`source` is `class + " " + method`), or the
 * logger's name when the caller is unknown. The second is the level and the message; the
 * throwable, when there is one, follows on the next lines (`%6$s` is a newline and
 * `printStackTrace`). One log event holds both lines when the awslogs driver's
 * `awslogs-multiline-pattern` (or `awslogs-datetime-format`) starts an event at the date line;
 * the date line alone is text.
 *
 * The class is the record's `name`, the method `method`; the message is the second line's text
 * (with any lines after it that are no stack), the stack `exc_info`. Levels: SEVERE → ERROR,
 * WARNING, INFO and CONFIG → INFO, FINE/FINER/FINEST → DEBUG, the line's own word kept as
 * `severity` where it is no level name. The JDK's `.%1$tN` variant (nanoseconds after the
 * seconds, shown in the SimpleFormatter javadoc) is read too. Not read: other locales' month and
 * level names (`getLocalizedLevelName`, `四月 03, 2018 2:43:22 下午`), custom levels, and
 * formats a `java.util.logging.SimpleFormatter.format` property changed.
 * Checked against openjdk/jdk src/java.logging/share/classes/java/util/logging/SimpleFormatter.java
 * (`format`: source, throwable) and src/java.base/share/classes/jdk/internal/logger/SimpleConsoleLogger.java
 * (`Formatting.DEFAULT_FORMAT`).
 */

const NAME = 'jul-simple';
// JUL's own, then JBoss LogManager's (Quarkus native images log through JUL's formatter before
// their logging starts: `WARN: The profile 'prod' used to build the native image is different …`).
const LEVELS = levelSpellings([
  'SEVERE',
  'WARNING',
  'INFO',
  'CONFIG',
  'FINE',
  'FINER',
  'FINEST',
  'FATAL',
  'ERROR',
  'WARN',
  'DEBUG',
  'TRACE',
]);
// A source line longer than this (a class and a method name) is taken as text.
const MAX_SOURCE = 1024;
const MAX_LEVEL = 7; // WARNING

/** After `Mon dd, yyyy h:mm:ss[.n] AM ` at the start of `line`, or -1. */
function dateEnd(line: string): number {
  if (!isMonthAt(line, 0) || !matchShape(line, 3, ' dd, dddd ')) return -1;
  // `%tl`: the hour on the 12-hour clock, 1 to 12, not padded.
  let i = 13;
  while (i < 15 && isDigit(line.charCodeAt(i))) i++;
  const hour = Number(line.slice(13, i));
  if (i === 13 || hour < 1 || hour > 12 || line.charCodeAt(13) === 0x30 /* 0 */) return -1;
  // `:%tM:%tS` and the javadoc's `.%tN` variant: the rest of a `timeEnd` time.
  const end = timeEnd(`00${line.slice(i, i + 20)}`, 0);
  if (end < 0) return -1;
  const after = i + end - 2;
  const meridiem = line.slice(after, after + 4);
  return meridiem === ' AM ' || meridiem === ' PM ' ? after + 4 : -1;
}

export const julSimpleFormatter: TextFormat = {
  name: NAME,
  parse(line) {
    const sourceStart = dateEnd(line);
    if (sourceStart < 0) return undefined;
    const newline = line.slice(sourceStart, sourceStart + MAX_SOURCE + 1).indexOf('\n');
    if (newline < 0) return undefined;
    let sourceEnd = sourceStart + newline;
    const next = sourceEnd + 1;
    if (line.charCodeAt(sourceEnd - 1) === 0x0d /* \r */) sourceEnd--;
    // `class method`, or the logger's name alone: one or two words.
    const source = line.slice(sourceStart, sourceEnd);
    const space = source.indexOf(' ');
    if (source === '' || space === 0 || source.includes(' ', space + 1) || source.includes('\t'))
      return undefined;
    const levelLength = line.slice(next, next + MAX_LEVEL + 1).indexOf(':');
    if (levelLength < 0) return undefined;
    const colon = next + levelLength;
    const level = line.slice(next, colon);
    const levelname = LEVELS.get(level);
    if (levelname === undefined) return undefined;
    const after = line.charCodeAt(colon + 1);
    if (!(after === 0x20 || after === 0x0a || after === 0x0d || Number.isNaN(after))) return undefined;
    const { message, exc_info } = splitStack(line.slice(after === 0x20 ? colon + 2 : colon + 1));
    const fields: Record<string, unknown> = {};
    if (space > 0) fields.method = source.slice(space + 1);
    // SEVERE, CONFIG and FINE* are no level names: the line's own word is kept beside the level.
    if (level !== levelname) fields.severity = level;
    return {
      message,
      levelname,
      name: space > 0 ? source.slice(0, space) : source,
      exc_info,
      fields,
    };
  },
};
