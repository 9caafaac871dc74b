import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { dateTimeEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * gunicorn's error log (stderr by default, so what a Python container on ECS writes through
 * `awslogs`): `%(asctime)s [%(process)d] [%(levelname)s] %(message)s` with the date format
 * `[%Y-%m-%d %H:%M:%S %z]` →
 * `[2024-01-01 00:00:00 +0000] [1] [CRITICAL] WORKER TIMEOUT (pid:8)`,
 * `[2024-01-01 00:00:00 +0000] [8] [ERROR] Exception in worker process` + its traceback.
 * The process id becomes `pid`; the message is the rest, a traceback moves to exc_info.
 * gunicorn 0.14 and before wrote the time with no brackets and no zone (datefmt
 * `%Y-%m-%d %H:%M:%S`): `2012-05-20 16:39:46 [23845] [INFO] Starting gunicorn 0.14.3`, as pasted in
 * benoitc/gunicorn#351 and #323; read the same way.
 * gunicorn's access lines are the common log format: see accessLog.ts.
 * Checked against benoitc/gunicorn gunicorn/glogging.py (`CONFIG_DEFAULTS` formatters
 * `generic`: `%(asctime)s [%(process)d] [%(levelname)s] %(message)s`, datefmt
 * `[%Y-%m-%d %H:%M:%S %z]`) and the worker-timeout lines of gunicorn/arbiter.py.
 */

const NAME = 'gunicorn';
const LEVELS = levelSpellings(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']);
// `YYYY-MM-DD HH:MM:SS`.
const OLD_TIME = 'dddd-dd-dd dd:dd:dd'.length;

export const gunicorn: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    let i: number;
    if (c === 0x5b /* [ */) {
      i = dateTimeEnd(line, 1);
      if (i < 0) return undefined;
      // `%z` after a space: ` +0000`.
      if (line.charCodeAt(i) === 0x20 && (line.charCodeAt(i + 1) === 0x2b || line.charCodeAt(i + 1) === 0x2d))
        i += 6;
      if (!line.startsWith('] [', i)) return undefined;
      i += 3;
    } else {
      // gunicorn ≤ 0.14: `2012-05-20 16:39:46 [pid] `, the time alone (no fraction, no zone).
      if (c < 0x30 || c > 0x39 || line.charCodeAt(10) !== 0x20) return undefined;
      i = dateTimeEnd(line, 0);
      if (i !== OLD_TIME || !line.startsWith(' [', i)) return undefined;
      i += 2;
    }
    const pidEnd = line.indexOf('] [', i);
    if (pidEnd < 0 || pidEnd - i > 10) return undefined;
    const pid = Number(line.slice(i, pidEnd));
    if (!Number.isInteger(pid) || pidEnd === i) return undefined;
    i = pidEnd + 3;
    const levelEnd = line.indexOf(']', i);
    if (levelEnd < 0 || levelEnd - i > 8) return undefined;
    const levelname = LEVELS.get(line.slice(i, levelEnd));
    if (levelname === undefined) return undefined;
    const start = line.charCodeAt(levelEnd + 1) === 0x20 ? levelEnd + 2 : levelEnd + 1;
    const { message, exc_info } = splitStack(line.slice(start));
    return { message, levelname, exc_info, fields: { pid } };
  },
};
