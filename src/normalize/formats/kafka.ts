import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { closingLine } from './stacks.js';

/**
 * Apache Kafka's broker log, what Amazon MSK publishes as broker logs to CloudWatch Logs (and
 * what a self-run broker or Kafka Connect writes to stdout): log4j's `[%d] %p %m (%c)%n`
 * (apache/kafka config/log4j.properties; Kafka 4's config/log4j2.yaml `[%d] %p %m (%c)%n`), the
 * throwable after it → `[2023-11-01 10:47:57,081] WARN [ReplicaFetcher replicaId=1, leaderId=2,
 * fetcherId=0] Error in response for fetch request (kafka.server.ReplicaFetcherThread)`.
 *
 * Read: the level (TRACE DEBUG, WARN WARNING, FATAL CRITICAL), the logger in parentheses at the
 * end of the message as the name, the time as `time`, the stack after it as exc_info. The
 * message is what Kafka wrote as `%m`, its component's `logIdent` included
 * (`[KafkaServer id=1] started`, `[GroupCoordinator 1]: Preparing to rebalance …`): Kafka builds
 * that prefix into the message itself, so it stays there, and its text is also kept as `context`
 * (`KafkaServer id=1`) to filter on. A message of several lines (`KafkaConfig values:` and its
 * settings) ends where the logger's `(…)` closes a line.
 */

const NAME = 'kafka';
const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
const HEAD = /\[(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2},\d{3})\] (TRACE|DEBUG|INFO|WARN|ERROR|FATAL) /y;
// A log4j category: a dotted Java name (`kafka.server.KafkaServer`), or `state.change.logger`.
const LOGGER = /^[A-Za-z_$][\w$-]*(?:\.[\w$-]+)*$/;
const CONTEXT = /\[([^\]\n]{1,256})\]:? /y;
const MAX_LOGGER = 256;

/** Where the ` (logger)` closing a line at `lineEnd` starts, or -1. */
function loggerStart(text: string, lineStart: number, lineEnd: number): number {
  let end = lineEnd;
  if (text.charCodeAt(end - 1) === 0x0d) end--;
  if (text.charCodeAt(end - 1) !== 0x29 /* ) */) return -1;
  const open = text.lastIndexOf(' (', end - 1);
  if (open < lineStart - 1 || end - open > MAX_LOGGER) return -1;
  return LOGGER.test(text.slice(open + 2, end - 1)) ? open : -1;
}

export const kafka: TextFormat = {
  name: NAME,
  parse(line): ParsedLine | undefined {
    // `[yyyy-MM-dd HH:mm:ss,SSS] `
    if (line.charCodeAt(20) !== 0x2c || line.charCodeAt(24) !== 0x5d || line.charCodeAt(25) !== 0x20)
      return undefined;
    HEAD.lastIndex = 0;
    const head = HEAD.exec(line);
    if (head === null) return undefined;
    const body = HEAD.lastIndex;
    // The logger closes the first line that ends in ` (category)` with nothing after it but a
    // stack (or nothing at all).
    const found = closingLine(line, body, (start, end) => {
      const open = loggerStart(line, start, end);
      return open < 0 ? undefined : open;
    });
    if (found === undefined) return undefined;
    const open = found.closed;
    const fields: Record<string, unknown> = { time: head[1] };
    CONTEXT.lastIndex = body;
    const context = CONTEXT.exec(line);
    if (context !== null) fields.context = context[1];
    return {
      message: line.slice(body, open).trim(),
      levelname: LEVELS.get(head[2] as string),
      name: line.slice(open + 2, found.end).replace(/\)\r?$/, ''),
      exc_info: found.stack,
      fields,
    };
  },
};
