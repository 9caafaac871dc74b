import type { LevelName } from '../record.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { dateTimeEnd, isWordChar, wordEnd } from './scan.js';

/**
 * RDS and Aurora PostgreSQL logs (`/aws/rds/instance/<db>/postgresql`,
 * `/aws/rds/cluster/<cluster>/postgresql`), with RDS's fixed `log_line_prefix` `%t:%r:%u@%d:[%p]:`:
 * `2024-01-01 00:00:00 UTC:10.0.0.1(5432):app@orders:[123]:LOG:  connection authorized: …`;
 * background processes leave the session parts empty: `…UTC::@:[456]:LOG:  checkpoint starting`.
 * The client address and port, user, database and process id become `client_addr`,
 * `client_port`, `user`, `database` (and `user_at_database`, `%u@%d` as written), `pid`; the message is the text after the severity.
 * Severities (PostgreSQL's elog levels): PANIC and FATAL → CRITICAL, ERROR, WARNING,
 * LOG/INFO/NOTICE and the continuation lines STATEMENT/DETAIL/HINT/CONTEXT/QUERY/LOCATION/BACKTRACE → INFO
 * (each a record of its own; folded into their report's record by multi-line rejoin, see
 * {@link withReportParts}),
 * DEBUG1–5 → DEBUG; a severity spelled otherwise than its level is kept as `severity`. A slow
 * statement's `duration: 1454.486 ms  statement: …` (log_min_duration_statement) also gives
 * `duration_ms`, a number Kibana can range over; the message keeps the whole text.
 * With `log_error_verbosity = verbose` the message starts with the SQLSTATE (`ERROR:  42P01:
 * relation "x" does not exist`), also given as `sqlstate`. A message of several lines (a statement
 * written over lines, a HINT that wraps) is one event and stays whole in the message.
 *
 * Other `log_line_prefix` settings (a custom parameter group on RDS or Aurora, PostgreSQL's own
 * default `%m [%p] `, Debian's `%t [%p-%l] `, pgBadger's `%t [%p]: user=%u,db=%d,app=%a,client=%h `,
 * the RDS prefix with `%a:` or `%e:` appended) are read from their fixed ends: the line starts
 * with `%t` or `%m` (a time and its zone), and the severity is the first of PostgreSQL's words
 * followed by `:  ` (elog.c writes the severity, a colon and two spaces, after the prefix). What
 * lies between stays whole as `line_prefix`, and the pieces whose shape is unambiguous are read
 * from it: `[%p]` (or `[%p-%l]`) as `pid` (and `session_line`), `%u@%d` as `user` and `database`,
 * `%r`'s `host(port)` as `client_addr` and `client_port`, and pgBadger-style `user=`, `db=`,
 * `app=`, `client=`/`host=` as `user`, `database`, `application_name` and `client_addr`.
 * Checked against https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Concepts.PostgreSQL.html
 * (the default prefix, "Parameters for logging in RDS for PostgreSQL"), postgres/postgres
 * src/backend/utils/error/elog.c (`error_severity`, `log_line_prefix`, `send_message_to_server_log`)
 * and doc/src/sgml/config.sgml (`log_line_prefix` escapes).
 *
 * pgAudit's entries (the `pgaudit` extension RDS offers for audit logging) are
 * `AUDIT: <AUDIT_TYPE>,<STATEMENT_ID>,<SUBSTATEMENT_ID>,<CLASS>,<COMMAND>,<OBJECT_TYPE>,<OBJECT_NAME>,<STATEMENT>,<PARAMETER>`
 * with `,<ROWS>` when `pgaudit.log_rows` is on; a value holding `,` `"` or a line break is quoted
 * CSV-style (`"` doubled), an unknown one is empty (pgaudit/pgaudit README.md "Format",
 * pgaudit.c `log_audit_event`, `append_valid_csv`). Besides the message, which keeps the entry
 * whole, they give a `pgaudit` object of those columns (`audit_type`, `statement_id`,
 * `substatement_id`, `class`, `command`, `object_type`, `object_name`, `parameter`, `rows`) for
 * Kibana to filter on; the statement itself stays in the message only, not copied.
 */

