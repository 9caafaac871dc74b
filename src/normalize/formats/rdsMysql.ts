import type { LevelName } from '../record.js';
import type { TextFormat } from '../logFormat.js';
import { isDigit, dateTimeEnd, matchShape } from './scan.js';

/**
 * RDS MySQL and MariaDB error logs (`/aws/rds/instance/<db>/error`):
 * - MySQL 8.0: `2024-01-01T00:00:00.000000Z 0 [Warning] [MY-010055] [Server] IP address … could
 *   not be resolved` (`log_error_verbosity`'s time, thread, `[prio] [err_code] [subsystem]`);
 * - MySQL 5.7: `2024-01-01T00:00:00.000000Z 0 [Note] InnoDB: …` (no code or subsystem);
 * - MariaDB: `2024-01-01 0:00:00 0 [Warning] Aborted connection 12 to db: …` (the hour unpadded,
 *   padded with a space as `2024-01-01  9:50:33`), and its crash report's first line, with a
 *   short date and no thread: `230818  6:46:54 [ERROR] mysqld got signal 6 ;`.
 * The thread id becomes `thread`, the error code `error_code`, the subsystem `subsystem`; the
 * message is the rest. Levels: `[ERROR]`/`[Error]` → ERROR, `[Warning]` → WARNING,
 * `[Note]`/`[System]` → INFO (the word kept as `severity`); InnoDB's fatal errors, after which the
 * server aborts, are CRITICAL: `[ERROR] [FATAL] InnoDB: …` (5.7, MariaDB), `[ERROR] [MY-012872]
 * [InnoDB] [FATAL] …` (8.0), their `[FATAL] ` left out of the message.
 * Checked against mysql/mysql-server components/logging/log_sink_trad.cc (the traditional
 * sink's layout), MariaDB server sql/log.cc (`print_buffer_to_file`) and
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MySQL.LogFileSize.html.
 */

const NAME = 'rds-mysql';
const FATAL = '[FATAL] ';

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

/**
 * After the time of MariaDB's signal handler (`%02d%02d%02d %2d:%02d:%02d`: `230818  6:46:54`), or
 * -1 (sql/signal_handler.cc, `handle_fatal_signal`).
 */
function crashTimeEnd(line: string): number {
  if (!matchShape(line, 0, 'dddddd ')) return -1;
  const h = line.charCodeAt(7);
  if (!(h === 0x20 || isDigit(h)) || !matchShape(line, 8, 'd:dd:dd')) return -1;
  return 15;
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
    // MariaDB's crash report (`230818  6:46:54 [ERROR] mysqld got signal 6 ;`): no thread.
    const crash = line.charCodeAt(6) === 0x20 ? crashTimeEnd(line) : -1;
    let i = crash;
    if (crash < 0) i = line.charCodeAt(10) === 0x54 /* T */ ? dateTimeEnd(line, 0) : mariaTimeEnd(line, 0);
    if (i < 0 || line.charCodeAt(i) !== 0x20) return undefined;
    i++;
    let end = i;
    while (end - i < 20 && isDigit(line.charCodeAt(end))) end++;
    const fields: Record<string, unknown> = {};
    if (crash < 0) {
      if (end === i || line.charCodeAt(end) !== 0x20) return undefined;
      fields.thread = Number(line.slice(i, end));
      end++;
    } else if (end !== i) return undefined;
    const level = bracket(line, end);
    let levelname = level === undefined ? undefined : LEVELS.get(level[0]);
    if (level === undefined || levelname === undefined) return undefined;
    i = level[1];
    const code = bracket(line, i);
    const errorCode = code?.[0].startsWith('MY-') === true ? code : undefined;
    const subsystem = errorCode === undefined ? undefined : bracket(line, errorCode[1]);
    i = subsystem?.[1] ?? errorCode?.[1] ?? i;
    // InnoDB's `ib::fatal` (the server aborts next) writes `[FATAL] ` before its text, at ERROR.
    if (levelname === 'ERROR' && line.startsWith(FATAL, i)) {
      levelname = 'CRITICAL';
      i += FATAL.length;
    }
    // `Note` and `System` are no level names: the line's own word is kept beside INFO.
    if (level[0].toUpperCase() !== levelname) fields.severity = level[0];
    if (errorCode !== undefined) fields.error_code = errorCode[0];
    if (subsystem !== undefined) fields.subsystem = subsystem[0];
    return { message: line.slice(i), levelname, fields };
  },
};
