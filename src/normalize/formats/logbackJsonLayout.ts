import type { JsonFormat } from '../logFormat.js';
import { jsonLibraryFormat } from './jsonLibrary.js';

/**
 * logback-contrib's `ch.qos.logback.contrib.json.classic.JsonLayout` (Java, logback; with
 * `JacksonJsonFormatter`, one record per line): `{"timestamp":"1700000000123","level":"ERROR",
 * "thread":"main","mdc"?:{…},"logger":"com.example.OrderService","message":"…","raw-message"?:"…",
 * "context":"default","exception"?:"java.lang.IllegalStateException: …\n\tat …\n"}`. `timestamp` is
 * the epoch in milliseconds as a string unless `timestampFormat` is set (then that pattern's text);
 * it stays a field. `logger` names the record; `exception` is the throwable as logback's
 * `ThrowableProxyConverter` prints it (`%ex`: the exception line, tab-indented `at` frames,
 * `Caused by:` sections) and is exc_info; `raw-message` (the unformatted `{}` pattern) and `mdc`
 * stay fields. Levels are logback's (TRACE DEBUG INFO WARN ERROR).
 * Recognised by `logger`, `thread` and `level` beside `context`, `mdc` or `raw-message`: Lambda's
 * own Java JSON records have `logger` but no `thread` (lambdaJson.ts).
 * Checked against qos-ch/logback-contrib json/classic/src/main/java/ch/qos/logback/contrib/json/
 * classic/JsonLayout.java and json/core/src/main/java/ch/qos/logback/contrib/json/JsonLayoutBase.java
 * (`formatTimestamp`).
 */
export const logbackJsonLayout: JsonFormat = jsonLibraryFormat({
  name: 'logback-json',
  detect: (o) =>
    typeof o.logger === 'string' &&
    typeof o.thread === 'string' &&
    typeof o.level === 'string' &&
    ('context' in o || 'mdc' in o || 'raw-message' in o),
  messageKey: 'message',
  errorKeys: [],
  stackKeys: ['exception'],
});
