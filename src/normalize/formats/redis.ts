import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';

/**
 * The Redis OSS / Valkey server's own log (a cache engine's log: ElastiCache's engine log keeps
 * the engine's lines, self-run Redis in ECS or on EC2 writes them to stdout): redis/redis
 * src/server.c `serverLogRaw`, `"%d:%c %s %c %s\n"` with the pid, the role (`M` master, `S`
 * replica, `C` an RDB/AOF child, `X` Sentinel), the time (`%d %b %Y %H:%M:%S.` and milliseconds;
 * Redis < 3.2 without the year) and the level's mark (`.` debug, `-` verbose, `*` notice, `#`
 * warning) → `1:M 01 Nov 2023 10:47:57.081 * Ready to accept connections`. Redis < 3.0 wrote
 * `[%d] %s %c %s` (`[23111] 19 Aug 16:21:44.795 # WARNING overcommit_memory is set to 0! …`).
 *
 * Read: `.` and `-` DEBUG, `*` INFO, `#` WARNING; `pid` (a number), `role` (the letter) and
 * `time` (as written: the line's local time, no zone) kept. ElastiCache's TEXT log delivery
 * was not checked against a published line: only the engine's own layout is read here.
 */

const NAME = 'redis';
const LEVELS: Readonly<Record<string, LevelName>> = {
  '.': 'DEBUG',
  '-': 'DEBUG',
  '*': 'INFO',
  '#': 'WARNING',
};
const TIME = '(\\d{2} [A-Z][a-z]{2}(?: \\d{4})? \\d{2}:\\d{2}:\\d{2}\\.\\d{3})';
const HEAD = new RegExp(`(\\d{1,10}):([MSCX]) ${TIME} ([.*#-]) `, 'y');
const OLD_HEAD = new RegExp(`\\[(\\d{1,10})\\] ${TIME} ([.*#-]) `, 'y');

export const redis: TextFormat = {
  name: NAME,
  parse(line): ParsedLine | undefined {
    const old = line.charCodeAt(0) === 0x5b; /* [ */
    // `pid:R ` within the pid's ten digits, or `[pid] `.
    const mark = line.indexOf(old ? '] ' : ':', 1);
    if (mark < 1 || mark > 11) return undefined;
    const head = old ? OLD_HEAD : HEAD;
    head.lastIndex = 0;
    const parts = head.exec(line);
    if (parts === null) return undefined;
    const fields: Record<string, unknown> = old
      ? { pid: Number(parts[1]), time: parts[2] }
      : { pid: Number(parts[1]), role: parts[2], time: parts[3] };
    return {
      message: line.slice(head.lastIndex).trim(),
      levelname: LEVELS[(old ? parts[3] : parts[4]) as string],
      fields,
    };
  },
};
