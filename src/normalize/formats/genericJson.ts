import { toLevelName } from '../levels.js';
import type { JsonFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { dotnetRecord, withShadowedProperties } from './lambdaJsonDotnet.js';
import { monologLevel } from './monolog.js';
import { isMultiLine, splitStack } from './stacks.js';
import {
  firstString,
  framesWrittenWhole,
  isObject,
  messageText,
  NAME_KEYS,
  stackText,
  without,
  withMessageObject,
} from '../fields.js';

/**
 * Any JSON object line no specific format claimed: the usual keys for message, level, logger
 * and stack are taken, everything else is kept as fields.
 */
const MESSAGE_KEYS = ['message', 'msg', '@message', 'log', 'text'];
const LEVEL_KEYS = ['levelname', 'level', 'severity', 'log.level', 'lvl', 'loglevel', 'log_level', '@level'];
const STACK_KEYS = ['exc_info', 'stack', 'stack_trace', 'stackTrace', 'exception', 'traceback'];
const REQUEST_ID_KEYS = ['aws_request_id', 'requestId', 'request_id', 'awsRequestId'];

/**
 * True when `object` states its level as a word (`"warn"`, `"ERROR"`) under one of the usual
 * level keys: a record some program wrote by hand (`console.log(JSON.stringify({ level, message
 * }))`), not an arbitrary payload. A number (`"level": 3`) is no such statement: only pino's and
 * bunyan's scale gives numbers a level, and their records are their formats'.
 */
export function statesLevelWord(object: Record<string, unknown>): boolean {
  const level = first(object, LEVEL_KEYS)?.[1];
  return typeof level === 'string' && toLevelName(level) !== undefined && Number.isNaN(Number(level));
}

/** pino's and bunyan's levels (trace 10 … fatal 60) and Monolog's (RFC 5424: 100 … 600). */
const PINO_NUMBERS = new Set([10, 20, 30, 40, 50, 60]);
const MONOLOG_NUMBERS = new Set([100, 200, 250, 300, 400, 500, 550, 600]);

/**
 * A generic record's level. A number is read only on the two numeric scales whose values no other
 * common one shares; any other (a syslog 3, a .NET `LogLevel` 2, an application's own 1–5) states
 * nothing the forwarder can trust, so it stays a field and the record is INFO: read on pino's
 * scale, a syslog ERROR 3 was DEBUG, which `minLevel` would drop, and Monolog's INFO 200 CRITICAL.
 */
function isMonologNumber(value: unknown): boolean {
  return MONOLOG_NUMBERS.has(typeof value === 'string' ? Number(value.trim()) : (value as number));
}

function levelOf(value: unknown): LevelName | undefined {
  const number =
    typeof value === 'number'
      ? value
      : typeof value === 'string' && /^\d+$/.test(value.trim())
        ? Number(value)
        : undefined;
  if (number === undefined) return toLevelName(value);
  if (PINO_NUMBERS.has(number)) return toLevelName(number);
  return MONOLOG_NUMBERS.has(number) ? monologLevel(number) : undefined;
}

function first(object: Record<string, unknown>, keys: readonly string[]): [string, unknown] | undefined {
  for (const key of keys) if (object[key] !== undefined && object[key] !== null) return [key, object[key]];
  return undefined;
}

function errorStack(value: unknown): string | undefined {
  if (!isObject(value)) return stackText(value);
  return stackText(value.stack) ?? stackText(value.stackTrace) ?? stackText(value.stack_trace);
}

export const genericJson: JsonFormat = {
  name: 'json',
  parse(parsed, _context, line) {
    // The .NET runtime's record read here (inside a text prefix): its own values, not its
    // same-named template properties (lambdaJsonDotnet.ts), which are kept beside them.
    const dotnet = dotnetRecord(parsed, line);
    const object = dotnet?.object ?? parsed;
    const consumed: string[] = [];
    // A `message` that is null is still the line's message (`null`), unless another key has one.
    const message =
      first(object, MESSAGE_KEYS) ?? ('message' in object ? (['message', null] as const) : undefined);
    // An empty `msg` is kept (the record's message may come from elsewhere); `message` is the record's key.
    if (message !== undefined && (message[1] !== '' || message[0] === 'message')) consumed.push(message[0]);
    const level = first(object, LEVEL_KEYS);
    const levelname = level === undefined ? undefined : levelOf(level[1]);
    // A Monolog number (`"level":300`, no `level_name`) stays a field, as the monolog format keeps it:
    // its spelling says NOTICE or ALERT where the five names cannot.
    if (level !== undefined && levelname !== undefined && !isMonologNumber(level[1])) consumed.push(level[0]);
    const name =
      dotnet === undefined
        ? NAME_KEYS.find((key) => typeof object[key] === 'string' && object[key] !== '')
        : undefined;
    if (name !== undefined) consumed.push(name);
    const stackKey = first(object, STACK_KEYS);
    let exc_info = stackKey === undefined ? undefined : errorStack(stackKey[1]);
    // A frame list exc_info cannot write whole (Java frames without a file) stays a field too.
    const whole = !Array.isArray(stackKey?.[1]) || framesWrittenWhole(stackKey[1] as unknown[]);
    if (stackKey !== undefined && exc_info !== undefined && whole) consumed.push(stackKey[0]);
    // `err` / `error` objects (pino, bunyan, Powertools) keep their other fields; only the stack moves.
    if (exc_info === undefined) exc_info = errorStack(object.err) ?? errorStack(object.error);
    const requestId = REQUEST_ID_KEYS.find((key) => typeof object[key] === 'string' && object[key] !== '');
    if (requestId !== undefined) consumed.push(requestId);
    // No message key: the line is the message, as it was written (`print(json.dumps(d))` keeps
    // its spaces), its fields kept beside it.
    let text = message === undefined ? line.trim() : messageText(message[1]);
    if (exc_info === undefined && typeof message?.[1] === 'string' && isMultiLine(text)) {
      // A logged stack (`log.error(err.stack)`): exc_info, not part of the message.
      const split = splitStack(text);
      text = split.message;
      exc_info = split.exc_info;
    }
    return {
      message: text,
      levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
      name: name === undefined ? undefined : (object[name] as string),
      exc_info,
      aws_request_id: requestId === undefined ? undefined : firstString(object, [requestId]),
      fields: withMessageObject(withShadowedProperties(without(object, consumed), dotnet), message?.[1]),
    };
  },
};
