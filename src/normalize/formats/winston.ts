import type { JsonFormat } from '../logFormat.js';
import { stripAnsi } from '../fields.js';
import { jsonLibraryFormat } from './jsonLibrary.js';

/**
 * winston's `format.json()` lines: `{"level":"info","message":"…", …meta}`, with `timestamp`
 * from `format.timestamp()`, `stack` at the top level from `format.errors({ stack: true })`,
 * `service` (and any other key) from `defaultMeta`, kept as a field (SPEC §3 names a line by
 * `service` only in Powertools records); `format.colorize()` wraps the level in terminal
 * colour codes. Levels are the npm set (error warn info http verbose debug silly) or the syslog set.
 * Recognised by a lower-case level of those sets next to `message` (and no `msg`).
 * Checked against winstonjs/winston (README "Logging levels", "Formats") and winstonjs/logform
 * (json.js, errors.js, colorize.js).
 */
const LEVELS = new Set([
  'error',
  'warn',
  'info',
  'http',
  'verbose',
  'debug',
  'silly',
  'emerg',
  'alert',
  'crit',
  'warning',
  'notice',
]);

export const winston: JsonFormat = jsonLibraryFormat({
  name: 'winston',
  detect: (o) =>
    typeof o.level === 'string' && 'message' in o && !('msg' in o) && LEVELS.has(stripAnsi(o.level)),
  messageKey: 'message',
  errorKeys: ['error', 'err'],
  stackKeys: ['stack'],
});
