import { toLevelName } from '../levels.js';
import type { JsonFormat } from '../logFormat.js';
import { isMultiLine, splitStack } from './stacks.js';
import { firstString, messageText, stackText, without, withMessageObject } from '../fields.js';

/**
 * python-json-logger records (`jsonlogger.JsonFormatter('%(asctime)s %(name)s %(levelname)s
 * %(message)s')`): the five fields are already there and are kept, `asctime` included.
 * Recognised by `levelname` together with `asctime` or `name`, or by `asctime` beside `message`
 * (a format without `%(levelname)s`: the record is INFO, ERROR with a traceback). `rename_fields` may rename any key;
 * a `message` renamed `@message` (the option's documented example) is still the message.
 * Checked against madzak/python-json-logger, src/pythonjsonlogger/jsonlogger.py.
 */
export const pythonJsonLogger: JsonFormat = {
  name: 'python-json-logger',
  parse(object) {
    if (typeof object.levelname === 'string') {
      if (typeof object.asctime !== 'string' && typeof object.name !== 'string') return undefined;
    } else if (typeof object.asctime !== 'string' || !('message' in object)) {
      // Without `%(levelname)s` in the format: `asctime`, a LogRecord attribute only Python's
      // formatters write, beside the message.
      return undefined;
    }
    // `rename_fields={"message": "@message"}` (the library's own example) moves the message.
    const messageKey =
      !('message' in object) && typeof object['@message'] === 'string' ? '@message' : 'message';
    // Only what becomes the record's own is consumed; an unusable value (an unknown level, a
    // non-string request id) stays and, its key being the record's, lands in original_fields.
    const consumed = [messageKey];
    const levelname = toLevelName(object.levelname);
    if (levelname !== undefined) consumed.push('levelname');
    const name = firstString(object, ['name']);
    if (name !== undefined) consumed.push('name');
    const asctime = typeof object.asctime === 'string' ? object.asctime : undefined;
    if (asctime !== undefined) consumed.push('asctime');
    let exc_info = stackText(object.exc_info);
    // A `null` exc_info is kept (under original_fields): the record has no exc_info to hold it.
    if (exc_info !== undefined) consumed.push('exc_info');
    const requestId = firstString(object, ['aws_request_id']);
    if (requestId !== undefined) consumed.push('aws_request_id');
    let message = messageText(object[messageKey]);
    if (exc_info === undefined && typeof object[messageKey] === 'string' && isMultiLine(message)) {
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
      fields: withMessageObject(without(object, consumed), object[messageKey]),
    };
  },
};
