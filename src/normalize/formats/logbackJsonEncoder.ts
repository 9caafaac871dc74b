import type { JsonFormat, ParsedLine } from '../logFormat.js';
import { toLevelName } from '../levels.js';
import { isObject, messageText, without, withMessageObject, type JsonObject } from '../fields.js';

/**
 * logback's own `ch.qos.logback.classic.encoder.JsonEncoder` (logback 1.3.8+ / 1.4.8+), one
 * record per line: `{"sequenceNumber":0,"timestamp":1700000000123,"nanoseconds":123000000,
 * "level":"ERROR","threadName":"main","loggerName":"com.example.App","context":{"name":"default",
 * "birthdate":…,"properties":{…}},"mdc":{…},"kvpList"?:[…],"message":"Order {} failed",
 * "formattedMessage"?:"Order 42 failed","arguments"?:[…],"throwable"?:{"className","message",
 * "stepArray":[{"className","methodName","fileName","lineNumber"}],"commonFramesCount"?,
 * "cause"?:{…},"suppressed"?:[{…}]}}`.
 * `loggerName` names the record; the message is `formattedMessage` when the encoder writes it (the
 * raw `message` pattern then stays a field), else `message` with its `{}` placeholders filled from
 * `arguments` in order, as logback's `MessageFormatter` fills them (`\\{}` is a literal `{}`), the
 * arguments and the pattern staying fields (the pattern under `original_fields`, as a line's
 * `message` the record's own message does not hold). The throwable is written into
 * exc_info as logback prints it (`Type: message`, `\tat` frames, `\t... n common frames omitted`,
 * `Caused by: …`, `\tSuppressed: …`) and also stays a field, as Log4j 2's `thrown` does
 * (log4j2Json.ts). Levels are logback's (TRACE DEBUG INFO WARN ERROR).
 * Recognised by `loggerName`, `threadName` and `level` beside `sequenceNumber`, `nanoseconds` or a
 * `context` object: Log4j 2's JsonLayout writes `thread`, not `threadName`.
 * Checked against qos-ch/logback logback-classic/src/main/java/ch/qos/logback/classic/encoder/
 * JsonEncoder.java (`encode`, `appendThrowableProxy`, `appendSTEPArray`).
 */

// Causes and suppressed throwables nest; deeper than this is kept in the field only.
const MAX_DEPTH = 16;

function frame(step: unknown): string {
  if (!isObject(step)) return `\tat ${messageText(step)}`;
  const file = step.fileName;
  const line = step.lineNumber;
  const where =
    line === -2
      ? 'Native Method'
      : typeof file !== 'string' || file === 'null'
        ? 'Unknown Source'
        : typeof line === 'number' && line >= 0
          ? `${file}:${line}`
          : file;
  return `\tat ${messageText(step.className)}.${messageText(step.methodName)}(${where})`;
}

function throwableLines(
  throwable: JsonObject,
  head: string,
  indent: string,
  depth: number,
  out: string[],
): void {
  const message = throwable.message;
  const text = message === null || message === undefined ? '' : `: ${messageText(message)}`;
  out.push(`${indent}${head}${messageText(throwable.className)}${text}`);
  if (Array.isArray(throwable.stepArray))
    for (const step of throwable.stepArray) out.push(indent + frame(step));
  if (typeof throwable.commonFramesCount === 'number' && throwable.commonFramesCount > 0) {
    out.push(`${indent}\t... ${throwable.commonFramesCount} common frames omitted`);
  }
  if (depth >= MAX_DEPTH) return;
  if (Array.isArray(throwable.suppressed)) {
    for (const suppressed of throwable.suppressed) {
      if (isObject(suppressed)) throwableLines(suppressed, 'Suppressed: ', `${indent}\t`, depth + 1, out);
    }
  }
  if (isObject(throwable.cause)) throwableLines(throwable.cause, 'Caused by: ', indent, depth + 1, out);
}

/** A JsonEncoder `throwable` as logback's `ThrowableProxyConverter` prints one. */
function throwableStack(throwable: JsonObject): string | undefined {
  if (typeof throwable.className !== 'string') return undefined;
  const out: string[] = [];
  throwableLines(throwable, '', '', 0, out);
  return out.join('\n');
}

/** `pattern` with each `{}` replaced by the next argument's text, as logback's MessageFormatter does. */
function fill(pattern: string, args: readonly unknown[]): string {
  if (args.length === 0) return pattern;
  let out = '';
  let from = 0;
  let next = 0;
  while (next < args.length) {
    const at = pattern.indexOf('{}', from);
    if (at < 0) break;
    if (at > 0 && pattern.charCodeAt(at - 1) === 0x5c /* \\ */) {
      out += `${pattern.slice(from, at - 1)}{}`;
    } else {
      out += pattern.slice(from, at) + messageText(args[next]);
      next++;
    }
    from = at + 2;
  }
  return out + pattern.slice(from);
}

export const logbackJsonEncoder: JsonFormat = {
  name: 'logback-json-encoder',
  parse(object): ParsedLine | undefined {
    if (typeof object.loggerName !== 'string' || typeof object.threadName !== 'string') return undefined;
    if (typeof object.level !== 'string') return undefined;
    if (!('sequenceNumber' in object) && !('nanoseconds' in object) && !isObject(object.context))
      return undefined;
    const formatted = typeof object.formattedMessage === 'string';
    const messageKey = formatted ? 'formattedMessage' : 'message';
    const message = object[messageKey];
    const consumed = [messageKey];
    const levelname = toLevelName(object.level);
    if (levelname !== undefined) consumed.push('level');
    const name = object.loggerName === '' ? undefined : object.loggerName;
    if (name !== undefined) consumed.push('loggerName');
    const exc_info = isObject(object.throwable) ? throwableStack(object.throwable) : undefined;
    const text =
      !formatted && typeof message === 'string' && Array.isArray(object.arguments)
        ? fill(message, object.arguments)
        : messageText(message);
    // A filled pattern is kept as it came (under original_fields): the message no longer spells it.
    if (text !== messageText(message)) consumed.shift();
    return {
      message: text,
      levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
      name,
      exc_info,
      fields: withMessageObject(without(object, consumed), message),
    };
  },
};