const NAME = 'rds-postgresql';
const MAX_PART = 256;
const DURATION = 'duration: ';

const SEVERITIES: ReadonlyMap<string, LevelName> = new Map<string, LevelName>([
  ['PANIC', 'CRITICAL'],
  ['FATAL', 'CRITICAL'],
  ['ERROR', 'ERROR'],
  ['WARNING', 'WARNING'],
  ['NOTICE', 'INFO'],
  ['INFO', 'INFO'],
  ['LOG', 'INFO'],
  ['STATEMENT', 'INFO'],
  ['DETAIL', 'INFO'],
  ['HINT', 'INFO'],
  ['CONTEXT', 'INFO'],
  ['QUERY', 'INFO'],
  ['LOCATION', 'INFO'],
  // PostgreSQL 13+'s `backtrace_functions`: the C stack of a report from one of the named functions.
  ['BACKTRACE', 'INFO'],
  ['DEBUG', 'DEBUG'],
  ['DEBUG1', 'DEBUG'],
  ['DEBUG2', 'DEBUG'],
  ['DEBUG3', 'DEBUG'],
  ['DEBUG4', 'DEBUG'],
  ['DEBUG5', 'DEBUG'],
]);

const AUDIT = 'AUDIT: ';
/** pgAudit's columns after the statement ids, in its order; `statement` stays in the message. */
const AUDIT_COLUMNS = ['class', 'command', 'object_type', 'object_name', 'statement', 'parameter'] as const;

/**
 * The comma-separated values of `text` from `start`, each unquoted when pgAudit quoted it
 * (`"` … `"`, `""` for a quote), or undefined when a quoted value is not closed.
 */
function csvValues(text: string, start: number): string[] | undefined {
  const values: string[] = [];
  let i = start;
  for (;;) {
    if (text.charCodeAt(i) === 0x22) {
      let value = '';
      let from = i + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote < 0) return undefined;
        value += text.slice(from, quote);
        if (text.charCodeAt(quote + 1) !== 0x22) {
          i = quote + 1;
          break;
        }
        value += '"';
        from = quote + 2;
      }
      values.push(value);
      if (i === text.length) return values;
      if (text.charCodeAt(i) !== 0x2c) return undefined;
      i++;
    } else {
      const comma = text.indexOf(',', i);
      values.push(text.slice(i, comma < 0 ? text.length : comma));
      if (comma < 0) return values;
      i = comma + 1;
    }
  }
}

/** The `pgaudit` object of an `AUDIT: …` message, or undefined when it is not pgAudit's shape. */
function pgauditFields(message: string): Record<string, unknown> | undefined {
  const values = csvValues(message, AUDIT.length);
  if (values === undefined || (values.length !== 9 && values.length !== 10)) return undefined;
  const [type, statementId, substatementId] = values;
  if (type !== 'SESSION' && type !== 'OBJECT') return undefined;
  const statement = Number(statementId);
  const substatement = Number(substatementId);
  if (!Number.isSafeInteger(statement) || !Number.isSafeInteger(substatement)) return undefined;
  const audit: Record<string, unknown> = {
    audit_type: type,
    statement_id: statement,
    substatement_id: substatement,
  };
  AUDIT_COLUMNS.forEach((column, k) => {
    const value = values[3 + k] ?? '';
    if (column !== 'statement' && value !== '') audit[column] = value;
  });
  if (values.length === 10) {
    const rows = Number(values[9]);
    audit.rows = Number.isSafeInteger(rows) && values[9] !== '' ? rows : values[9];
  }
  return audit;
}

