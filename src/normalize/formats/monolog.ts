import { levelSpellings, toLevelName } from '../levels.js';
import type { JsonFormat, ParsedLine } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { isObject, messageText, stackText, without, withMessageObject, type JsonObject } from '../fields.js';

/**
 * Monolog's `JsonFormatter` (PHP: Laravel, Symfony, Bref on Lambda): `{"message":"…","context":{…},
 * "level":200,"level_name":"INFO","channel":"app","datetime":"2024-01-01T00:00:00.000000+00:00",
 * "extra":{…}}`. Levels (RFC 5424): 100 DEBUG, 200 INFO, 250 NOTICE, 300 WARNING, 400 ERROR,
 * 500 CRITICAL, 550 ALERT, 600 EMERGENCY; NOTICE is INFO, ALERT and EMERGENCY CRITICAL.
 * `level_name` is the level (the number only when the name is missing; it stays a field),
 * `channel` the name; an exception in `context.exception` is normalized to `{"class","message",
 * "code","file":"path:line","trace"?:["path:line", …],"previous"?:{…}}` and written into exc_info
 * the way `LineFormatter` prints it (`Class(code: 0): message at path:line`, `#0 path:line`,
 * `[previous exception] …`); the exception stays in `context` without its `trace`.
 * Recognised by `level_name` and `channel` beside `message`.
 * Checked against Seldaek/monolog src/Monolog/Formatter/JsonFormatter.php (`normalizeException`),
 * NormalizerFormatter.php, LineFormatter.php (`formatException`, `normalizeException`) and
 * src/Monolog/Level.php.
 */

/** Monolog's level names, as `LineFormatter` writes them. */
export const MONOLOG_LEVELS = levelSpellings([
  'DEBUG',
  'INFO',
  'NOTICE',
  'WARNING',
  'ERROR',
  'CRITICAL',
  'ALERT',
  'EMERGENCY',
]);

// Exceptions nest through `previous`; deeper chains than this stay in the field as they are.
const MAX_PREVIOUS = 16;

/** A Monolog level number (`Level::Info->value` = 200) as one of the five names. */
export function monologLevel(value: unknown): LevelName | undefined {
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) return undefined;
  if (value < 200) return 'DEBUG';
  if (value < 300) return 'INFO';
  if (value < 400) return 'WARNING';
  if (value < 500) return 'ERROR';
  return 'CRITICAL';
}

function headline(exception: JsonObject): string {
  const code = exception.code === undefined ? '' : `(code: ${messageText(exception.code)})`;
  const at = exception.file === undefined ? '' : ` at ${messageText(exception.file)}`;
  return `${messageText(exception.class)}${code}: ${messageText(exception.message)}${at}`;
}

/**
 * A Monolog exception as exc_info: a normalized exception object written as `LineFormatter`
 * prints one, or the string `LineFormatter` already made of it.
 */
export function monologExceptionText(value: unknown): string | undefined {
  if (typeof value === 'string') return value.includes('[object] (') ? stackText(value) : undefined;
  if (!isObject(value) || typeof value.class !== 'string') return undefined;
  const lines: string[] = [];
  let exception: unknown = value;
  for (let depth = 0; depth < MAX_PREVIOUS && isObject(exception); depth++) {
    lines.push(depth === 0 ? headline(exception) : `[previous exception] ${headline(exception)}`);
    if (Array.isArray(exception.trace))
      exception.trace.forEach((frame, i) => lines.push(`#${i} ${messageText(frame)}`));
    exception = exception.previous;
  }
  return lines.join('\n');
}

/** The exception without the traces exc_info now holds, `previous` ones included. */
function withoutTraces(exception: JsonObject, depth = 0): JsonObject {
  const rest = without(exception, ['trace']) ?? {};
  if (isObject(rest.previous) && depth + 1 < MAX_PREVIOUS)
    rest.previous = withoutTraces(rest.previous, depth + 1);
  return rest;
}

/**
 * exc_info from a record's `context.exception`, and the context it leaves: without the
 * exception when it was LineFormatter's string, without its traces when it was an object.
 */
export function contextException(context: unknown): { exc_info?: string; context: unknown } {
  if (!isObject(context)) return { context };
  const exc_info = monologExceptionText(context.exception);
  if (exc_info === undefined) return { context };
  if (typeof context.exception === 'string')
    return { exc_info, context: without(context, ['exception']) ?? {} };
  return { exc_info, context: { ...context, exception: withoutTraces(context.exception as JsonObject) } };
}

/**
 * A Monolog record (`JsonFormatter`'s or `LogstashFormatter`'s): the level from its name under
 * `nameKey`, else its number under `numberKey`; `channel` the name; `context.exception` exc_info.
 */
function monologRecord(object: JsonObject, nameKey: string, numberKey: string): ParsedLine {
  const consumed = ['message'];
  let levelname = toLevelName(object[nameKey]);
  if (levelname !== undefined) consumed.push(nameKey);
  else levelname = monologLevel(object[numberKey]);
  const name = object.channel === '' ? undefined : (object.channel as string);
  if (name !== undefined) consumed.push('channel');
  const fields = without(object, consumed);
  const { exc_info, context } = contextException(object.context);
  if (exc_info !== undefined && fields !== undefined) fields.context = context;
  return {
    message: messageText(object.message),
    levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
    name,
    exc_info,
    fields: withMessageObject(fields, object.message),
  };
}

export const monolog: JsonFormat = {
  name: 'monolog',
  parse(object): ParsedLine | undefined {
    if (typeof object.level_name !== 'string' || typeof object.channel !== 'string' || !('message' in object))
      return undefined;
    return monologRecord(object, 'level_name', 'level');
  },
};

/**
 * Monolog's `LogstashFormatter` (2.x, 3.x): `{"@timestamp":"…","@version":1,"host":"…","message":"…",
 * "type":"<application name or channel>","channel":"app","level":"ERROR","monolog_level":400,
 * "extra"?:{…},"context"?:{…}}`: `level` is the level's name, `channel` the name, the exception in
 * `context.exception` as in `JsonFormatter`'s records. Recognised by `monolog_level` beside
 * `channel`; tried before logstash-logback, whose `@version` it shares.
 * Checked against Seldaek/monolog src/Monolog/Formatter/LogstashFormatter.php (`format`).
 */
export const monologLogstash: JsonFormat = {
  name: 'monolog-logstash',
  parse(object): ParsedLine | undefined {
    if (
      typeof object.monolog_level !== 'number' ||
      typeof object.channel !== 'string' ||
      !('message' in object)
    )
      return undefined;
    return monologRecord(object, 'level', 'monolog_level');
  },
};
