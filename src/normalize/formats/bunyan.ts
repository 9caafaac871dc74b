import type { JsonFormat } from '../logFormat.js';
import { jsonLibraryFormat } from './jsonLibrary.js';

/**
 * bunyan's lines: `{"name":"myapp","hostname":"h","pid":1,"level":30,"msg":"hi",
 * "time":"2012-02-06T04:19:35.605Z","v":0}`; `name` (the logger's name) is required, levels are
 * numbers (10 trace … 60 fatal), `v` is the log format version (0), and an error passed as `err`
 * is serialized by `bunyan.stdSerializers.err` as `{"message","name","stack","code"?,"signal"?}`.
 * Checked against trentm/node-bunyan (lib/bunyan.js `mkRecord`, `stdSerializers.err`, "Core fields" in README).
 */
export const bunyan: JsonFormat = jsonLibraryFormat({
  name: 'bunyan',
  detect: (o) => o.v === 0 && typeof o.level === 'number' && typeof o.name === 'string',
  messageKey: 'msg',
  errorKeys: ['err', 'error'],
  stackKeys: [],
});
