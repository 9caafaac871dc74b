import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { exceptionStart, splitStack, type MessageAndStack } from './stacks.js';

/**
 * Amazon OpenSearch Service's error logs and search / indexing slow logs (and Elasticsearch's,
 * which write the same layout), as the service publishes them to CloudWatch Logs: Log4j 2's
 * `[%d{ISO8601}][%-5p][%-25c{1.}] [%node_name]%marker %m%n` (opensearch-project/OpenSearch
 * distribution/src/config/log4j2.properties, the "old style pattern" appenders; the search
 * request slow log's `[%c{1.}]` unpadded) →
 * `[2024-08-14T00:04:18,880][ERROR][o.o.b.OpenSearchUncaughtExceptionHandler] [ee3fe29191a528a0f473bb2fa9b77f12] uncaught exception in thread [main]`,
 * then the Java stack on the lines after it (one event: the service publishes the whole entry).
 * Elasticsearch 1.x/2.x (log4j 1, also on the service's early domains) wrote the ISO time with a
 * space (`[2015-09-21 08:09:30,744]`), and node names with spaces (`[Fault Zone]`).
 *
 * Read: the level (TRACE DEBUG, WARN WARNING, FATAL CRITICAL), the logger as the name (its
 * padding dropped), the node's name as `node_name`, the time as `time`, the stack as exc_info.
 * A slow-log entry (`[orders][0] took[1.2s], took_millis[1200], total_hits[10 hits], …,
 * source[{…}], id[]`, OpenSearch's SearchSlowLog / IndexingSlowLog messages) keeps its message
 * whole; its index, shard and the `key[value]` parts before `source[` (simple values: no bracket
 * inside) are also kept under `slowlog`, named as OpenSearch's JSON slow log names them
 * (`took`, `took_millis`, `total_hits`, `search_type`, `total_shards`, …; the
 * `elasticsearch.slowlog.*` of Elasticsearch's ECS layout). The source (JSON, possibly cut to
 * the index's `source` limit) stays in the message only.
 */

const NAME = 'opensearch';
const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);
const HEAD =
  /\[(\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2},\d{3})\]\[(TRACE|DEBUG|INFO|WARN|ERROR|FATAL) ?\]\[([^\]\s]{1,256}) *\] (?:\[([^\]\n]{1,256})\] )?/y;
// `[index][shard] ` (search) or `[index/uuid] ` (indexing) before a slow-log entry's `took[`.
const SLOW_TARGET = /\[([^\]\s/]{1,255})(?:\]\[(\d{1,6})\]|\/([^\]\s]{1,64})\]) (?=took\[)/y;
const SLOW_PART = /([a-z_]{1,32})\[([^[\]\n]*)\](?:, ?|$)/y;
const NUMERIC: ReadonlySet<string> = new Set(['took_millis', 'total_shards']);

/**
 * {@link splitStack}, and a throwable printed without frames (`uncaught exception in thread
 * [main]` then `org.opensearch.bootstrap.StartupException: …` alone, as `StartupException` prints
 * its cause): Log4j writes the throwable on the lines after the message, so a second line that
 * opens an exception starts the stack.
 */
function splitThrown(text: string): MessageAndStack {
  const split = splitStack(text);
  if (split.exc_info !== undefined) return split;
  const nl = text.indexOf('\n');
  if (nl < 0) return split;
  const rest = text.slice(nl + 1).trim();
  const end = rest.indexOf('\n');
  if (exceptionStart(end < 0 ? rest : rest.slice(0, end)) !== 0) return split;
  return { message: text.slice(0, nl).trimEnd(), exc_info: rest.replace(/\r\n?/g, '\n') };
}

/** The slow-log parts of `message`, or `undefined` when it is no slow-log entry. */
function slowLogParts(message: string): Record<string, unknown> | undefined {
  let at = 0;
  const slowlog: Record<string, unknown> = {};
  SLOW_TARGET.lastIndex = 0;
  const target = SLOW_TARGET.exec(message);
  if (target !== null) {
    slowlog.index = target[1];
    if (target[2] !== undefined) slowlog.shard = Number(target[2]);
    if (target[3] !== undefined) slowlog.index_uuid = target[3];
    at = SLOW_TARGET.lastIndex;
  }
  if (!message.startsWith('took[', at)) return undefined;
  while (at < message.length && !message.startsWith('source[', at)) {
    SLOW_PART.lastIndex = at;
    const part = SLOW_PART.exec(message);
    if (part === null) break;
    const key = part[1] as string;
    const value = part[2] as string;
    slowlog[key] = NUMERIC.has(key) && /^\d{1,15}$/.test(value) ? Number(value) : value;
    at = SLOW_PART.lastIndex;
  }
  return slowlog;
}

export const openSearch: TextFormat = {
  name: NAME,
  parse(line): ParsedLine | undefined {
    // `[yyyy-MM-ddTHH:mm:ss,SSS][`: the comma of the milliseconds and the level's bracket.
    if (line.charCodeAt(20) !== 0x2c || line.charCodeAt(24) !== 0x5d || line.charCodeAt(25) !== 0x5b)
      return undefined;
    HEAD.lastIndex = 0;
    const head = HEAD.exec(line);
    if (head === null) return undefined;
    const fields: Record<string, unknown> = { time: head[1] };
    if (head[4] !== undefined) fields.node_name = head[4];
    const { message, exc_info } = splitThrown(line.slice(HEAD.lastIndex));
    const slowlog = exc_info === undefined ? slowLogParts(message) : undefined;
    if (slowlog !== undefined) fields.slowlog = slowlog;
    return {
      message: message.trim(),
      levelname: LEVELS.get(head[2] as string),
      name: head[3],
      exc_info,
      fields,
    };
  },
};
