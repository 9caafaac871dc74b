import type { LevelName } from '../record.js';
import type { TextFormat } from '../logFormat.js';
import { isDigit, dateTimeEnd } from './scan.js';

/**
 * RDS MySQL and MariaDB error logs (`/aws/rds/instance/<db>/error`):
 * - MySQL 8.0: `2024-01-01T00:00:00.000000Z 0 [Warning] [MY-010055] [Server] IP address … could
 *   not be resolved` (`log_error_verbosity`'s time, thread, `[prio] [err_code] [subsystem]`);
 * - MySQL 5.7: `2024-01-01T00:00:00.000000Z 0 [Note] InnoDB: …` (no code or subsystem);
 * - MariaDB: `2024-01-01 0:00:00 0 [Warning] Aborted connection 12 to db: …` (the hour unpadded,
 *   padded with a space as `2024-01-01  9:50:33`).
 * The thread id becomes `thread`, the error code `error_code`, the subsystem `subsystem`; the
 * message is the rest. Levels: `[ERROR]`/`[Error]` → ERROR, `[Warning]` → WARNING,
 * `[Note]`/`[System]` → INFO (the word kept as `severity`).
 * Checked against mysql/mysql-server components/logging/log_sink_trad.cc (the traditional
 * sink's layout), MariaDB server sql/log.cc (`print_buffer_to_file`) and
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MySQL.LogFileSize.html.
 */

const NAME = 'rds-mysql';

const LEVELS: ReadonlyMap<string, LevelName> = new Map<string, LevelName>([
  ['ERROR', 'ERROR'],
  ['Error', 'ERROR'],
  ['Warning', 'WARNING'],
  ['Note', 'INFO'],
  ['System', 'INFO'],
]);

/** After MariaDB's `YYYY-MM-DD H:MM:SS` / `YYYY-MM-DD  H:MM:SS` / `YYYY-MM-DD HH:MM:SS`, or -1. */
function mariaTimeEnd(line: string, start: number): number {
  for (let k = 0; k < 10; k++) {
    const ch = line.charCodeAt(start + k);
    if (k === 4 || k === 7 ? ch !== 0x2d : !isDigit(ch)) return -1;
  }
  let i = start + 10;
  if (line.charCodeAt(i) !== 0x20) return -1;
  i++;
  if (line.charCodeAt(i) === 0x20) i++;
  if (!isDigit(line.charCodeAt(i))) return -1;
  i++;
  if (isDigit(line.charCodeAt(i))) i++;
  const tail = ':dd:dd';
  for (let k = 0; k < tail.length; k++) {
    const ch = line.charCodeAt(i + k);
    if (tail[k] === 'd' ? !isDigit(ch) : ch !== 0x3a) return -1;
  }
  return i + tail.length;
}

/** `[text]` at `start` within 32 characters → its text and the index after `] `. */
function bracket(line: string, start: number): [string, number] | undefined {
  if (line.charCodeAt(start) !== 0x5b) return undefined;
  const close = line.indexOf(']', start);
  if (close < 0 || close - start > 32) return undefined;
  return [line.slice(start + 1, close), close + (line.charCodeAt(close + 1) === 0x20 ? 2 : 1)];
}

export const rdsMysql: TextFormat = {
  name: NAME,
  parse(line) {
    if (!isDigit(line.charCodeAt(0))) return undefined;
    let i = line.charCodeAt(10) === 0x54 /* T */ ? dateTimeEnd(line, 0) : mariaTimeEnd(line, 0);
    if (i < 0 || line.charCodeAt(i) !== 0x20) return undefined;
    i++;
    let end = i;
    while (end - i < 20 && isDigit(line.charCodeAt(end))) end++;
    if (end === i || line.charCodeAt(end) !== 0x20) return undefined;
    const fields: Record<string, unknown> = { thread: Number(line.slice(i, end)) };
    const level = bracket(line, end + 1);
    const levelname = level === undefined ? undefined : LEVELS.get(level[0]);
    if (level === undefined || levelname === undefined) return undefined;
    // `Note` and `System` are no level names: the line's own word is kept beside INFO.
    if (level[0].toUpperCase() !== levelname) fields.severity = level[0];
    i = level[1];
    const code = bracket(line, i);
    if (code?.[0].startsWith('MY-') === true) {
      fields.error_code = code[0];
      i = code[1];
      const subsystem = bracket(line, i);
      if (subsystem !== undefined) {
        fields.subsystem = subsystem[0];
        i = subsystem[1];
      }
    }
    return { message: line.slice(i), levelname, fields };
  },
};