/** The index of `char` in `line` within `max` characters of `start`, or -1. */
function within(line: string, char: string, start: number, max = MAX_PART): number {
  const at = line.indexOf(char, start);
  return at < 0 || at - start > max ? -1 : at;
}

const SQLSTATE = /^[0-9A-Z]{5}: /;
// The longest prefix read: pgBadger's with a long user, database and application name.
const MAX_PREFIX = 512;
const SEPARATOR = ':  ';

/**
 * The record from its severity on: `line[severityStart, severityEnd)` is the severity word, a
 * colon at `severityEnd`; undefined when that word is none of PostgreSQL's.
 */
function fromSeverity(
  line: string,
  severityStart: number,
  severityEnd: number,
  fields: Record<string, unknown>,
): ParsedLine | undefined {
  const severity = line.slice(severityStart, severityEnd);
  const levelname = SEVERITIES.get(severity);
  if (levelname === undefined) return undefined;
  if (severity !== levelname) fields.severity = severity;
  let start = severityEnd + 1;
  while (line.charCodeAt(start) === 0x20) start++;
  // BACKTRACE's frames start on the next line (elog.c's `set_backtrace`: `\n` before each frame).
  if (severity === 'BACKTRACE')
    while (line.charCodeAt(start) === 0x0a || line.charCodeAt(start) === 0x09) start++;
  // `log_error_verbosity = verbose`: the SQLSTATE heads the message.
  if (SQLSTATE.test(line.slice(start, start + 7)) && /\d/.test(line.slice(start, start + 5))) {
    fields.sqlstate = line.slice(start, start + 5);
  }
  // `log_min_duration_statement`'s slow-query lines: `duration: 1454.486 ms  statement: …`.
  if (line.startsWith(DURATION, start)) {
    const ms = line.indexOf(' ms', start + DURATION.length);
    const duration = ms < 0 || ms - start > 32 ? Number.NaN : Number(line.slice(start + DURATION.length, ms));
    if (Number.isFinite(duration)) fields.duration_ms = duration;
  }
  const message = line.slice(start);
  if (message.startsWith(AUDIT)) {
    const audit = pgauditFields(message);
    if (audit !== undefined) fields.pgaudit = audit;
  }
  return { message, levelname, fields };
}

const PREFIX_KEYS: ReadonlyMap<string, string> = new Map([
  ['user', 'user'],
  ['db', 'database'],
  ['app', 'application_name'],
  ['client', 'client_addr'],
  ['host', 'client_addr'],
]);

/** The pieces of a custom prefix whose shape tells what they are (see the module comment). */
function prefixFields(prefix: string, fields: Record<string, unknown>): void {
  const pid = /\[(\d{1,10})(?:-(\d{1,12}))?\]/.exec(prefix);
  if (pid !== null) {
    fields.pid = Number(pid[1]);
    if (pid[2] !== undefined) fields.session_line = Number(pid[2]);
  }
  const remote = /(?:^|[\s:])([\w.:-]+)\((\d{1,5})\)/.exec(prefix);
  if (remote !== null) {
    const host = remote[1] ?? '';
    // The RDS prefix's `:` after `%t` is not part of the host.
    fields.client_addr = remote.index === 0 && prefix.startsWith(':') ? host.slice(1) : host;
    fields.client_port = Number(remote[2]);
  }
  for (const [, key, value] of prefix.matchAll(/(?:^|[\s,:])([a-z]+)=([^\s,]*)/g)) {
    const field = PREFIX_KEYS.get(key ?? '');
    if (field !== undefined && value !== undefined && value !== '' && value !== '[unknown]')
      fields[field] = value;
  }
  if (fields.user === undefined) {
    const at = /(?:^|[\s:\]])([\w.$-]+)@([\w.$-]+)(?=$|[\s:[])/.exec(prefix);
    if (at !== null) {
      fields.user = at[1];
      fields.database = at[2];
    }
  }
}

