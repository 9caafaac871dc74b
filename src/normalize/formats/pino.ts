import type { JsonFormat } from '../logFormat.js';
import { jsonLibraryFormat } from './jsonLibrary.js';

/**
 * pino's NDJSON lines: `{"level":30,"time":1531171074631,"pid":657,"hostname":"h","name"?,"msg":"…"}`,
 * numeric levels (10 trace, 20 debug, 30 info, 40 warn, 50 error, 60 fatal), `time` in epoch ms, an
 * error serialized by `pino.stdSerializers.err` under `err` as `{"type","message","stack",…}`
 * (`logger.error(err)` also sets `msg` to the error's message). `name` is the logger's name
 * (`pino({ name })`); `messageKey: 'message'` writes the message under `message`. bunyan lines (`"v":0`) are bunyan's, not pino's.
 * Checked against pinojs/pino (lib/tools.js `asJson`, docs/api.md "levels", pino-std-serializers err.js).
 */
export const pino: JsonFormat = jsonLibraryFormat({
  name: 'pino',
  // A numeric level, or its label with `formatters.level`; `time` in epoch ms.
  detect: (o) =>
    (typeof o.level === 'number' || (typeof o.level === 'string' && 'pid' in o)) &&
    typeof o.time === 'number' &&
    o.v === undefined &&
    ('pid' in o || 'msg' in o),
  messageKey: 'msg',
  // `pino({ messageKey: 'message' })`, the usual other choice (docs/api.md `messageKey`).
  otherMessageKeys: ['message'],
  errorKeys: ['err', 'error'],
  stackKeys: ['stack'],
});
