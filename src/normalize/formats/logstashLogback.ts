import type { JsonFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { NAME_KEYS } from '../fields.js';
import { jsonLibraryFormat } from './jsonLibrary.js';

/**
 * logstash-logback-encoder's `LogstashEncoder` (Java, logback): `{"@timestamp":"2019-11-03T10:15:30.123+01:00",
 * "@version":"1","message":"…","logger_name":"com.example.App","thread_name":"main","level":"INFO",
 * "level_value":20000, …MDC, "stack_trace"?:"java.lang.X: …\n\tat …", "tags"?:[…]}`; with caller data
 * also `caller_class_name`, `caller_method_name`, `caller_file_name`, `caller_line_number`.
 * Levels are logback's (TRACE DEBUG INFO WARN ERROR); `level_value` is their number (5000 … 40000),
 * kept as a field, and read only when `level` is absent. `logger_name` names the record;
 * `stack_trace` (the throwable as `printStackTrace` writes it) is exc_info. Its own `logger_name` names
 * the record before any other name key: MDC entries, markers and `StructuredArguments` are written
 * as top-level keys too, and the README's own example, `keyValue("name", "value")`, writes `"name"`
 * beside `logger_name`.
 * Recognised by `@version` or `level_value` beside `@timestamp`.
 * Checked against logfellow/logstash-logback-encoder README "Standard Fields" and
 * src/main/java/net/logstash/logback/fieldnames/LogstashCommonFieldNames.java, LogstashFieldNames.java.
 */

// logback's Level.toInt(): TRACE 5000, DEBUG 10000, INFO 20000, WARN 30000, ERROR 40000.
function logbackLevel(value: unknown): LevelName | undefined {
  if (typeof value !== 'number') return undefined;
  if (value < 20000) return 'DEBUG';
  if (value < 30000) return 'INFO';
  if (value < 40000) return 'WARNING';
  return 'ERROR';
}

const library = jsonLibraryFormat({
  name: 'logstash-logback',
  detect: (o) => typeof o['@timestamp'] === 'string' && ('@version' in o || 'level_value' in o),
  messageKey: 'message',
  nameKeys: ['logger_name', ...NAME_KEYS.filter((key) => key !== 'logger_name')],
  errorKeys: [],
  stackKeys: ['stack_trace'],
});

export const logstashLogback: JsonFormat = {
  name: library.name,
  parse(object, context, line) {
    const parsed = library.parse(object, context, line);
    // `level` turned off (`<fieldNames><level>[ignore]`): the number still says it.
    if (parsed !== undefined && object.level === undefined)
      parsed.levelname = logbackLevel(object.level_value) ?? parsed.levelname;
    return parsed;
  },
};
