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

const winstonJson: JsonFormat = jsonLibraryFormat({
  name: 'winston',
  detect: (o) =>
    typeof o.level === 'string' && 'message' in o && !('msg' in o) && LEVELS.has(stripAnsi(o.level)),
  messageKey: 'message',
  errorKeys: ['error', 'err'],
  stackKeys: ['stack'],
});

/**
 * `handleExceptions` / `handleRejections` write `message` as `uncaughtException: <err.message>`
 * followed by a line break and the error's stack, which they also write under `stack`, beside
 * `exception: true` (`rejection: true`) (winstonjs/winston lib/winston/exception-handler.js,
 * rejection-handler.js `getAllInfo`): the stack is exc_info, so the message is the line before it.
 */
export const winston: JsonFormat = {
  name: winstonJson.name,
  parse(object, context, line) {
    const parsed = winstonJson.parse(object, context, line);
    const stack = object.stack;
    if (
      parsed !== undefined &&
      (object.exception === true || object.rejection === true) &&
      typeof stack === 'string' &&
      stack !== '' &&
      parsed.message.endsWith(`\n${stack}`)
    ) {
      parsed.message = parsed.message.slice(0, parsed.message.length - stack.length - 1);
    }
    return parsed;
  },
};

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
