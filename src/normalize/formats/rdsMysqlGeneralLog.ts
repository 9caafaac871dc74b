import type { TextFormat } from '../logFormat.js';
import { dateTimeEnd, isDigit, matchShape } from './scan.js';

/**
 * The MySQL / MariaDB general query log (`/aws/rds/instance/<db>/general`), one entry per
 * event: the time, the thread (connection) id right-aligned in five columns (`%5u `), the
 * command, a tab and its argument (the statement, or what the command names):
 * - MySQL 5.7 and 8.0: `2024-01-01T00:00:00.123456Z\t   12 Query\tSELECT 1` (the time in
 *   `log_timestamps`' zone: `Z`, or an offset with `SYSTEM`); early MySQL 5.7 releases wrote no tab
 *   after the time (`2016-06-07T19:07:02.558338Z    3 Connect\t…`, 5.7.12);
 * - MariaDB (and MySQL 5.6): `240101  0:00:00\t   12 Query\tSELECT 1` (`YYMMDD`, the hour padded
 *   with a space), and `\t\t   12 Query\t…` for an entry in the same second as the one before.
 * The thread id becomes `thread` (as in the error and slow query logs), the command `command`
 * (`Connect`, `Init DB`, `Query`, `Quit`, … as the server names them); the message is the
 * argument, or the command itself when it has none (`Quit`), so no record is blank. The log
 * states no level: INFO. The header a server writes when it opens the file (`…/mysqld, Version:
 * …`, `Tcp port: …`, `Time  Id Command  Argument`) and MySQL 5.0's layout (padded command, no
 * tab) stay text.
 * Checked against mysql/mysql-server sql/log.cc (`File_query_log::write_general`), the command
 * names of sql/sql_parse.cc (`command_name` / `Command_names`), MariaDB server sql/log.cc
 * (`MYSQL_QUERY_LOG::write`), the percona/percona-toolkit samples t/lib/samples/genlogs/, and
 * https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.MySQLDB.PublishtoCloudWatchLogs.html.
 */

const NAME = 'rds-mysql-general';

/** The command names the servers write (MySQL's, then MariaDB's own). */
const COMMANDS = new Set([
  'Sleep',
  'Quit',
  'Init DB',
  'Query',
  'Field List',
  'Create DB',
  'Drop DB',
  'Refresh',
  'Shutdown',
  'Statistics',
  'Processlist',
  'Connect',
  'Kill',
  'Debug',
  'Ping',
  'Time',
  'Delayed insert',
  'Change user',
  'Binlog Dump',
  'Table Dump',
  'Connect Out',
  'Register Slave',
  'Register Replica',
  'Prepare',
  'Execute',
  'Long Data',
  'Close stmt',
  'Reset stmt',
  'Set option',
  'Fetch',
  'Daemon',
  'Binlog Dump GTID',
  'Reset Connection',
  'clone',
  'Group Replication Data Stream subscription',
  'Error',
  'Unimpl get tid',
  'Bulk_execute',
  'Slave_worker',
  'Slave_IO',
  'Slave_SQL',
  'Com_multi',
]);
const MAX_COMMAND = 48;
const THREAD_WIDTH = 5;

/** After MariaDB's / MySQL 5.6's `YYMMDD HH:MM:SS\t` (the hour `%2d`), or -1. */
function shortTimeEnd(line: string): number {
  if (!matchShape(line, 0, 'dddddd ')) return -1;
  const h = line.charCodeAt(7);
  if (!(h === 0x20 || isDigit(h)) || !isDigit(line.charCodeAt(8))) return -1;
  const tail = ':dd:dd\t';
  return matchShape(line, 9, tail) ? 9 + tail.length : -1;
}

/** Where the `%5u ` thread column starts, or -1. */
function threadStart(line: string): number {
  const first = line.charCodeAt(0);
  if (first === 0x09 /* \t */) return line.charCodeAt(1) === 0x09 ? 2 : -1;
  if (!isDigit(first)) return -1;
  if (line.charCodeAt(6) === 0x20) return shortTimeEnd(line);
  if (line.charCodeAt(10) !== 0x54 /* T */) return -1;
  const end = dateTimeEnd(line, 0);
  if (end < 0) return -1;
  return line.charCodeAt(end) === 0x09 ? end + 1 : end;
}

export const rdsMysqlGeneralLog: TextFormat = {
  name: NAME,
  parse(line) {
    const start = threadStart(line);
    if (start < 0) return undefined;
    // `%5u `: the id right-aligned in five columns (a longer id fills its own), then a space.
    let i = start;
    while (i - start < THREAD_WIDTH && line.charCodeAt(i) === 0x20) i++;
    const digits = i;
    while (i - digits < 20 && isDigit(line.charCodeAt(i))) i++;
    const width = i - digits;
    if (width === 0 || digits - start !== Math.max(0, THREAD_WIDTH - width)) return undefined;
    if (line.charCodeAt(i) !== 0x20) return undefined;
    // The tab after a command with no argument (`Quit\t`) may have been trimmed on the way.
    const found = line.slice(i + 1, i + 2 + MAX_COMMAND).indexOf('\t');
    const tab = found < 0 ? line.length : i + 1 + found;
    if (tab - i > MAX_COMMAND + 1) return undefined;
    const command = line.slice(i + 1, tab);
    if (!COMMANDS.has(command)) return undefined;
    const argument = line.slice(tab + 1);
    const id = line.slice(digits, i);
    const thread = Number(id);
    return {
      message: argument === '' ? command : argument,
      fields: { thread: Number.isSafeInteger(thread) ? thread : id, command },
    };
  },
};
