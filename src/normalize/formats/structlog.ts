import type { JsonFormat } from '../logFormat.js';
import { isObject, messageText, NAME_KEYS, stackText, type JsonObject } from '../fields.js';
import { jsonLibraryFormat } from './jsonLibrary.js';
import { PY_TRACEBACK } from './stacks.js';

/**
 * structlog's `JSONRenderer` (Python): the event dict as JSON, `event` the message, plus what the
 * processors add: `level` (`add_log_level`: debug info warning error critical), `logger`
 * (`add_logger_name`), `timestamp` (`TimeStamper`), and with an exception either `exception` as
 * the traceback text (`format_exc_info`) or, with `dict_tracebacks`, a list of stacks
 * `[{"exc_type","exc_value","exc_notes","syntax_error","is_cause","frames":[{"filename","lineno",
 * "name","line"?,"locals"?}]}]`, the exception raised last first, each later one its cause
 * (`is_cause`) or the one being handled. A structured traceback is written as Python prints it
 * into exc_info and also kept as the `exception` field (locals, notes). `StackInfoRenderer`'s `stack`
 * (`Stack (most recent call last):` …) follows it in exc_info.
 * `logger` names the record before any other name key: the event dict's own keys are the call's
 * keyword arguments (`log.info("user created", name="alice")` writes `"name":"alice"` beside it).
 * Recognised by a string `event` with no `message`/`msg`, beside one of those processor keys.
 * Checked against hynek/structlog src/structlog/processors.py (`JSONRenderer`, `add_log_level`,
 * `format_exc_info`, `dict_tracebacks`) and src/structlog/tracebacks.py (`extract`, `Stack`, `Frame`).
 */

// structlog processors.py `_format_stack`.
const STACK_INFO = 'Stack (most recent call last):';
const CAUSE = 'The above exception was the direct cause of the following exception:';
const CONTEXT = 'During handling of the above exception, another exception occurred:';

function stackLines(stack: JsonObject, lines: string[]): void {
  lines.push(PY_TRACEBACK);
  const frames = Array.isArray(stack.frames) ? stack.frames : [];
  for (const frame of frames) {
    if (!isObject(frame)) continue;
    lines.push(
      `  File "${messageText(frame.filename)}", line ${messageText(frame.lineno)}, in ${messageText(frame.name)}`,
    );
    if (typeof frame.line === 'string' && frame.line.trim() !== '') lines.push(`    ${frame.line.trim()}`);
  }
  const type = messageText(stack.exc_type);
  const value = messageText(stack.exc_value);
  lines.push(value === '' ? type : `${type}: ${value}`);
}

/** A `dict_tracebacks` list as Python prints the chain: the first cause first. */
function structlogStack(value: unknown): string | undefined {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isObject)) return stackText(value);
  const stacks = value;
  const lines: string[] = [];
  for (let i = stacks.length - 1; i >= 0; i--) {
    const stack = stacks[i] as JsonObject;
    stackLines(stack, lines);
    if (i > 0) lines.push('', stack.is_cause === true ? CAUSE : CONTEXT, '');
  }
  return lines.join('\n');
}

const library = jsonLibraryFormat({
  name: 'structlog',
  detect: (o) =>
    typeof o.event === 'string' &&
    !('message' in o) &&
    !('msg' in o) &&
    ('level' in o || 'timestamp' in o || 'logger' in o || 'exception' in o),
  messageKey: 'event',
  nameKeys: ['logger', ...NAME_KEYS.filter((key) => key !== 'logger')],
  errorKeys: [],
  stackKeys: ['exception'],
  stack: structlogStack,
});

export const structlog: JsonFormat = {
  name: library.name,
  parse(object, context, line) {
    const parsed = library.parse(object, context, line);
    // The structured traceback says more than its text (locals, notes): it stays a field.
    if (parsed !== undefined && Array.isArray(object.exception) && parsed.exc_info !== undefined)
      parsed.fields = { ...parsed.fields, exception: object.exception };
    // `StackInfoRenderer` (`log.info(…, stack_info=True)`): the stack where it was logged, after the
    // traceback as `logging.Formatter` writes them; it leaves the line's level as it was.
    const stack = object.stack;
    if (
      parsed !== undefined &&
      typeof stack === 'string' &&
      stack.startsWith(STACK_INFO) &&
      parsed.fields?.stack === stack
    ) {
      parsed.exc_info =
        parsed.exc_info === undefined ? stack.trimEnd() : `${parsed.exc_info}\n${stack.trimEnd()}`;
      const { stack: _moved, ...rest } = parsed.fields;
      parsed.fields = rest;
    }
    return parsed;
  },
};
