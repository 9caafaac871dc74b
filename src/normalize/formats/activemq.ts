import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { closingLine } from './stacks.js';

/**
 * Apache ActiveMQ Classic's broker log, what Amazon MQ for ActiveMQ publishes as its general log
 * to CloudWatch Logs (and a self-run broker's `data/activemq.log`): `%d | %-5p | %m | %c |
 * %t%n%throwable{full}` (apache/activemq assembly/src/release/conf/log4j2.properties; the same
 * layout in 5.x's log4j.properties) → `2016-03-09 14:54:14,859 | INFO  | Apache ActiveMQ 5.13.1
 * (localhost, ID:…) started | org.apache.activemq.broker.BrokerService | main`.
 *
 * Read: the level (TRACE DEBUG, WARN WARNING, FATAL CRITICAL), the logger as the name, the thread
 * (`main`, `ActiveMQ Transport: tcp:///10.0.0.1:51424@61617`) as `thread`, the time as `time`,
 * the throwable after the line as exc_info. A message of several lines ends on the line that
 * `| logger | thread` closes. These lines were `level-word` before (the level read, the logger
 * and thread left in the message).
 */

const NAME = 'activemq';
const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
const HEAD = /(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3}) \| (TRACE|DEBUG|INFO |WARN |ERROR|FATAL) \| /y;
const LOGGER = /^[A-Za-z_$][\w$]*(?:\.[\w$]+)+$/;
const SEPARATOR = ' | ';
const MAX_THREAD = 512;

interface Tail {
  readonly messageEnd: number;
  readonly logger: string;
  readonly thread: string;
}

/** The ` | logger | thread` that closes the line from `start` to `end`, if it has one. */
function tailOf(text: string, start: number, end: number): Tail | undefined {
  const threadAt = text.lastIndexOf(SEPARATOR, end - 1);
  if (threadAt < start || end - threadAt > MAX_THREAD) return undefined;
  const loggerAt = text.lastIndexOf(SEPARATOR, threadAt - 1);
  if (loggerAt < start - SEPARATOR.length) return undefined;
  const logger = text.slice(loggerAt + SEPARATOR.length, threadAt);
  if (!LOGGER.test(logger)) return undefined;
  return { messageEnd: loggerAt, logger, thread: text.slice(threadAt + SEPARATOR.length, end).trimEnd() };
}

export const activemq: TextFormat = {
  name: NAME,
  parse(line): ParsedLine | undefined {
    // `yyyy-MM-dd HH:mm:ss,SSS | `
    if (line.charCodeAt(19) !== 0x2c || line.charCodeAt(24) !== 0x7c /* | */) return undefined;
    HEAD.lastIndex = 0;
    const head = HEAD.exec(line);
    if (head === null) return undefined;
    const body = HEAD.lastIndex;
    const found = closingLine(line, body, (start, end) => tailOf(line, start, end));
    if (found === undefined) return undefined;
    const tail = found.closed;
    return {
      message: line.slice(body, Math.max(body, tail.messageEnd)).trim(),
      levelname: LEVELS.get((head[2] as string).trimEnd()),
      name: tail.logger,
      exc_info: found.stack,
      fields: { time: head[1], thread: tail.thread },
    };
  },
};
