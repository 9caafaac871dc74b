import { levelSpellings, toLevelName } from '../levels.js';
import type { JsonFormat } from '../logFormat.js';
import type { JsonObject } from '../fields.js';
import { isMultiLine, splitStack } from './stacks.js';
import {
  firstString,
  firstStringKey,
  messageText,
  NAME_KEYS,
  stackText,
  without,
  withMessageObject,
} from '../fields.js';

/**
 * python-json-logger records (`jsonlogger.JsonFormatter('%(asctime)s %(name)s %(levelname)s
 * %(message)s')`): the five fields are already there and are kept, `asctime` included. The
 * formatter writes each field of its format under the LogRecord attribute's own name
 * (`add_fields`), the traceback under `exc_info` and `stack_info` (`format`). Recognised by:
 * - `levelname` together with `asctime` or `name`;
 * - `asctime` beside `message` (a format without `%(levelname)s`: the record is INFO, ERROR with a
 *   traceback);
 * - a message beside a LogRecord attribute only Python's `logging` names so ({@link RECORD_ATTRIBUTES}):
 *   `{"levelname": "INFO", "message": …}` (`JsonFormatter('%(levelname)s %(message)s')`), the
 *   default `JsonFormatter()`'s `{"message": …}` with `exc_info`, `%(funcName)s`, … (its
 *   `{"message": …}` alone says nothing of who wrote it: generic JSON).
 * `rename_fields` may rename any key: a `message` renamed `@message` (the option's documented
 * example) is still the message; a level renamed `level`, `severity`, `status` or `LEVEL` (the
 * project's quickstart and cookbook, its issues #36 and #169) is read when it holds one of Python's
 * level names, and a name renamed `logger` (#36) is the name.
 * Checked against madzak/python-json-logger src/pythonjsonlogger/jsonlogger.py and
 * nhairs/python-json-logger src/pythonjsonlogger/core.py (`RESERVED_ATTRS`, `format`, `add_fields`),
 * docs/quickstart.md and docs/cookbook.md.
 */

/**
 * LogRecord attributes (https://docs.python.org/3/library/logging.html#logrecord-attributes) that
 * only Python writes under these names. Lambda's own Python JSON formatter reserves them all
 * (awslambdaric lambda_runtime_log_utils.py `_RESERVED_FIELDS`), and `logging` refuses them as
 * `extra` keys (`Logger.makeRecord`: "Attempt to overwrite … in LogRecord"), so no Lambda record
 * has one. Left out: `taskName` (Python 3.12's; awslambdaric does not reserve it) and `threadName`
 * (logback's JsonEncoder writes one too).
 */
export const RECORD_ATTRIBUTES = [
  'levelname',
  'exc_info',
  'stack_info',
  'exc_text',
  'funcName',
  'levelno',
  'processName',
  'relativeCreated',
] as const;

/** Where `rename_fields` commonly puts `levelname`; read only when it holds a Python level name. */
const RENAMED_LEVEL_KEYS = ['level', 'severity', 'status', 'LEVEL'];

/** `logging`'s own level names (`logging._levelToName`). */
const PYTHON_LEVELS = levelSpellings(['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL']);

/**
 * One of {@link RECORD_ATTRIBUTES} is a key of `object` (a parsed line: its prototype has none of
 * them). Written out key by key: each `in` with a constant key has an inline cache of its own,
 * where `Object.hasOwn` over the list cost 66–70 ns a line and an `in` loop 112 ns, against 4–6 ns
 * (4,000 Lambda JSON and Powertools records, medians of 61 runs). A unit test holds it to the list.
 */
export function hasRecordAttribute(object: JsonObject): boolean {
  return (
    'levelname' in object ||
    'exc_info' in object ||
    'stack_info' in object ||
    'exc_text' in object ||
    'funcName' in object ||
    'levelno' in object ||
    'processName' in object ||
    'relativeCreated' in object
  );
}

function isRecord(object: JsonObject, messageKey: string | undefined): boolean {
  if (
    typeof object.levelname === 'string' &&
    (typeof object.asctime === 'string' || typeof object.name === 'string')
  )
    return true;
  if (messageKey === undefined) return false;
  // Without `%(levelname)s` in the format: `asctime`, a LogRecord attribute only Python's
  // formatters write, beside the message.
  return typeof object.asctime === 'string' || hasRecordAttribute(object);
}

/** The key of the record's level: `levelname`, else a renamed one holding a Python level name. */
function levelKeyOf(object: JsonObject): string | undefined {
  if (typeof object.levelname === 'string') return 'levelname';
  return RENAMED_LEVEL_KEYS.find((key) => {
    const value = object[key];
    return typeof value === 'string' && PYTHON_LEVELS.has(value);
  });
}

export const pythonJsonLogger: JsonFormat = {
  name: 'python-json-logger',
  parse(object) {
    // `rename_fields={"message": "@message"}` (the library's own example) moves the message.
    const messageKey =
      'message' in object ? 'message' : typeof object['@message'] === 'string' ? '@message' : undefined;
    if (!isRecord(object, messageKey)) return undefined;
    const textKey = messageKey ?? 'message';
    // Only what becomes the record's own is consumed; an unusable value (an unknown level, a
    // non-string request id) stays and, its key being the record's, lands in original_fields.
    const consumed = [textKey];
    const levelKey = levelKeyOf(object);
    const levelname = levelKey === undefined ? undefined : toLevelName(object[levelKey]);
    if (levelKey !== undefined && levelname !== undefined) consumed.push(levelKey);
    const nameKey = firstStringKey(object, NAME_KEYS);
    const name = nameKey === undefined ? undefined : (object[nameKey] as string);
    if (nameKey !== undefined) consumed.push(nameKey);
    const asctime = typeof object.asctime === 'string' ? object.asctime : undefined;
    if (asctime !== undefined) consumed.push('asctime');
    let exc_info = stackText(object.exc_info);
    // A `null` exc_info is kept (under original_fields): the record has no exc_info to hold it.
    if (exc_info !== undefined) consumed.push('exc_info');
    const requestId = firstString(object, ['aws_request_id']);
    if (requestId !== undefined) consumed.push('aws_request_id');
    let message = messageText(object[textKey]);
    if (exc_info === undefined && typeof object[textKey] === 'string' && isMultiLine(message)) {
      // `logger.error(traceback.format_exc())`: the traceback is exc_info, not the message.
      const split = splitStack(message);
      message = split.message;
      exc_info = split.exc_info;
    }
    return {
      message,
      levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
      name,
      asctime,
      exc_info,
      aws_request_id: requestId,
      fields: withMessageObject(without(object, consumed), object[textKey]),
    };
  },
};
