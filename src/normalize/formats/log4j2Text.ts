import { toLevelName } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { stripAnsi } from '../fields.js';
import { dateTimeEnd, isUuidAt, isWordChar, matchShape, skipSpaces, timeEnd, wordEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * Log4j2 (and Logback) PatternLayout text, the layouts Java functions and containers use:
 * - aws-lambda-java-log4j2: `%d{yyyy-MM-dd HH:mm:ss} %X{AWSRequestId} %-5p %c{1}:%L - %m%n`
 *   → `2020-05-11 12:44:44 8f507cfc-… INFO  Hello:25 - message` (README of
 *   aws/aws-lambda-java-libs aws-lambda-java-log4j2; the Lambda Java logging guide drops `:%L`;
 *   the older log4j 1.x appender wrote `<%X{AWSRequestId}>`);
 * - `%d [%t] %-5level %logger{36} - %msg%n` → `2020-05-11 12:44:44,123 [main] INFO  c.e.App - m`
 *   and log4j2's DefaultConfiguration `%d{HH:mm:ss.SSS} [%t] %-5level %logger{36} - %msg%n`
 *   (Apache Log4j 2 manual, Layouts → PatternLayout; `%d` default `yyyy-MM-dd HH:mm:ss,SSS`);
 * - the manual's own example `%d %p %c{1.} [%t] %m%n` → `2020-05-11 12:44:44,123 INFO c.e.App [main] m`
 *   (logger and thread after the level, no ` - `);
 * - Log4j 1.x's common `%d %-5p [%t] %c - %m%n` → `2020-05-11 12:44:44,123 INFO  [main] c.e.App - m`
 *   (the thread after the level; log4j 1.2 PatternLayout javadoc);
 * - SLF4J SimpleLogger (slf4j-simple): `[main] INFO com.example.App - m`, with
 *   `showDateTime` or the older relative time `176 [main] INFO examples.Sort - m`;
 * - Logback's own status lines (`<configuration debug="true">`, OnConsoleStatusListener, or a
 *   configuration error): `22:40:36,281 |-WARN in ch.qos.logback.classic.LoggerContext[default] - m`,
 *   the origin the record's `name` (qos-ch/logback StatusPrinter `buildStr`, StatusBase `toString`).
 * The date, then in any order an optional `[thread]`, `<request id>` or bare request id, then the
 * level, the logger (the category: the record's `name`; a `:line` suffix is kept as `line`),
 * ` - ` and the message. A throwable follows the message on the next lines (`%xEx`): it moves to
 * exc_info.
 */

const NAME = 'log4j2';
const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
// The prefix (date, thread, request id, level, logger) is short; a longer one is not this format.
const MAX_PREFIX = 512;

/** `c.e.App [main] ` at `start`: the logger, the thread and where the message starts. */
function afterLoggerAndThread(
  line: string,
  start: number,
): { logger: string; thread: string; messageStart: number } | undefined {
  const end = wordEnd(line, start, MAX_PREFIX);
  if (end <= start || line.charCodeAt(end) !== 0x20 || line.charCodeAt(end + 1) !== 0x5b /* [ */)
    return undefined;
  // A category never ends in `:`: `INFO  mvn: [WARNING] …` is a message's own words (Quarkus'
  // `%d %-5p %s%e%n`, no category), not `%c [%t]`.
  if (line.charCodeAt(end - 1) === 0x3a /* : */) return undefined;
  const close = line.indexOf('] ', end + 2);
  if (close < 0 || close > MAX_PREFIX) return undefined;
  return { logger: line.slice(start, end), thread: line.slice(end + 2, close), messageStart: close + 2 };
}

/**
 * SLF4J SimpleLogger's `dateTimeFormat` as its sample simplelogger.properties gives it,
 * `yyyy-MM-dd HH:mm:ss:SSS Z` (`2023-11-01 10:47:57:081 +0000`): from `end`, after the seconds,
 * the `:SSS` milliseconds and the zone; `end` itself for any other date.
 */
function simpleLoggerDateEnd(line: string, end: number): number {
  if (line.charCodeAt(end) !== 0x3a /* : */ || !matchShape(line, end + 1, 'ddd')) return end;
  const i = end + 4;
  const sign = line.charCodeAt(i + 1);
  return line.charCodeAt(i) === 0x20 && (sign === 0x2b || sign === 0x2d) && matchShape(line, i + 2, 'dddd ')
    ? i + 6
    : i;
}

/** A thread's name seen before the level: set, and not a time (`[2023-11-01T…]`). */
function isThreadName(thread: string | undefined): boolean {
  if (thread === undefined || thread === '') return false;
  const c = thread.charCodeAt(0);
  return c < 0x30 || c > 0x39;
}

/**
 * After the digits of `176 [main] …` (a thread must follow, after Log4j 1.x `%-4r`'s padding:
 * `0    [main] …`), or -1.
 */
function relativeMillisEnd(line: string): number {
  let i = 0;
  while (i < 16 && line.charCodeAt(i) >= 0x30 && line.charCodeAt(i) <= 0x39) i++;
  if (i === 0 || line.charCodeAt(i) !== 0x20) return -1;
  let j = i + 1;
  while (j < i + 5 && line.charCodeAt(j) === 0x20) j++;
  return line.charCodeAt(j) === 0x5b ? i : -1;
}

const SLF4J = 'SLF4J';
// SLF4J 2.0.10+'s `Reporter`: `SLF4J(W): ` and its D, I, E siblings.
const SLF4J_LEVELS: Readonly<Record<string, LevelName>> = { D: 'DEBUG', I: 'INFO', W: 'WARNING', E: 'ERROR' };

/**
 * SLF4J's own reports on stderr, the first lines of many Java functions' logs: SLF4J 2.0.10+'s
 * `SLF4J(W): No SLF4J providers were found.` (`(D)`, `(I)`, `(W)`, `(E)`: the level, qos-ch/slf4j
 * slf4j-api/src/main/java/org/slf4j/helpers/Reporter.java) and 1.x's and early 2.0's
 * `SLF4J: Failed to load class "org.slf4j.impl.StaticLoggerBinder".` (`Util.report`, no level:
 * INFO). `SLF4J` is the name, the rest the message.
 */
function parseSlf4jReport(line: string): ParsedLine | undefined {
  if (line.startsWith(': ', SLF4J.length)) return { message: line.slice(SLF4J.length + 2), name: SLF4J };
  if (line.charCodeAt(SLF4J.length) !== 0x28 /* ( */ || !line.startsWith('): ', SLF4J.length + 2))
    return undefined;
  const levelname = SLF4J_LEVELS[line.charAt(SLF4J.length + 1)];
  if (levelname === undefined) return undefined;
  const { message, exc_info } = splitStack(line.slice(SLF4J.length + 5));
  return { message, levelname, name: SLF4J, exc_info };
}

const LOGLOG = 'log4j:';
const STATUS_LOGGER = ' StatusLogger ';

/**
 * Log4j's own diagnostics, printed before any layout applies: Log4j 1.x `LogLog`
 * (`log4j:WARN No appenders could be found for logger (…).`) and Log4j 2's `StatusLogger`
 * (`ERROR StatusLogger No Log4j 2 configuration file found. …`), the first lines of many Java
 * functions' logs.
 */
function parseInternal(line: string): ParsedLine | undefined {
  if (line.startsWith(SLF4J)) return parseSlf4jReport(line);
  if (line.startsWith(LOGLOG)) {
    const space = line.indexOf(' ', LOGLOG.length);
    if (space < 0 || space > LOGLOG.length + 5) return undefined;
    const level = line.slice(LOGLOG.length, space);
    if (!LEVELS.has(level)) return undefined;
    // The line's `log4j:` names who wrote it: Log4j itself, as `StatusLogger` does below.
    return { message: line.slice(space + 1), levelname: toLevelName(level), name: 'log4j' };
  }
  // The level is four or five letters: no scan of the line for its first space.
  const space = line.charCodeAt(4) === 0x20 ? 4 : line.charCodeAt(5) === 0x20 ? 5 : -1;
  if (space < 0 || !line.startsWith(STATUS_LOGGER, space)) return undefined;
  const level = line.slice(0, space);
  if (!LEVELS.has(level)) return undefined;
  const { message, exc_info } = splitStack(line.slice(space + STATUS_LOGGER.length));
  return { message, levelname: toLevelName(level), name: 'StatusLogger', exc_info };
}

const STATUS_MARK = ' |-';
const STATUS_LEVELS = ['INFO', 'WARN', 'ERROR'];
const STATUS_ORIGIN = ' in ';

/** `|-LEVEL in <origin> - msg` (or `|-LEVEL msg` without an origin) from `start`, after `|-`. */
function parseLogbackStatus(line: string, start: number): ParsedLine | undefined {
  const level = STATUS_LEVELS.find((word) => line.startsWith(word, start));
  if (level === undefined) return undefined;
  let i = start + level.length;
  let name: string | undefined;
  if (line.startsWith(STATUS_ORIGIN, i)) {
    const dash = line.indexOf(' - ', i + STATUS_ORIGIN.length);
    if (dash < 0 || dash > MAX_PREFIX) return undefined;
    name = line.slice(i + STATUS_ORIGIN.length, dash);
    i = dash + 3;
  } else if (line.charCodeAt(i) === 0x20) {
    i++;
  } else {
    return undefined;
  }
  const { message, exc_info } = splitStack(line.slice(i));
  return { message, levelname: toLevelName(level), name: name === '' ? undefined : name, exc_info };
}

/**
 * Logback 1.3+'s `TTLLLayout`, what `BasicConfigurator` logs with when no `logback.xml` is found:
 * `%d{HH:mm:ss.SSS} [%thread] %-5level %logger{36} -%kvp- %msg%n`, the level unpadded →
 * `10:47:57.081 [main] INFO com.example.App -- Started`, or with SLF4J 2's key-value pairs
 * (`%kvp`: `key="value"`, space-separated) `… com.example.App -orderId="42" step="pay"- Charged`
 * (qos-ch/logback logback-classic/src/main/java/ch/qos/logback/classic/layout/TTLLLayout.java).
 * From the logger at `start`: where it ends, where the message starts, and the pairs, or
 * `undefined` for any other separator (the classic ` - `).
 */
function afterTtllLogger(
  line: string,
  start: number,
): { loggerEnd: number; messageStart: number; kvp?: string } | undefined {
  const loggerEnd = line.indexOf(' -', start);
  if (loggerEnd < 0 || loggerEnd > MAX_PREFIX) return undefined;
  const after = line.charCodeAt(loggerEnd + 2);
  // ` - `: the classic separator; `--` then a space or the end: no pairs.
  if (after === 0x2d /* - */) {
    const next = line.charCodeAt(loggerEnd + 3);
    return next === 0x20 || Number.isNaN(next)
      ? { loggerEnd, messageStart: Math.min(line.length, loggerEnd + 4) }
      : undefined;
  }
  if (!isWordChar(after)) return undefined;
  // `-k="v" k2="v2"- `: the pairs end at the first `"- ` (each value is quoted).
  const close = line.indexOf('"- ', loggerEnd + 2);
  if (close < 0 || close > loggerEnd + MAX_PREFIX) return undefined;
  // Kept as written, its `-` marks included: a value may hold `"` or `" `, so the pairs are not
  // split here.
  return { loggerEnd, messageStart: close + 3, kvp: line.slice(loggerEnd + 1, close + 2) };
}

export const log4j2Text: TextFormat = {
  name: NAME,
  parse(line) {
    // Logback's `%highlight`/`%cyan(…)` and Log4j 2's `%highlight{…}` colour the head with ANSI
    // codes (Micronaut's default `logback.xml`: `%cyan(%d{HH:mm:ss.SSS}) %gray([%thread])
    // %highlight(%-5level) %magenta(%logger{36}) - %msg%n`): such a line is read without them.
    // Only a line that starts with ESC pays for stripping.
    return parseLayout(line.charCodeAt(0) === 0x1b ? stripAnsi(line) : line);
  },
};

/**
 * `[%-5level] %d{yyyy-MM-dd HH:mm:ss.SSS} [%t] %c{1} - %msg%n`, a layout many Log4j 2 and logback
 * configurations copy from the tutorials: the level first, in brackets and padded
 * (`[INFO ] 2021-07-10 17:06:19.398 [http-nio-8080-exec-2] SpringLoggingTestApplication - Info
 * Message!`), then the date. The level and where the date starts, or `undefined`.
 */
function levelInBrackets(line: string): { level: string; rest: number } | undefined {
  const close = line.indexOf('] ', 1);
  if (close < 5 || close > 6) return undefined;
  const level = line.slice(1, close).trimEnd();
  if (!LEVELS.has(level)) return undefined;
  const date = line.charCodeAt(close + 2);
  return date >= 0x30 && date <= 0x39 ? { level, rest: close + 2 } : undefined;
}

/**
 * A `[LEVEL] date [thread] logger - msg` line (see {@link levelInBrackets}), for the Java
 * runtime's `[LEVEL] ` prefix, which an unpadded `[ERROR] ` or `[DEBUG] ` starts like.
 */
export function parseLevelFirstLayout(line: string): ParsedLine | undefined {
  const levelFirst = levelInBrackets(line);
  if (levelFirst === undefined) return undefined;
  const parsed = parseLayout(line.slice(levelFirst.rest), levelFirst.level);
  if (parsed !== undefined) parsed.format = NAME;
  return parsed;
}

/**
 * `%C{2} (%F:%L)`, the caller's class, file and line before ` - ` (the Log4j 2 manual's
 * "Migrating from Log4j 1.x" samples, `%d %-5p [%t] %C{2} (%F:%L) - %m%n`, and the same without
 * `[%t]`): `test.Bar (Bar.java:42)` → the class, `Bar.java`, 42. Without a location Log4j 2
 * writes `? (:)` (ClassNamePatternConverter's `?`, the file and line converters write nothing)
 * and Log4j 1.x `? (?:?)`: no file, and the line kept as `?`, as log4jFileLine.ts does.
 * Hadoop's `%c{2} (%F:%M(%L))` (apache/hadoop hadoop-common src/test/resources/log4j.properties:
 * `impl.MetricsConfig (MetricsConfig.java:loadFirst(134))`) also names the method, kept as `method`.
 */
function callerLocation(
  head: string,
): { logger: string; file?: string; method?: string; line?: number | string } | undefined {
  const open = head.indexOf(' (');
  if (open <= 0 || head.charCodeAt(head.length - 1) !== 0x29 /* ) */) return undefined;
  // `%-30C` pads the class; `?`: no class known.
  const logger = head.slice(0, open).trimEnd();
  if (logger.includes(' ')) return undefined;
  const location = head.slice(open + 2, -1);
  const colon = location.lastIndexOf(':');
  if (colon < 0 || location.includes(' ')) return undefined;
  const file = location.slice(0, colon);
  let lineText = location.slice(colon + 1);
  const name = logger === '?' ? '' : logger;
  if (file === '' && lineText === '') return { logger: name };
  let method: string | undefined;
  const call = /^([\w$<>?]{1,256})\((\d{1,9}|\?)\)$/.exec(lineText);
  if (call !== null) {
    method = call[1];
    lineText = call[2] ?? '';
  }
  if (file === '' || (lineText !== '?' && !/^\d{1,9}$/.test(lineText))) return undefined;
  return {
    logger: name,
    file: file === '?' ? undefined : file,
    method: method === '?' ? undefined : method,
    line: lineText === '?' ? lineText : Number(lineText),
  };
}

/** The layouts' head, on a line without colour codes. */
function parseLayout(line: string, bracketLevel?: string): ParsedLine | undefined {
  const c = line.charCodeAt(0);
  // `log4j:WARN …`, `ERROR StatusLogger …`: Log4j's own diagnostics.
  if (c === 0x6c /* l */ || (c >= 0x44 && c <= 0x57) /* D…W */) return parseInternal(line);
  let i: number;
  let relativeMs: number | undefined;
  let simpleTime: string | undefined;
  let prefix: string | undefined;
  if (c === 0x5b /* [ */) {
    if (bracketLevel === undefined) {
      const levelFirst = levelInBrackets(line);
      if (levelFirst !== undefined) return parseLayout(line.slice(levelFirst.rest), levelFirst.level);
    }
    // SLF4J SimpleLogger's default `[thread] LEVEL logger - msg`: no date.
    i = 0;
  } else {
    if (c < 0x30 || c > 0x39) return undefined;
    i = dateTimeEnd(line, 0);
    if (i > 0) {
      const end = simpleLoggerDateEnd(line, i);
      // Its `HH:mm:ss:SSS` is no time a reader of the record would parse: it is kept as written.
      if (end !== i) simpleTime = line.slice(0, end);
      i = end;
    }
    if (i < 0) i = timeEnd(line, 0);
    // SLF4J's `176 [main] INFO examples.Sort - msg`: milliseconds since start, then the thread.
    if (i < 0) {
      i = relativeMillisEnd(line);
      if (i > 0) relativeMs = Number(line.slice(0, i));
    }
    if (i < 0 || line.charCodeAt(i) !== 0x20) return undefined;
    if (line.startsWith(STATUS_MARK, i)) return parseLogbackStatus(line, i + STATUS_MARK.length);
  }
  let thread: string | undefined;
  let requestId: string | undefined;
  let level = bracketLevel;
  for (let token = 0; token < 4 && level === undefined; token++) {
    i = skipSpaces(line, i);
    const t = line.charCodeAt(i);
    if (t === 0x5b /* [ */ || t === 0x3c /* < */) {
      const close = line.indexOf(t === 0x5b ? ']' : '>', i + 1);
      if (close < 0 || close > MAX_PREFIX) return undefined;
      // SLF4J SimpleLogger's `levelInBrackets`: `[main] [INFO] c.e.App - msg` (a thread, not
      // log4js' `[2023-11-01T10:47:57.081] [INFO] `, whose first bracket is a time).
      if (t === 0x5b && isThreadName(thread) && LEVELS.has(line.slice(i + 1, close)))
        level = line.slice(i + 1, close);
      else if (t === 0x5b) {
        // A bracket before the thread's is the head's own (the OpenTelemetry Java agent's
        // SimpleLogger date, `[otel.javaagent 2023-11-01 10:47:57:081 +0000] [main] INFO …`):
        // kept as written.
        if (thread !== undefined) prefix = thread;
        thread = line.slice(i + 1, close);
      }
      // `<%-36X{AWSRequestId}>` outside an invocation: 36 blanks, no request id.
      else requestId = line.slice(i + 1, close).trim() || undefined;
      i = close + 1;
    } else if (isUuidAt(line, i)) {
      requestId = line.slice(i, i + 36);
      i += 36;
    } else {
      const end = line.indexOf(' ', i);
      if (end < 0 || end - i > 5) return undefined;
      const word = line.slice(i, end);
      if (!LEVELS.has(word)) return undefined;
      level = word;
      i = end;
    }
  }
  if (level === undefined) return undefined;
  i = skipSpaces(line, i);
  if (thread === undefined && line.charCodeAt(i) === 0x5b /* [ */) {
    // Log4j 1.x's `%d %-5p [%t] %c - %m%n`: the thread after the level.
    const close = line.indexOf('] ', i + 1);
    if (close < 0 || close > MAX_PREFIX) return undefined;
    thread = line.slice(i + 1, close);
    i = skipSpaces(line, close + 1);
  }
  if (thread === undefined) {
    // The Log4j 2 manual's `%d %p %c{1.} [%t] %m%n`: the logger, then the thread, no ` - `.
    const manual = afterLoggerAndThread(line, i);
    if (manual !== undefined) {
      const { message, exc_info } = splitStack(line.slice(manual.messageStart));
      return {
        message,
        levelname: toLevelName(level),
        name: manual.logger,
        exc_info,
        aws_request_id: requestId,
        fields: { thread: manual.thread },
      };
    }
  }
  const ttll = afterTtllLogger(line, i);
  const dash = ttll === undefined ? line.indexOf(' - ', i) : ttll.loggerEnd;
  if (dash < 0 || dash > MAX_PREFIX) return undefined;
  // Log4j 1.x's `%c %x - ` (BasicConfigurator's `%r [%t] %p %c %x - %m%n`) leaves a blank for an
  // empty NDC, `%-30c` pads: the logger is the word before the blanks.
  let logger = line.slice(i, dash).trimEnd();
  let lineNumber: number | string | undefined;
  let file: string | undefined;
  let method: string | undefined;
  if (logger.includes(' ')) {
    const location = callerLocation(logger);
    if (location === undefined) return undefined;
    ({ logger, file, method, line: lineNumber } = location);
  }
  const colon = file === undefined ? logger.lastIndexOf(':') : -1;
  if (colon > 0) {
    const n = Number(logger.slice(colon + 1));
    if (Number.isInteger(n)) {
      lineNumber = n;
      logger = logger.slice(0, colon);
    }
  }
  const { message, exc_info } = splitStack(line.slice(ttll === undefined ? dash + 3 : ttll.messageStart));
  let fields: Record<string, unknown> | undefined;
  if (
    thread !== undefined ||
    lineNumber !== undefined ||
    file !== undefined ||
    relativeMs !== undefined ||
    ttll?.kvp !== undefined ||
    simpleTime !== undefined ||
    prefix !== undefined
  ) {
    fields = {};
    if (simpleTime !== undefined) fields.time = simpleTime;
    if (prefix !== undefined) fields.prefix = prefix;
    if (relativeMs !== undefined) fields.relative_ms = relativeMs;
    if (thread !== undefined) fields.thread = thread;
    if (file !== undefined) fields.file = file;
    if (method !== undefined) fields.method = method;
    if (lineNumber !== undefined) fields.line = lineNumber;
    if (ttll?.kvp !== undefined) fields.kvp = ttll.kvp;
  }
  return {
    message,
    levelname: toLevelName(level),
    name: logger === '' ? undefined : logger,
    exc_info,
    aws_request_id: requestId,
    fields,
  };
}
