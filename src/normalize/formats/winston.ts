import type { JsonFormat } from '../logFormat.js';
import { isObject, messageText, stackText, stripAnsi, without } from '../fields.js';
import { toLevelName } from '../levels.js';
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

/**
 * winston's `format.logstash()` lines: `{"@message":"…","@timestamp":"…","@fields":{"level":"warn", …meta}}`
 * (`@message` and `@timestamp` only when the info had them; everything else under `@fields`).
 * The level is `@fields.level`; `@fields.stack` (`format.errors({ stack: true })`) is exc_info;
 * `@fields` stays a field without the stack.
 * Recognised by `@message` beside an `@fields` object whose `level` is a winston level.
 * Checked against winstonjs/logform logstash.js and test/logstash.test.js.
 */
export const winstonLogstash: JsonFormat = {
  name: 'winston-logstash',
  parse(object) {
    if (!('@message' in object)) return undefined;
    const meta = object['@fields'];
    if (!isObject(meta) || typeof meta.level !== 'string' || !LEVELS.has(stripAnsi(meta.level)))
      return undefined;
    const exc_info = stackText(meta.stack);
    const fields = without(object, ['@message']) ?? {};
    if (exc_info !== undefined) fields['@fields'] = without(meta, ['stack']) ?? {};
    return {
      message: messageText(object['@message']),
      levelname: toLevelName(stripAnsi(meta.level)),
      exc_info,
      fields,
    };
  },
};
