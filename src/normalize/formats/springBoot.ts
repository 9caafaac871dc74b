import { toLevelName } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { stripAnsi } from '../fields.js';
import { dateTimeEnd, skipSpaces } from './scan.js';
import { exceptionStart, isMultiLine, splitLines, splitStack, type MessageAndStack } from './stacks.js';

/**
 * Spring Boot's default console layout (Logback), common in Java containers on ECS/EKS:
 * - Boot 2: `%d{yyyy-MM-dd HH:mm:ss.SSS} %5p ${PID} --- [%15.15t] %-40.40logger{39} : %m%n`
 *   → `2023-11-01 10:47:57.081  INFO 1 --- [           main] c.e.orders.OrderApplication : Started`
 * - Boot 3: the date as `yyyy-MM-dd'T'HH:mm:ss.SSSXXX`; from 3.2 the application name in
 *   brackets before the thread: `… INFO 1 --- [orders] [           main] c.e.o.App : Started`,
 *   from 3.4 the application group after it (`--- [orders] [shop] [main] …`), and from 3.2, with
 *   Micrometer Tracing, the correlation id after the thread: `[traceId-spanId] ` (blank, padded to
 *   the ids' widths, before a span exists), kept as `correlation_id` and read into `trace_id`,
 *   `span_id`; the group is `application_group`;
 * - with Spring Cloud Sleuth (Boot 2), `[app,traceId,spanId,exportable]` after the level:
 *   `… WARN [orders,5f1e2d,9a2b3c,false] 1 --- [main] …`, kept as `trace_context` as written and
 *   read into `application`, `trace_id`, `span_id`, `span_export`.
 * The logger (abbreviated category) is the record's `name`, the thread is kept as `thread`, the
 * process id as `pid` (absent from the first lines of a start-up whose `${PID}` is not set yet:
 * empty, or Log4j2's `????`); a stack trace after the message moves to exc_info, and so does an
 * exception's own line with no frames under it (`logger.warn("Retrying", e)` of an exception
 * whose trace is suppressed, or whose frames came in later events): `Retrying` is the message,
 * `java.net.SocketTimeoutException: Read timed out` the exc_info, at any level.
 * With colour (`spring.output.ansi.enabled=always`, or a container given a TTY) every part of the
 * head is wrapped in ANSI codes (`%clr(…){faint}`, the level green/yellow/red, the logger cyan)
 * and the line starts with ESC: such a line is read without its codes.
 * Checked against spring-projects/spring-boot
 * spring-boot-project/spring-boot/src/main/resources/org/springframework/boot/logging/logback/defaults.xml
 * (`CONSOLE_LOG_PATTERN`, its `%clr` conversions), core/spring-boot/src/main/java/org/springframework/boot/logging/CorrelationIdFormatter.java
 * and the docs' actuator/tracing.adoc (`logging.pattern.correlation`).
 */

const NAME = 'spring-boot';
const LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
const MAX_PREFIX = 512;
const UNKNOWN_PID = '????';

function bracket(line: string, start: number): [string, number] | undefined {
  if (line.charCodeAt(start) !== 0x5b /* [ */) return undefined;
  const close = line.indexOf(']', start);
  if (close < 0 || close - start > 128) return undefined;
  return [line.slice(start + 1, close).trim(), close + 1];
}

const SLEUTH_KEYS = ['application', 'trace_id', 'span_id', 'span_export'] as const;

/** `orders,5f1e…,9a2b…,true` → the bracket as written, and its non-empty parts as fields. */
function sleuthFields(text: string, fields: Record<string, unknown>): void {
  fields.trace_context = text;
  const parts = text.split(',');
  if (parts.length !== SLEUTH_KEYS.length) return;
  SLEUTH_KEYS.forEach((key, k) => {
    const value = parts[k]?.trim() ?? '';
    if (value !== '') fields[key] = value;
  });
}

/**
 * The correlation id Boot 3.2+ writes after the thread when Micrometer Tracing is present
 * (`CorrelationIdFormatter`: `[traceId-spanId] `, each part padded to its length, all blank
 * before a span exists), or the Sleuth-style `[app,traceId,spanId] ` its docs show for
 * `logging.pattern.correlation`. `undefined` for a bracket that is a thread's name.
 */
function correlationOf(text: string): string | undefined {
  if (text === '') return text;
  if (text.includes(',')) return text;
  const dash = text.indexOf('-');
  if (dash < 0) return undefined;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    const hex = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
    if (!hex && c !== 0x2d && c !== 0x20) return undefined;
  }
  return text;
}

