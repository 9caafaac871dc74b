import { toLevelName } from '../levels.js';
import type { JsonFormat, ParsedLine } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { isObject, messageText, without } from '../fields.js';
import { splitStack } from './stacks.js';

/**
 * loguru (Python) with `serialize=True`: `{"text":"<the formatted line>\n","record":{"elapsed":{…},
 * "exception":null|{"type","value","traceback"},"extra":{…},"file":{"name","path"},"function":"…",
 * "level":{"icon","name":"INFO","no":20},"line":12,"message":"…","module":"…","name":"app.api",
 * "process":{"id","name"},"thread":{"id","name"},"time":{"repr","timestamp"}}}`. `record.message`
 * is the message, `record.level.name` the level (TRACE DEBUG INFO SUCCESS WARNING ERROR CRITICAL,
 * or a custom level read by its `no` on Python's scale), `record.name` the name. With an exception,
 * `text` ends with the traceback loguru formatted: that is exc_info, and the rest of `text` (the
 * line as its format wrote it) stays a field, as does `record` without its `message`.
 * Recognised by a string `text` beside a `record` with a `level` object.
 * Checked against Delgan/loguru loguru/_handler.py (`_serialize_record`) and loguru/_logger.py
 * (levels, `serialize`), README "Structured logging as needed".
 */

/** loguru's level, by name or by its number (`TRACE` 5 … `CRITICAL` 50, Python's scale). */
export function loguruLevel(name: unknown, no: unknown): LevelName | undefined {
  // SUCCESS (25) is loguru's own level between INFO and WARNING.
  if (name === 'SUCCESS') return 'INFO';
  const byName = toLevelName(name);
  if (byName !== undefined || typeof no !== 'number' || !Number.isFinite(no) || no <= 0) return byName;
  if (no < 20) return 'DEBUG';
  if (no < 30) return 'INFO';
  if (no < 40) return 'WARNING';
  if (no < 50) return 'ERROR';
  return 'CRITICAL';
}

function trimNewline(text: string): string {
  return text.endsWith('\n') ? text.slice(0, text.endsWith('\r\n') ? -2 : -1) : text;
}

export const loguru: JsonFormat = {
  name: 'loguru',
  parse(object): ParsedLine | undefined {
    const record = object.record;
    if (typeof object.text !== 'string' || !isObject(record) || !isObject(record.level)) return undefined;
    const level = record.level;
    const levelname = loguruLevel(level.name, level.no);
    const name = typeof record.name === 'string' && record.name !== '' ? record.name : undefined;
    let exc_info: string | undefined;
    let text = trimNewline(object.text);
    if (isObject(record.exception)) {
      const split = splitStack(text);
      text = split.message;
      exc_info = split.exc_info;
    }
    const fields = without(object, ['text', 'record']) ?? {};
    fields.text = text;
    fields.record = without(record, ['message']) ?? {};
    return {
      message: messageText(record.message),
      levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
      name,
      exc_info,
      fields,
    };
  },
};
