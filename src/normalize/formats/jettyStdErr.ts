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
 * Jetty 10+'s `jetty-slf4j-impl` (its `StdErrAppender`, what Jetty 10 and 12 write by default)
 * keeps the layout with five-character levels, `INFO ` and `WARN ` padded, `ERROR`, `DEBUG` and
 * `TRACE` new (`2021-01-26 16:15:50.283:INFO :oejs.Server:main: jetty-10.0.1`), the message
 * possibly padded to `messageAlignColumn`. Checked against jetty/jetty.project
 * jetty-core/jetty-slf4j-impl/src/main/java/org/eclipse/jetty/logging/StdErrAppender.java
 * (`format`, `renderedLevel`).
 */

const NAME = 'jetty';
// Its tags (`StdErrLog.debug`/`info`/`warn`/`ignore`): `:DBUG:`, `:INFO:`, `:WARN:`, and
// `:IGNORED:` for an exception it was told to ignore (logged only at level ALL), DEBUG here;
// jetty-slf4j-impl's `renderedLevel`: `INFO `, `WARN ` (read without their pad), `ERROR`,
// `DEBUG`, `TRACE`.
const LEVELS = new Map([
  ...levelSpellings(['DBUG', 'INFO', 'WARN', 'ERROR', 'DEBUG', 'TRACE']),
  ['IGNORED', 'DEBUG' as const],
]);
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
    // jetty-slf4j-impl pads `INFO` and `WARN` to five: one space before the colon.
    const tagEnd = line.charCodeAt(levelEnd - 1) === 0x20 ? levelEnd - 1 : levelEnd;
    const levelname = LEVELS.get(line.slice(timeEnd + 1, tagEnd));
    if (levelname === undefined) return undefined;
    const nameEnd = line.indexOf(':', levelEnd + 1);
    if (nameEnd < 0 || nameEnd - levelEnd > MAX_FIELD) return undefined;
    const threadEnd = line.indexOf(': ', nameEnd + 1);
    if (threadEnd < 0 || threadEnd - nameEnd > MAX_FIELD) return undefined;
    const name = line.slice(levelEnd + 1, nameEnd);
    if (name.includes(' ')) return undefined;
    // jetty-slf4j-impl's `messageAlignColumn` pads the message with spaces after the thread's
    // colon (its five-character tags tell it from Jetty 9, whose message is kept as written).
    let start = threadEnd + 2;
    if (levelEnd - timeEnd === 6) while (line.charCodeAt(start) === 0x20) start++;
    const { message, exc_info } = splitStack(line.slice(start));
    return {
      message,
      levelname,
      name: name === '' ? undefined : name,
      exc_info,
      fields: { time: line.slice(0, timeEnd), thread: line.slice(nameEnd + 1, threadEnd).trimStart() },
    };
  },
};
