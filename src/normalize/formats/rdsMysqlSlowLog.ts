import type { TextFormat } from '../logFormat.js';
import { splitLines } from './stacks.js';

/**
 * The MySQL / MariaDB slow query log (`/aws/rds/instance/<db>/slowquery`), one entry per event:
 * ```
 * # Time: 2024-01-01T00:00:00.123456Z
 * # User@Host: app[app] @  [10.0.1.23]  Id:    12
 * # Query_time: 2.000123  Lock_time: 0.000010 Rows_sent: 1  Rows_examined: 1000000
 * use orders;
 * SET timestamp=1704067200;
 * SELECT * FROM orders WHERE note LIKE '%x%';
 * ```
 * The statement is the message; the header lines become fields: `time`, `user_host`, `thread`
 * (the `Id:`), every `Name: value` pair of the other `#` lines in snake case (`query_time`,
 * `lock_time`, `rows_sent`, `rows_examined`, MariaDB's `thread_id`, `schema`, `qc_hit`, …, numbers
 * as numbers), `use <db>;` as `database` and `SET timestamp=N;` as `timestamp`; `header` keeps
 * those lines as written (`Lock_time: 0.000010` is `lock_time: 0.00001`). The log states
 * no level: INFO (each entry is there because it was slow; `query_time` says how slow).
 * Checked against the MySQL reference manual, "The Slow Query Log" (slow-query-log.html), MariaDB's
 * "Slow Query Log Overview", and an entry quoted in thewca/worldcubeassociation.org#1208.
 */

const NAME = 'rds-mysql-slow';
const HEADS = ['# Time: ', '# User@Host: '];
// Header lines are short; a longer `#` line is taken as text of the statement.
const MAX_HEADER = 1024;

function snakeCase(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]+/g, '_');
}

function value(text: string): unknown {
  const n = Number(text);
  return text !== '' && Number.isFinite(n) ? n : text;
}

/** `# Query_time: 2.0  Lock_time: 0.0 Rows_sent: 1` → its pairs. */
function headerPairs(line: string, fields: Record<string, unknown>): void {
  const words = line
    .slice(2)
    .split(' ')
    .filter((word) => word !== '');
  for (let k = 0; k < words.length; k++) {
    const word = words[k] ?? '';
    if (!word.endsWith(':') || word.length < 2) continue;
    const next = words[k + 1];
    fields[snakeCase(word.slice(0, -1))] = next === undefined || next.endsWith(':') ? '' : value(next);
    if (next !== undefined && !next.endsWith(':')) k++;
  }
}

export const rdsMysqlSlowLog: TextFormat = {
  name: NAME,
  parse(line) {
    if (line.charCodeAt(0) !== 0x23 /* # */ || !HEADS.some((head) => line.startsWith(head))) return undefined;
    const fields: Record<string, unknown> = {};
    const header: string[] = [];
    const statement: string[] = [];
    for (const text of splitLines(line)) {
      if (
        statement.length === 0 &&
        (text.startsWith('# ') || text.startsWith('use ') || text.startsWith('SET timestamp='))
      )
        header.push(text);
      if (text.startsWith('# ') && text.length <= MAX_HEADER && statement.length === 0) {
        if (text.startsWith('# Time: ')) {
          fields.time = text.slice(8).trim();
        } else if (text.startsWith('# User@Host: ')) {
          const id = text.lastIndexOf('Id:');
          fields.user_host = (id < 0 ? text.slice(13) : text.slice(13, id)).trim();
          if (id >= 0) fields.thread = value(text.slice(id + 3).trim());
        } else {
          headerPairs(text, fields);
        }
      } else if (
        statement.length === 0 &&
        text.startsWith('use ') &&
        text.endsWith(';') &&
        !text.includes(' ', 4)
      ) {
        fields.database = text.slice(4, -1);
      } else if (statement.length === 0 && text.startsWith('SET timestamp=') && text.endsWith(';')) {
        fields.timestamp = value(text.slice(14, -1));
      } else {
        statement.push(text);
      }
    }
    // The header as written: the values above are read from it, numbers as numbers.
    fields.header = header.join('\n');
    return { message: statement.join('\n').trim(), fields };
  },
};
