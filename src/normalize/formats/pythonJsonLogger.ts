import { toLevelName } from '../levels.js';
import type { JsonFormat } from '../logFormat.js';
import { firstString, messageText, stackText, without, withMessageObject } from '../fields.js';

/**
 * python-json-logger records (`jsonlogger.JsonFormatter('%(asctime)s %(name)s %(levelname)s
 * %(message)s')`): the five fields are already there and are kept, `asctime` included.
 * Recognised by `levelname` together with `asctime` or `name`.
 * Checked against madzak/python-json-logger, src/pythonjsonlogger/jsonlogger.py.
 */
const CONSUMED = ['asctime', 'name', 'levelname', 'message', 'exc_info', 'aws_request_id'];

export const pythonJsonLogger: JsonFormat = {
  name: 'python-json-logger',
  parse(object) {
    if (typeof object.levelname !== 'string') return undefined;
    if (typeof object.asctime !== 'string' && typeof object.name !== 'string') return undefined;
    return {
      message: messageText(object.message),
      levelname: toLevelName(object.levelname),
      name: firstString(object, ['name']),
      asctime: typeof object.asctime === 'string' ? object.asctime : undefined,
      exc_info: stackText(object.exc_info),
      aws_request_id: firstString(object, ['aws_request_id']),
      fields: withMessageObject(without(object, CONSUMED), object.message),
    };
  },
};
