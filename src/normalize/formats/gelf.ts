import { toLevelName } from '../levels.js';
import type { LevelName } from '../record.js';
import type { JsonFormat } from '../logFormat.js';
import { stackText, without } from '../fields.js';
import { splitStack } from './stacks.js';

/**
 * GELF, the Graylog Extended Log Format, as Spring Boot 3.4+ writes it to the console with
 * `logging.structured.format.console=gelf` (a Java container's stdout through `awslogs`):
 * `{"version":"1.1","short_message":"Started","timestamp":1719910193.000,"level":6,
 * "_level_name":"INFO","_process_pid":1,"_process_thread_name":"main","host":"orders",
 * "_log_logger":"c.e.orders.OrderApplication",…}`; with a throwable also `full_message` (the
 * message, a blank line and the stack), `_error_type`, `_error_stack_trace`, `_error_message`.
 * `short_message` is the message, `_log_logger` (or `_logger_name`, `_logger`) the name, the
 * stack (`_error_stack_trace`, else what follows the message in `full_message`) exc_info; the
 * level is `_level_name` where written, else the syslog severity `level` (0–2 CRITICAL, 3 ERROR,
 * 4 WARNING, 5–6 INFO, 7 DEBUG), which stays a field; `full_message` is left out when it is no
 * more than the message and that stack. Every other key is kept as it came.
 * Recognised by GELF's required `version` and `short_message`.
 * Checked against spring-projects/spring-boot
 * core/spring-boot/src/main/java/org/springframework/boot/logging/logback/GraylogExtendedLogFormatStructuredLogFormatter.java
 * (`jsonMembers`, `throwableMembers`), logback/Extractor.java (`messageAndStackTrace`) and
 * https://go2docs.graylog.org/current/getting_in_log_data/gelf.html (the payload specification).
 */

const NAME = 'gelf';
const NAME_KEYS = ['_log_logger', '_logger_name', '_logger'];
const STACK_KEYS = ['_error_stack_trace', '_stack_trace', '_StackTrace'];

/** RFC 5424 severities, as GELF's `level` carries them. */
function syslogLevel(value: unknown): LevelName | undefined {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 7) return undefined;
  if (value <= 2) return 'CRITICAL';
  if (value === 3) return 'ERROR';
  if (value === 4) return 'WARNING';
  return value === 7 ? 'DEBUG' : 'INFO';
}

export const gelf: JsonFormat = {
  name: NAME,
  parse(object) {
    const { version, short_message: message, full_message: full } = object;
    if (typeof version !== 'string' || typeof message !== 'string') return undefined;
    const consumed = ['short_message'];
    let levelname = toLevelName(object._level_name);
    if (levelname !== undefined) consumed.push('_level_name');
    else levelname = syslogLevel(object.level);
    const nameKey = NAME_KEYS.find((key) => typeof object[key] === 'string' && object[key] !== '');
    if (nameKey !== undefined) consumed.push(nameKey);
    const stackKey = STACK_KEYS.find((key) => stackText(object[key]) !== undefined);
    let exc_info = stackKey === undefined ? undefined : stackText(object[stackKey]);
    if (stackKey !== undefined) consumed.push(stackKey);
    if (typeof full === 'string') {
      if (exc_info === undefined && full.startsWith(message)) exc_info = splitStack(full).exc_info;
      // `message + "\n\n" + stack` says nothing the record does not: left out; anything else stays.
      if (exc_info !== undefined && full.trim() === `${message}\n\n${exc_info}`.trim())
        consumed.push('full_message');
    }
    return {
      message,
      levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
      name: nameKey === undefined ? undefined : (object[nameKey] as string),
      exc_info,
      fields: without(object, consumed),
    };
  },
};
