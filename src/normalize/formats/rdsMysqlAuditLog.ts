import type { LevelName } from '../record.js';
import type { TextFormat } from '../logFormat.js';
import { isDigit, matchShape } from './scan.js';

/**
 * The MariaDB Audit Plugin's log (`/aws/rds/instance/<db>/audit`: RDS for MariaDB, and RDS for
 * MySQL through AWS's port of the plugin), one record per event, comma-separated:
 * `timestamp,serverhost,username,host,connectionid,queryid,operation,database,object,retcode` →
 * - `20230501 10:02:19,ip-10-1-0-50,app,10.0.1.23,12,345,QUERY,orders,'SELECT 1',0` (the statement
 *   quoted, `'` and `\` escaped with `\`),
 * - `20221201 14:07:05,ip-10-22-1-51,rdsadmin,localhost,821,0,CONNECT,,,0,SOCKET` (connection
 *   events: no object; the port for MySQL adds the connection type, and `,,` after a query's code),
 * - `…,READ,orders,items,` (table events: the table, no code);
 * Aurora MySQL's advanced auditing writes the same fields after a Unix time in microseconds
 * (`1728313380329971,…`).
 * The message is the record as written (like a VPC flow record or a CSV access line: its values
 * are also fields, and no comma-joined value is lost); the values become `server_host`, `user`,
 * `host`, `thread` (the connection id, as in the other MySQL logs), `query_id`, `operation`,
 * `database`, `object` (the statement as written without its quotes, or the table), `retcode`
 * and `connection_type`; anything after them is `trailing`. The log states
 * no level: INFO, but an operation whose code is not 0 failed (`FAILED_CONNECT …,1045`, a query's
 * `1064`), which is WARNING: almost every such code is the client's (a wrong password, bad SQL),
 * as CloudTrail's failed calls are read.
 * Checked against MariaDB/server plugin/server_audit/server_audit.c (`log_header`,
 * `log_connection`, `log_statement_ex`, `log_table`, `escape_string`), aws/audit-plugin-for-mysql
 * plugin/server_audit/server_audit.cc (the connection type, the trailing `,,`),
 * https://mariadb.com/kb/en/mariadb-audit-plugin-log-format/ and
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Appendix.MySQL.Options.AuditPlugin.html.
 */

const NAME = 'rds-mysql-audit';
const HEAD_KEYS = ['server_host', 'user', 'host', 'thread', 'query_id', 'operation'] as const;
const CONNECTION_OPERATIONS = new Set([
  'CONNECT',
  'DISCONNECT',
  'FAILED_CONNECT',
  'CHANGEUSER',
  'PROXY_CONNECT',
]);
// A host name, user or database longer than this is no audit record's.
const MAX_VALUE = 256;
const EPOCH_MICROS = 16;

/** After the record's time and its comma, or -1: `YYYYMMDD HH:MM:SS,` or Aurora's `1728313380329971,`. */
function timeEnd(line: string): number {
  if (matchShape(line, 0, 'dddddddd dd:dd:dd,')) return 18;
  for (let i = 0; i < EPOCH_MICROS; i++) if (!isDigit(line.charCodeAt(i))) return -1;
  return line.charCodeAt(EPOCH_MICROS) === 0x2c ? EPOCH_MICROS + 1 : -1;
}

/** The end of the value at `start` (its comma, or the end of the line), or -1 past {@link MAX_VALUE}. */
function valueEnd(line: string, start: number): number {
  const comma = line.indexOf(',', start);
  const end = comma < 0 ? line.length : comma;
  return end - start > MAX_VALUE ? -1 : end;
}

function isOperation(value: string): boolean {
  if (value === '') return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (!((c >= 0x41 && c <= 0x5a) || c === 0x5f)) return false;
  }
  return true;
}

function isCount(value: string): boolean {
  if (value === '' || value.length > 20) return false;
  for (let i = 0; i < value.length; i++) if (!isDigit(value.charCodeAt(i))) return false;
  return true;
}

/** After the quoted statement at `start` (its closing `'`), or -1: `\` escapes the next character. */
function quotedEnd(line: string, start: number): number {
  for (let i = start + 1; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x5c /* \ */) i++;
    else if (c === 0x27 /* ' */) return i + 1;
  }
  return -1;
}

export const rdsMysqlAuditLog: TextFormat = {
  name: NAME,
  parse(line) {
    let i = timeEnd(line);
    if (i < 0) return undefined;
    const fields: Record<string, unknown> = {};
    for (const key of HEAD_KEYS) {
      const end = valueEnd(line, i);
      if (end < 0 || end === line.length) return undefined;
      fields[key] = line.slice(i, end);
      i = end + 1;
    }
    const operation = String(fields.operation);
    if (!isOperation(operation) || !isCount(String(fields.thread)) || !isCount(String(fields.query_id)))
      return undefined;
    fields.thread = Number(fields.thread);
    fields.query_id = Number(fields.query_id);
    const databaseEnd = valueEnd(line, i);
    if (databaseEnd < 0 || databaseEnd === line.length) return undefined;
    fields.database = line.slice(i, databaseEnd);
    i = databaseEnd + 1;
    // The object: a quoted statement (which may hold commas), or a plain value.
    let object: string;
    if (line.charCodeAt(i) === 0x27) {
      const end = quotedEnd(line, i);
      if (end < 0 || (end < line.length && line.charCodeAt(end) !== 0x2c)) return undefined;
      object = line.slice(i + 1, end - 1);
      i = end;
    } else {
      const end = line.indexOf(',', i);
      object = line.slice(i, end < 0 ? line.length : end);
      i = end < 0 ? line.length : end;
    }
    if (object !== '') fields.object = object;
    let levelname: LevelName | undefined;
    if (i < line.length) {
      const codeEnd = valueEnd(line, i + 1);
      const code = line.slice(i + 1, codeEnd < 0 ? i + 1 : codeEnd);
      if (code !== '') {
        if (!/^-?\d{1,10}$/.test(code)) return undefined;
        fields.retcode = Number(code);
        if (fields.retcode !== 0) levelname = 'WARNING';
      }
      const rest = codeEnd < 0 ? '' : line.slice(codeEnd + 1);
      if (CONNECTION_OPERATIONS.has(operation) && rest !== '' && !rest.includes(','))
        fields.connection_type = rest;
      else if (rest.replace(/,/g, '') !== '') fields.trailing = rest;
    }
    return { message: line, levelname, fields };
  },
};
