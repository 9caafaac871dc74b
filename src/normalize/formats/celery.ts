import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { dateTimeEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * A Celery worker's log (stderr, so what a worker container writes through `awslogs`): the
 * default `worker_log_format`, `[%(asctime)s: %(levelname)s/%(processName)s] %(message)s` →
 * `[2024-01-01 00:00:00,123: INFO/MainProcess] Connected to redis://redis:6379/0`,
 * `[…: ERROR/ForkPoolWorker-1] Task tasks.fail[<id>] raised unexpected: ZeroDivisionError(…)` +
 * its traceback (to exc_info); `worker_task_log_format` adds `%(task_name)s[%(task_id)s]: ` after
 * the bracket, which stays in the message. The level is the line's; the process name is kept as
 * `process_name` (`MainProcess`, `ForkPoolWorker-1`, `Beat`), the bracket's `INFO/MainProcess` as
 * `level_process`.
 * Checked against celery/celery celery/app/defaults.py (`DEFAULT_PROCESS_LOG_FMT`,
 * `DEFAULT_TASK_LOG_FMT`) and the worker lines quoted in its docs ("First steps with Celery").
 */

const NAME = 'celery';
const LEVELS = levelSpellings(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']);
// `processName`: `MainProcess`, `ForkPoolWorker-12`, `Beat`, a thread pool's `ThreadPoolExecutor-0_0`.
const MAX_PROCESS_NAME = 64;

export const celery: TextFormat = {
  name: NAME,
  parse(line) {
    if (line.charCodeAt(0) !== 0x5b /* [ */) return undefined;
    const timeEnd = dateTimeEnd(line, 1);
    if (timeEnd < 0 || !line.startsWith(': ', timeEnd)) return undefined;
    const levelStart = timeEnd + 2;
    const slash = line.indexOf('/', levelStart);
    if (slash < 0 || slash - levelStart > 8) return undefined;
    const levelname = LEVELS.get(line.slice(levelStart, slash));
    if (levelname === undefined) return undefined;
    const close = line.indexOf('] ', slash + 1);
    if (close < 0 || close - slash > MAX_PROCESS_NAME) return undefined;
    const processName = line.slice(slash + 1, close);
    const { message, exc_info } = splitStack(line.slice(close + 2));
    return {
      message,
      levelname,
      exc_info,
      // `INFO/MainProcess` is one word of the line: kept as written, as monolog-text keeps `app.INFO`.
      fields: { process_name: processName, level_process: line.slice(levelStart, close) },
    };
  },
};