/** The correlation id as written (`correlation_id`), and its trace and span ids when it has them. */
function correlationFields(text: string, fields: Record<string, unknown>): void {
  if (text === '') return;
  fields.correlation_id = text;
  const parts = text.split(text.includes(',') ? ',' : '-').map((part) => part.trim());
  // `[app,traceId,spanId]`: the application first.
  if (parts.length === 3) parts.shift();
  if (parts.length !== 2) return;
  if (parts[0] !== '') fields.trace_id = parts[0];
  if (parts[1] !== '') fields.span_id = parts[1];
}

/** {@link splitStack}, then a frameless exception line below the message opens exc_info. */
function splitException(text: string): MessageAndStack {
  const split = splitStack(text);
  if (split.exc_info !== undefined || !isMultiLine(text)) return split;
  const lines = splitLines(text);
  for (let k = 1; k < lines.length; k++) {
    if (exceptionStart(lines[k] ?? '') === 0) {
      return {
        message: lines.slice(0, k).join('\n').trimEnd(),
        exc_info: lines.slice(k).join('\n').trimEnd(),
      };
    }
  }
  return split;
}

export const springBoot: TextFormat = {
  name: NAME,
  parse(line) {
    // Only a line that starts with a colour code pays for stripping them.
    return parseLayout(line.charCodeAt(0) === 0x1b ? stripAnsi(line) : line);
  },
};

/** The layout's head, on a line without colour codes. */
function parseLayout(line: string): ParsedLine | undefined {
  const c = line.charCodeAt(0);
  if (c < 0x30 || c > 0x39) return undefined;
  let i = dateTimeEnd(line, 0);
  if (i < 0 || line.charCodeAt(i) !== 0x20) return undefined;
  i = skipSpaces(line, i);
  const levelEnd = line.indexOf(' ', i);
  if (levelEnd < 0 || levelEnd - i > 5 || !LEVELS.has(line.slice(i, levelEnd))) return undefined;
  const level = line.slice(i, levelEnd);
  i = skipSpaces(line, levelEnd);
  // Spring Cloud Sleuth's `[app,traceId,spanId,exportable]` between the level and the pid.
  const sleuth = bracket(line, i);
  if (sleuth !== undefined) i = skipSpaces(line, sleuth[1]);
  // `${PID}` is empty, or Log4j2's `????`, until Boot's logging system has set it (the first lines
  // of a `logback.xml` / Log4j2 start-up): the line has no pid then.
  let pid: number | undefined;
  if (line.startsWith('--- ', i)) {
    i += 4;
  } else {
    const dashes = line.indexOf(' --- ', i);
    if (dashes < 0 || dashes - i > 12) return undefined;
    const text = line.slice(i, dashes);
    pid = text === UNKNOWN_PID ? undefined : Number(text);
    if (pid !== undefined && !Number.isInteger(pid)) return undefined;
    i = dashes + 5;
  }
  // `[application] [group] [thread] [correlation] `: up to four brackets, the thread always there.
  const brackets: [string, number][] = [];
  // Each is followed by a space; a logger name truncated to `[…]…` is not one.
  for (let next = bracket(line, i); next !== undefined && brackets.length < 4;) {
    if (line.charCodeAt(next[1]) !== 0x20) break;
    brackets.push(next);
    i = skipSpaces(line, next[1]);
    next = bracket(line, i);
  }
  const correlation = brackets.length > 1 ? correlationOf(brackets.at(-1)?.[0] ?? '') : undefined;
  if (correlation !== undefined) brackets.pop();
  const thread = brackets.pop();
  if (thread === undefined || brackets.length > 2) return undefined;
  const application = brackets[0]?.[0];
  const group = brackets[1]?.[0];
  const colon = line.indexOf(' : ', i);
  if (colon < 0 || colon - i > MAX_PREFIX) return undefined;
  const logger = line.slice(i, colon).trim();
  if (logger === '' || logger.includes(' ')) return undefined;
  // A message may start on the next line (`LoggingFailureAnalysisReporter`'s `%n%n***…` report).
  let start = colon + 3;
  while (line.charCodeAt(start) === 0x0a || line.charCodeAt(start) === 0x0d) start++;
  const { message, exc_info } = splitException(line.slice(start));
  const fields: Record<string, unknown> = { thread: thread[0] };
  if (pid !== undefined) fields.pid = pid;
  if (sleuth !== undefined) sleuthFields(sleuth[0], fields);
  if (application !== undefined && application !== '') fields.application = application;
  if (group !== undefined && group !== '') fields.application_group = group;
  if (correlation !== undefined) correlationFields(correlation, fields);
  return { message, levelname: toLevelName(level), name: logger, exc_info, fields };
}
