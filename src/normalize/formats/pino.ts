import type { JsonFormat } from '../logFormat.js';
import type { JsonObject } from '../fields.js';
import { isIsoTimestampAt } from './envelope.js';
import { jsonLibraryFormat } from './jsonLibrary.js';

/**
 * pino's NDJSON lines: `{"level":30,"time":1531171074631,"pid":657,"hostname":"h","name"?,"msg":"…"}`,
 * numeric levels (10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal), `time` in epoch ms, an
 * error serialized by `pino.stdSerializers.err` under `err` as `{"type","message","stack",…}`
 * (`logger.error(err)` also sets `msg` to the error's message). `name` is the logger's name
 * (`pino({ name })`); `messageKey: 'message'` writes the message under `message`; `timestamp:
 * pino.stdTimeFunctions.isoTime` writes `time` as an ISO string, `timestamp: false` none; pino ≤ 6
 * adds `"v":1`. bunyan lines (`"v":0`) are bunyan's, not pino's.
 * Checked against pinojs/pino (lib/tools.js `asJson`, docs/api.md "levels", pino-std-serializers err.js).
 */
/**
 * A numeric level, or its label with `formatters.level` (then beside `pid`); `time` in epoch ms
 * (`stdTimeFunctions.epochTime`, the default, or `unixTime`'s seconds), or, beside pino's `pid` and
 * `hostname` (its `base`), `stdTimeFunctions.isoTime`'s ISO string or none (`timestamp: false`).
 */
function isPinoRecord(o: JsonObject): boolean {
  // pino ≤ 6 ends every line with `"v":1` (pinojs/pino#625); bunyan's `"v":0` is bunyan's.
  if (o.v !== undefined && o.v !== 1) return false;
  if (typeof o.level !== 'number' && !(typeof o.level === 'string' && 'pid' in o)) return false;
  const time = o.time;
  if (typeof time === 'number') return 'pid' in o || 'msg' in o;
  if (typeof time === 'string' ? !isIsoTimestampAt(time, 0, time.length) : time !== undefined) return false;
  return 'pid' in o && 'hostname' in o;
}

/** pino's own levels (docs/api.md "levels"); any other number is a `customLevels` entry. */
const PINO_LEVELS = new Set([10, 20, 30, 40, 50, 60]);

export const pino: JsonFormat = jsonLibraryFormat({
  name: 'pino',
  detect: isPinoRecord,
  messageKey: 'msg',
  // `pino({ messageKey: 'message' })`, the usual other choice (docs/api.md `messageKey`).
  otherMessageKeys: ['message'],
  errorKeys: ['err', 'error'],
  stackKeys: ['stack'],
  // `customLevels: { audit: 35 }`: mapped on pino's scale, the number kept as `level`.
  keepsLevel: (value) => typeof value === 'number' && !PINO_LEVELS.has(value),
  // lib/tools.js asJson: the level and time, the bindings (`base`'s pid and hostname, each
  // child's), the call's object, then the message, concatenated without merging: a key of a
  // binding that the call (or a child's child) sets again is written twice (docs/child-loggers.md
  // "Duplicate keys caveat", pinojs/pino#625), and `JSON.parse` keeps only the last. The last, the
  // call's, is the field, as pino-pretty shows it; the binding's stays under `pino_bindings`.
  ownKeys: { head: ['level', 'time'], tail: ['msg'], othersUnder: 'pino_bindings' },
});
