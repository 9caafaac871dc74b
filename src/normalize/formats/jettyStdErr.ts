import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { dateTimeEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * Jetty 9's built-in `StdErrLog` (what an embedded Jetty writes with no SLF4J on the class path):
 * `2019-03-27 10:25:31.791:INFO:oejs.Server:main: jetty-9.4.15…` — the time, `:LEVEL:`, the
 * logger's abbreviated name (empty for the root, `INFO::main:`), `:`, the thread (padded in front
 * with `tagpad`), `: `, the message; a throwable follows on the next lines. The logger is the record's `name`, the thread
 * kept as `thread`, the stack exc_info. Checked against eclipse/jetty.project
 * jetty-util/src/main/java/org/eclipse/jetty/util/log/StdErrLog.java (`format`, `tag`).
 */

const NAME = 'jetty';
// Its tags (`StdErrLog.debug`/`info`/`warn`/`ignore`): `:DBUG:`, `:INFO:`, `:WARN:`, and
// `:IGNORED:` for an exception it was told to ignore (logged only at level ALL), DEBUG here.
const LEVELS = new Map([...levelSpellings(['DBUG', 'INFO', 'WARN']), ['IGNORED', 'DEBUG' as const]]);
// `:IGNORED:` is the longest tag.
const MAX_TAG = 9;
const MAX_FIELD = 256;

export const jettyStdErr: TextFormat = {
  name: NAME,
  parse(line) {
    const timeEnd = dateTimeEnd(line, 0);
    if (timeEnd < 0 || line.charCodeAt(timeEnd) !== 0x3a /* : */) return undefined;
    const levelEnd = line.indexOf(':', timeEnd + 1);
    if (levelEnd < 0 || levelEnd - timeEnd > MAX_TAG) return undefined;
    const levelname = LEVELS.get(line.slice(timeEnd + 1, levelEnd));
    if (levelname === undefined) return undefined;
    const nameEnd = line.indexOf(':', levelEnd + 1);
    if (nameEnd < 0 || nameEnd - levelEnd > MAX_FIELD) return undefined;
    const threadEnd = line.indexOf(': ', nameEnd + 1);
    if (threadEnd < 0 || threadEnd - nameEnd > MAX_FIELD) return undefined;
    const name = line.slice(levelEnd + 1, nameEnd);
    if (name.includes(' ')) return undefined;
    const { message, exc_info } = splitStack(line.slice(threadEnd + 2));
    return {
      message,
      levelname,
      name: name === '' ? undefined : name,
      exc_info,
      fields: { time: line.slice(0, timeEnd), thread: line.slice(nameEnd + 1, threadEnd).trimStart() },
    };
  },
};