/**
 * A line with another `log_line_prefix` than RDS's: `%t`/`%m`, the rest of the prefix, the
 * severity and `:  ` (see the module comment); undefined when it has not those ends.
 */
function customPrefix(line: string): ParsedLine | undefined {
  // `%t` is `YYYY-MM-DD HH:MM:SS`, `%m` adds `.mmm`: never a `T` or a `,`.
  if (line.charCodeAt(10) !== 0x20 || (line.charCodeAt(19) !== 0x20 && line.charCodeAt(19) !== 0x2e)) {
    return undefined;
  }
  const time = dateTimeEnd(line, 0);
  if (time < 0 || line.charCodeAt(time) !== 0x20) return undefined;
  // `%Z`: an upper-case abbreviation (`UTC`, `CEST`) or, for a zone with none, an offset (`+03`).
  let zoneEnd = time + 1;
  const sign = line.charCodeAt(zoneEnd);
  const offset = sign === 0x2b || sign === 0x2d;
  if (offset) zoneEnd++;
  for (;;) {
    const z = line.charCodeAt(zoneEnd);
    if (!(offset ? z >= 0x30 && z <= 0x39 : z >= 0x41 && z <= 0x5a) || zoneEnd - time > 6) break;
    zoneEnd++;
  }
  const zoneLength = zoneEnd - time - 1 - (offset ? 1 : 0);
  if (zoneLength < 2 || zoneLength > 5) return undefined;
  let from = zoneEnd;
  // Only the prefix's stretch is searched: a long line that is not PostgreSQL's costs no full scan.
  const limit = zoneEnd + MAX_PREFIX + 16;
  const head = line.length > limit ? line.slice(0, limit) : line;
  for (;;) {
    const separator = head.indexOf(SEPARATOR, from);
    if (separator < 0 || separator - zoneEnd > MAX_PREFIX) return undefined;
    let word = separator;
    while (word > zoneEnd && isWordChar(line.charCodeAt(word - 1))) word--;
    if (SEVERITIES.has(line.slice(word, separator))) {
      const prefix = line.slice(zoneEnd, word).trim();
      const fields: Record<string, unknown> = {};
      // The record's times are UTC; a `log_timezone` of another zone (`PST`, `+03`) is kept.
      const zone = line.slice(time + 1, zoneEnd);
      if (zone !== 'UTC' && zone !== 'GMT') fields.time_zone = zone;
      if (prefix !== '') {
        fields.line_prefix = prefix;
        prefixFields(prefix, fields);
      }
      return fromSeverity(line, word, separator, fields);
    }
    from = separator + SEPARATOR.length;
  }
}

/**
 * The lines that explain a report: elog.c's `send_message_to_server_log` writes the message's
 * DETAIL, HINT, QUERY, CONTEXT, LOCATION (`log_error_verbosity = verbose`), BACKTRACE (PostgreSQL
 * 13+, `backtrace_functions`: `BACKTRACE:  ` then the frames, each on a line after a tab) and
 * STATEMENT (`log_min_error_statement`) each on a line of its own, after its own `log_line_prefix`, right
 * after the report's line. With multi-line rejoin they are folded into the report's record
 * (rejoin.ts), each under the field its label names (`detail`, `hint`, `query`, `context`,
 * `location`, `backtrace`, `statement`: PostgreSQL's `jsonlog` keys, QUERY's `internal_query` aside), the
 * text after the label; alone, each is a record of its own, INFO, the label kept as `severity`.
 */
const REPORT_PARTS: ReadonlyMap<string, string> = new Map([
  ['DETAIL', 'detail'],
  ['HINT', 'hint'],
  ['QUERY', 'query'],
  ['CONTEXT', 'context'],
  ['LOCATION', 'location'],
  ['BACKTRACE', 'backtrace'],
  ['STATEMENT', 'statement'],
]);

