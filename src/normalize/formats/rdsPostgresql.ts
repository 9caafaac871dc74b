import type { LevelName } from '../record.js';
import type { TextFormat } from '../logFormat.js';
import { dateTimeEnd, wordEnd } from './scan.js';

/**
 * RDS and Aurora PostgreSQL logs (`/aws/rds/instance/<db>/postgresql`,
 * `/aws/rds/cluster/<cluster>/postgresql`), with RDS's fixed `log_line_prefix` `%t:%r:%u@%d:[%p]:`:
 * `2024-01-01 00:00:00 UTC:10.0.0.1(5432):app@orders:[123]:LOG:  connection authorized: …`;
 * background processes leave the session parts empty: `…UTC::@:[456]:LOG:  checkpoint starting`.
 * The client address and port, user, database and process id become `client_addr`,
 * `client_port`, `user`, `database` (and `user_at_database`, `%u@%d` as written), `pid`; the message is the text after the severity.
 * Severities (PostgreSQL's elog levels): PANIC and FATAL → CRITICAL, ERROR, WARNING,
 * LOG/INFO/NOTICE and the continuation lines STATEMENT/DETAIL/HINT/CONTEXT/QUERY/LOCATION → INFO,
 * DEBUG1–5 → DEBUG; a severity spelled otherwise than its level is kept as `severity`. A slow
 * statement's `duration: 1454.486 ms  statement: …` (log_min_duration_statement) also gives
 * `duration_ms`, a number Kibana can range over; the message keeps the whole text.
 * Checked against https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Concepts.PostgreSQL.html
 * (the default prefix) and postgres/postgres src/backend/utils/error/elog.c (`error_severity`).
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
    if (colon < 0 || (zoneEnd >= 0 && zoneEnd < colon)) return undefined;
    i = colon + 1;
    const fields: Record<string, unknown> = {};
    // `%r`: `host(port)`, `[local]`, or empty; IPv6 hosts hold colons, so the port's `):` ends it.
    if (line.charCodeAt(i) !== 0x3a) {
      const close = within(line, '):', i);
      const local = line.startsWith('[local]:', i);
      if (close >= 0 && !local) {
        const open = line.lastIndexOf('(', close);
        if (open <= i) return undefined;
        const host = line.slice(i, open);
        if (host.includes(' ') || host.includes('@')) return undefined;
        fields.client_addr = host;
        const port = Number(line.slice(open + 1, close));
        fields.client_port = Number.isInteger(port) ? port : line.slice(open + 1, close);
        i = close + 2;
      } else {
        const end = within(line, ':', i);
        if (end < 0) return undefined;
        fields.client_addr = line.slice(i, end);
        i = end + 1;
      }
    } else {
      i++;
    }
    const at = within(line, '@', i);
    if (at < 0) return undefined;
    const pidOpen = within(line, ':[', at);
    if (pidOpen < 0) return undefined;
    if (at > i) fields.user = line.slice(i, at);
    if (pidOpen > at + 1) fields.database = line.slice(at + 1, pidOpen);
    if (pidOpen > at + 1 || at > i) fields.user_at_database = line.slice(i, pidOpen);
    const pidClose = within(line, ']:', pidOpen, 16);
    if (pidClose < 0) return undefined;
    const pid = Number(line.slice(pidOpen + 2, pidClose));
    if (!Number.isInteger(pid)) return undefined;
    fields.pid = pid;
    i = pidClose + 2;
    const severityEnd = within(line, ':', i, 10);
    if (severityEnd < 0) return undefined;
    const severity = line.slice(i, severityEnd);
    const levelname = SEVERITIES.get(severity);
    if (levelname === undefined) return undefined;
    if (severity !== levelname) fields.severity = severity;
    let start = severityEnd + 1;
    while (line.charCodeAt(start) === 0x20) start++;
    // `log_min_duration_statement`'s slow-query lines: `duration: 1454.486 ms  statement: …`.
    if (line.startsWith(DURATION, start)) {
      const ms = line.indexOf(' ms', start + DURATION.length);
      const duration =
        ms < 0 || ms - start > 32 ? Number.NaN : Number(line.slice(start + DURATION.length, ms));
      if (Number.isFinite(duration)) fields.duration_ms = duration;
    }
    const message = line.slice(start);
    if (message.startsWith(AUDIT)) {
      const audit = pgauditFields(message);
      if (audit !== undefined) fields.pgaudit = audit;
    }
    return { message, levelname, fields };
  },
};
