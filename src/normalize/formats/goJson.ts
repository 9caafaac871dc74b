import type { JsonFormat } from '../logFormat.js';
import { jsonLibraryFormat } from './jsonLibrary.js';

/**
 * The three JSON loggers of Go, in one file because they share Go's conventions: an error is a
 * string under `error` (its text, no stack of its own), a stack, when there is one, a separate key,
 * and lower-case level names. They differ only in their keys, so each is a registered format of its
 * own, told apart by its message and time keys:
 *
 * - logrus `JSONFormatter`: `{"level":"info","msg":"…","time":"2006-01-02T15:04:05Z07:00"}`, the
 *   error of `WithError` under `error`, `func`/`file` with `ReportCaller`; levels trace debug info
 *   warning error fatal panic. (sirupsen/logrus json_formatter.go, logrus.go `ErrorKey`)
 * - zap production encoder: `{"level":"info","ts":1257894000.000123,"caller":"pkg/file.go:12",
 *   "msg":"…","logger"?:"name","stacktrace"?:"…"}`, `zap.Error` under `error` (`errorVerbose` with
 *   pkg/errors); levels debug info warn error dpanic panic fatal. (uber-go/zap config.go
 *   `NewProductionEncoderConfig`, zapcore/encoder.go, field.go `Error`)
 * - zerolog: `{"level":"info","time":"…","message":"…"}` (no `message` when it is empty: `Send()`,
 *   `{"level":"debug","Name":"Tom","time":1562212768}` in its README, is an empty message), `Err` under
 *   `error`, `Stack` under `stack`,
 *   `Caller` under `caller`; levels trace debug info warn error fatal panic. (rs/zerolog globals.go
 *   field names, event.go)
 *
 * The error's text (`err.Error()`) is no stack: it stays the `error` field, which Kibana filters
 * on, and exc_info (SPEC §3: a traceback or stack) is only there when the line has a stack: zap's
 * `errorVerbose` (pkg/errors' `%+v`: the error's text and the frames where it was made, zapcore
 * error.go `encodeError`) then its `stacktrace` (where it was logged); zerolog's and logrus'
 * `stack`, headed by the error's text as an exception's line heads its traceback.
 */
export const logrus: JsonFormat = jsonLibraryFormat({
  name: 'logrus',
  detect: (o) => typeof o.level === 'string' && 'msg' in o && typeof o.time === 'string' && !('ts' in o),
  messageKey: 'msg',
  errorKeys: ['error'],
  stackKeys: ['stack'],
});

export const zap: JsonFormat = jsonLibraryFormat({
  name: 'zap',
  detect: (o) =>
    typeof o.level === 'string' && 'msg' in o && (typeof o.ts === 'number' || typeof o.ts === 'string'),
  messageKey: 'msg',
  errorKeys: ['error'],
  errorStackKeys: ['errorVerbose'],
  stackKeys: ['stacktrace'],
  // zapcore/json_encoder.go EncodeEntry: level, time, name, caller, function, message, then the
  // fields, `With`'s first, never checked against each other: an earlier one of a key written twice
  // is kept under `shadowed_fields`.
  ownKeys: { head: ['level', 'ts', 'logger', 'caller', 'function', 'msg'], othersUnder: 'shadowed_fields' },
});

/** zerolog's level names (`Level.String()`, rs/zerolog log.go), as `LevelFieldMarshalFunc` writes them. */
const ZEROLOG_LEVELS: ReadonlySet<unknown> = new Set([
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
  'panic',
]);

/** The object's first key, read without listing them all. */
function firstKey(o: Record<string, unknown>): string | undefined {
  for (const key in o) return key;
  return undefined;
}

export const zerolog: JsonFormat = jsonLibraryFormat({
  name: 'zerolog',
  detect: (o) =>
    typeof o.level === 'string' &&
    !('msg' in o) &&
    (typeof o.time === 'string' || typeof o.time === 'number') &&
    !('timestamp' in o) &&
    // `log.Error().Err(err).Msg("")` writes no message at all, only the error; `.Send()`
    // (`Msg("")`, event.go) neither, only the fields: then the record is told by zerolog's own
    // shape, one of its level names first (`Logger.newEvent` writes the level before any field).
    ('message' in o ||
      typeof o.error === 'string' ||
      (ZEROLOG_LEVELS.has(o.level) && firstKey(o) === 'level')),
  messageKey: 'message',
  errorKeys: ['error'],
  stackKeys: ['stack'],
  // event.go: the level opens the event, `Msg` closes it with the message, fields in between, the
  // context's (`With()`) first, never checked against each other (rs/zerolog#140): an earlier one of
  // a key written twice is kept under `shadowed_fields`.
  ownKeys: { head: ['level'], tail: ['message'], othersUnder: 'shadowed_fields' },
});

/**
 * zap's JSON encoder with `zap.NewDevelopmentEncoderConfig()` (`cfg := zap.NewDevelopmentConfig();
 * cfg.Encoding = "json"`): one-letter keys, `{"L":"INFO","T":"2021-05-07T14:14:12.434+0800",
 * "N"?:"name","C":"pkg/file.go:24","M":"…","S"?:"<stack>"}`, capital levels (DEBUG … DPANIC PANIC
 * FATAL), an ISO 8601 `T`. (uber-go/zap config.go `NewDevelopmentEncoderConfig`)
 */
export const zapDevelopment: JsonFormat = jsonLibraryFormat({
  name: 'zap',
  detect: (o) => typeof o.L === 'string' && typeof o.T === 'string' && 'M' in o && !('level' in o),
  messageKey: 'M',
  levelKey: 'L',
  nameKeys: ['N'],
  errorKeys: ['error'],
  errorStackKeys: ['errorVerbose'],
  stackKeys: ['S'],
  ownKeys: { head: ['L', 'T', 'N', 'C', 'M'], othersUnder: 'shadowed_fields' },
});