/**
 * The process id of a report's own line (an `rds-postgresql` record of any severity but the
 * explaining ones), the process its DETAIL, HINT, … lines come from; `undefined` for any other
 * line, and for a prefix without `%p`, whose lines cannot be told apart by process.
 */
export function reportPid(head: ParsedLine): number | undefined {
  if (head.format !== NAME) return undefined;
  const pid = head.fields?.pid;
  const severity = head.fields?.severity;
  if (typeof pid !== 'number' || (typeof severity === 'string' && REPORT_PARTS.has(severity)))
    return undefined;
  return pid;
}

/** True when `line` (as parsed) is a DETAIL, HINT, … line of process `pid`. */
export function isReportPart(line: ParsedLine, pid: number): boolean {
  const severity = line.fields?.severity;
  return (
    line.format === NAME &&
    line.fields?.pid === pid &&
    typeof severity === 'string' &&
    REPORT_PARTS.has(severity)
  );
}

/**
 * The report's fields with its parts' texts, each under its label's field (two of one label,
 * which PostgreSQL never writes, joined by a line break).
 */
export function withReportParts(
  fields: Record<string, unknown> | undefined,
  parts: readonly ParsedLine[],
): Record<string, unknown> {
  const out: Record<string, unknown> = { ...fields };
  for (const part of parts) {
    const key = REPORT_PARTS.get(String(part.fields?.severity)) ?? 'detail';
    const before = out[key];
    out[key] = typeof before === 'string' ? `${before}\n${part.message}` : part.message;
  }
  return out;
}

export const rdsPostgresql: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    if (c < 0x30 || c > 0x39) return undefined;
    let i = dateTimeEnd(line, 0);
    if (i < 0 || line.charCodeAt(i) !== 0x20) return undefined;
    // `%t` ends in the zone's abbreviation (`UTC` on RDS).
    const zoneEnd = wordEnd(line, i + 1, 8);
    const colon = within(line, ':', i + 1, 8);
    if (colon < 0 || (zoneEnd >= 0 && zoneEnd < colon)) return customPrefix(line);
    i = colon + 1;
    const fields: Record<string, unknown> = {};
    // `%r`: `host(port)`, `[local]`, or empty; IPv6 hosts hold colons, so the port's `):` ends it.
    if (line.charCodeAt(i) !== 0x3a) {
      const close = within(line, '):', i);
      const local = line.startsWith('[local]:', i);
      if (close >= 0 && !local) {
        const open = line.lastIndexOf('(', close);
        if (open <= i) return customPrefix(line);
        const host = line.slice(i, open);
        if (host.includes(' ') || host.includes('@')) return customPrefix(line);
        fields.client_addr = host;
        const port = Number(line.slice(open + 1, close));
        fields.client_port = Number.isInteger(port) ? port : line.slice(open + 1, close);
        i = close + 2;
      } else {
        const end = within(line, ':', i);
        if (end < 0) return customPrefix(line);
        fields.client_addr = line.slice(i, end);
        i = end + 1;
      }
    } else {
      i++;
    }
    const at = within(line, '@', i);
    if (at < 0) return customPrefix(line);
    const pidOpen = within(line, ':[', at);
    if (pidOpen < 0) return customPrefix(line);
    if (at > i) fields.user = line.slice(i, at);
    if (pidOpen > at + 1) fields.database = line.slice(at + 1, pidOpen);
    if (pidOpen > at + 1 || at > i) fields.user_at_database = line.slice(i, pidOpen);
    const pidClose = within(line, ']:', pidOpen, 16);
    if (pidClose < 0) return customPrefix(line);
    const pid = Number(line.slice(pidOpen + 2, pidClose));
    if (!Number.isInteger(pid)) return customPrefix(line);
    fields.pid = pid;
    i = pidClose + 2;
    const severityEnd = within(line, ':', i, 10);
    if (severityEnd < 0) return customPrefix(line);
    const parsed = fromSeverity(line, i, severityEnd, fields);
    return parsed ?? customPrefix(line);
  },
};
