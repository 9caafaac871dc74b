import type { TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { isMonthAt, matchShape, timeEnd } from './scan.js';
import { splitPhpStack } from './phpStack.js';

/**
 * Apache httpd's error log (`ErrorLog /proc/self/fd/2` in the official `httpd` and `php:apache`
 * images, so what their containers write through `awslogs`). httpd 2.4's default
 * `ErrorLogFormat`, `[%{u}t] [%-m:%l] [pid %P:tid %T] %7F: %E: [client\ %a] %M% ,\ referer\ %{Referer}i`:
 * `[Wed Oct 11 14:32:52.123456 2000] [core:error] [pid 35708:tid 4328636416] [client 72.15.99.187:5123] AH00128: File does not exist: …`
 * (prefork MPM: `[pid 17]`); httpd 2.2's `[Wed Oct 11 14:32:52 2000] [error] [client 127.0.0.1] …`.
 * Levels: emerg/alert/crit CRITICAL, error, warn WARNING, notice/info INFO, debug/trace1–8 DEBUG (the
 * trace level kept as `level`).
 * The module (`core`, `mpm_event`, `php`, `proxy`) is kept as `module`, the process and thread
 * ids as `pid`/`tid` (numbers), the client as `client`; the message is the rest (its `AH…` code
 * first), a PHP stack after it moves to exc_info; the time is kept as `time`.
 * Checked against apache/httpd server/log.c (`log_ctime`, `log_module_name`, `log_pid`,
 * `do_errorlog_default`), docs/manual/mod/core.xml (`ErrorLogFormat`) and docs/manual/logs.xml.
 */

const NAME = 'apache-error';
const LEVELS: ReadonlyMap<string, LevelName> = new Map<string, LevelName>([
  ['emerg', 'CRITICAL'],
  ['alert', 'CRITICAL'],
  ['crit', 'CRITICAL'],
  ['error', 'ERROR'],
  ['warn', 'WARNING'],
  ['notice', 'INFO'],
  ['info', 'INFO'],
  ['debug', 'DEBUG'],
  ...[1, 2, 3, 4, 5, 6, 7, 8].map((n): [string, LevelName] => [`trace${n}`, 'DEBUG']),
]);

/** After `[Wed Oct 11 14:32:52.123456 2000]` at the start of the line, or -1. */
function ctimeEnd(line: string): number {
  // `[Www Mmm ` then the day, zero- or space-padded.
  if (!matchShape(line, 0, '[MMM ') || !isMonthAt(line, 5) || line.charCodeAt(8) !== 0x20) return -1;
  if (!matchShape(line, 9, 'dd ') && !matchShape(line, 9, ' d ')) return -1;
  const i = timeEnd(line, 12);
  if (i < 0 || !matchShape(line, i, ' dddd]')) return -1;
  return i + 6;
}

/** `[pid 35708:tid 4328636416] ` / `[pid 17] ` at `start`: the ids and where the rest starts. */
function pidPart(line: string, start: number, fields: Record<string, unknown>): number {
  if (!line.startsWith('[pid ', start)) return start;
  const close = line.indexOf('] ', start);
  if (close < 0 || close - start > 48) return start;
  const ids = line.slice(start + 5, close);
  const colon = ids.indexOf(':tid ');
  const pid = Number(colon < 0 ? ids : ids.slice(0, colon));
  if (!Number.isSafeInteger(pid)) return start;
  fields.pid = pid;
  if (colon >= 0) {
    const tid = ids.slice(colon + 5);
    // Thread ids pass 2^53 on 64-bit Linux: kept as written when a number would round them.
    const n = Number(tid);
    fields.tid = Number.isSafeInteger(n) ? n : tid;
  }
  return close + 2;
}

export const apacheError: TextFormat = {
  name: NAME,
  parse(line) {
    if (line.charCodeAt(0) !== 0x5b /* [ */) return undefined;
    const timeClose = ctimeEnd(line);
    if (timeClose < 0 || !line.startsWith(' [', timeClose)) return undefined;
    const open = timeClose + 2;
    const close = line.indexOf('] ', open);
    if (close < 0 || close - open > 40) return undefined;
    // 2.4: `module:level` (`%-m:%l`); 2.2: the level alone.
    const tag = line.slice(open, close);
    const colon = tag.lastIndexOf(':');
    const level = colon < 0 ? tag : tag.slice(colon + 1);
    const levelname = LEVELS.get(level);
    if (levelname === undefined) return undefined;
    // The ctime's words are no time a reader of the record would recognise: kept as written.
    const fields: Record<string, unknown> = { time: line.slice(1, timeClose - 1) };
    if (colon > 0) fields.module = tag.slice(0, colon);
    // `trace1`–`trace8` say more than DEBUG: kept as written.
    if (level.startsWith('trace')) fields.level = level;
    let i = pidPart(line, close + 2, fields);
    if (line.startsWith('[client ', i)) {
      const end = line.indexOf('] ', i);
      if (end > 0 && end - i < 80) {
        fields.client = line.slice(i + 8, end);
        i = end + 2;
      }
    }
    const { message, exc_info } = splitPhpStack(line.slice(i));
    return { message, levelname, exc_info, fields };
  },
};
