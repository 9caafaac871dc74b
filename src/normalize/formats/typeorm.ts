import { stripAnsi } from '../fields.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { splitStack } from './stacks.js';

/**
 * TypeORM's loggers (typeorm/typeorm src/logger/AbstractLogger.ts `logQuery`, `logQueryError`,
 * `logQuerySlow`; AdvancedConsoleLogger.ts, SimpleConsoleLogger.ts, FileLogger.ts;
 * src/platform/PlatformTools.ts `logInfo`, `logError`, `logWarn`).
 *
 * The console loggers (`advanced-console`, the default, and `simple-console`) write the prefix and
 * the message as `console.log(prefix, message)` joins them: `query: SELECT … -- PARAMETERS: [1]`,
 * a failed query as two lines, `query failed: <sql>` then `error: <error>`, a slow one as
 * `query is slow: <sql>` then `execution time: <ms>`; `advanced-console` colours the prefix and
 * highlights the SQL when the stream supports colours (stripped here). `query failed:` is ERROR,
 * `query is slow:` and its `execution time:` WARNING, `query:` INFO; the line stays the message
 * whole, SQL and parameters as written (`error: …` is winston-text's `error:` line, ERROR already).
 * A `query: ` line is read only when an SQL statement follows (any program may write `query: x`).
 *
 * The `file` logger appends `[<ISO time>][<LABEL>]: <message>` lines to `ormlogs.log` (what the
 * CloudWatch agent ships): `[QUERY]`, `[FAILED QUERY]`, `[QUERY ERROR]`, `[SLOW QUERY: 12 ms]`,
 * `[ERROR]`, `[WARN]`, `[INFO]`, `[LOG]`; the time is kept as `time`, the label as `label`.
 */

const CONSOLE = /(query failed|query is slow|execution time|query): /y;
const CONSOLE_LEVELS: Readonly<Record<string, LevelName>> = {
  query: 'INFO',
  'query failed': 'ERROR',
  'query is slow': 'WARNING',
  'execution time': 'WARNING',
};
// The statements TypeORM's drivers and query builders send, upper-case or as migrations write them.
const SQL_START =
  /(?:SELECT|INSERT|UPDATE|DELETE|WITH|START|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|CREATE|ALTER|DROP|TRUNCATE|SHOW|SET|PRAGMA|EXEC|CALL|DECLARE|LOCK|VACUUM|ANALYZE|EXPLAIN|MERGE|COMMENT|GRANT|REVOKE)\b/iy;
const FILE_HEAD =
  /\[(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\]\[(QUERY|FAILED QUERY|QUERY ERROR|SLOW QUERY: \d{1,12} ms|ERROR|WARN|INFO|LOG)\]: /y;

function fileLevel(label: string): LevelName {
  if (label === 'FAILED QUERY' || label === 'QUERY ERROR' || label === 'ERROR') return 'ERROR';
  if (label === 'WARN' || label.startsWith('SLOW')) return 'WARNING';
  return 'INFO';
}

export const typeorm: TextFormat = {
  name: 'typeorm',
  parse(line): ParsedLine | undefined {
    const first = line.charCodeAt(0);
    if (first === 0x5b /* [ */) {
      FILE_HEAD.lastIndex = 0;
      const head = FILE_HEAD.exec(line);
      if (head === null) return undefined;
      const label = head[2] as string;
      const { message, exc_info } = splitStack(line.slice(FILE_HEAD.lastIndex).trimEnd());
      return { message, levelname: fileLevel(label), exc_info, fields: { time: head[1], label } };
    }
    if (first !== 0x71 /* q */ && first !== 0x65 /* e */ && first !== 0x1b /* ESC */) return undefined;
    const text = first === 0x1b ? stripAnsi(line) : line;
    CONSOLE.lastIndex = 0;
    const prefix = CONSOLE.exec(text);
    if (prefix === null) return undefined;
    const kind = prefix[1] as string;
    const after = CONSOLE.lastIndex;
    if (kind === 'query') {
      SQL_START.lastIndex = after;
      if (!SQL_START.test(text)) return undefined;
    } else if (kind === 'execution time' && !/^\d{1,12}\s*$/.test(text.slice(after))) {
      return undefined;
    }
    return { message: text.trimEnd(), levelname: CONSOLE_LEVELS[kind] };
  },
};
