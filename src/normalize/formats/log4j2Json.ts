import type { JsonFormat, ParsedLine } from '../logFormat.js';
import { toLevelName } from '../levels.js';
import { isObject, messageText, without, withMessageObject } from '../fields.js';
import { thrownStack } from './powertoolsJava.js';

/**
 * Log4j 2's `JsonLayout` (Java; `<JsonLayout compact="true" eventEol="true"/>`):
 * `{"instant":{"epochSecond","nanoOfSecond"} (before 2.11 "timeMillis"),"thread","level","loggerName",
 * "message","thrown"?,"endOfBatch",
 * "loggerFqcn","contextMap"?,"threadId","threadPriority"}`; an exception is `thrown`:
 * `{"commonElementCount","localizedMessage","message","name","extendedStackTrace":[{"class","method",
 * "file","line","exact","location","version"}],"cause"?:{…}}`. `loggerName` names the record,
 * `thrown` is written into exc_info as `printStackTrace` prints it and also stays a field (its frames
 * say more than the text: `exact`, `location`, `version`). Levels are log4j's (TRACE DEBUG INFO
 * WARN ERROR FATAL). Powertools for Java v1's records, which use this layout's keys beside
 * `service`, are Powertools' (powertoolsJava.ts).
 * Recognised by `loggerName` and `level` beside `loggerFqcn` or `endOfBatch`, the layout's own keys.
 * Checked against apache/logging-log4j2 log4j-core/src/main/java/org/apache/logging/log4j/core/
 * layout/JsonLayout.java, AbstractJacksonLayout.java, jackson/LogEventJsonMixIn.java and
 * ThrowableProxyJsonMixIn.java.
 */
export const log4j2Json: JsonFormat = {
  name: 'log4j2-json',
  parse(object): ParsedLine | undefined {
    if (typeof object.loggerName !== 'string' || typeof object.level !== 'string') return undefined;
    if (!('loggerFqcn' in object) && !('endOfBatch' in object)) return undefined;
    const consumed = ['message'];
    const levelname = toLevelName(object.level);
    if (levelname !== undefined) consumed.push('level');
    const name = object.loggerName === '' ? undefined : object.loggerName;
    if (name !== undefined) consumed.push('loggerName');
    const exc_info = isObject(object.thrown) ? thrownStack(object.thrown) : undefined;
    return {
      message: messageText(object.message),
      levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
      name,
      exc_info,
      fields: withMessageObject(without(object, consumed), object.message),
    };
  },
};
