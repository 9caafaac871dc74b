import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { splitStack } from './stacks.js';

/**
 * Log4j 1.x's location pattern from its manual ("Short introduction to log4j", the stdout
 * ConsoleAppender of its second configuration example), `%5p [%t] (%F:%L) - %m%n`, still the
 * `log4j.properties` of many older Java programs and tutorials (also as `%-5p`):
 * ` INFO [main] (MyApp2.java:12) - Entering application.` — the level right-aligned to five, the
 * thread in brackets, the caller's file and line in parentheses (`?` where the location is not
 * known, `(?:?)`), ` - `, the message; a throwable follows on the next lines. The file and line
 * are kept as `file` and `line`, the thread as `thread`, the stack as exc_info. The line carries
 * no logger name. Read as `log4j2` (the family's name, as for the 1.x BasicConfigurator layout).
 */

const NAME = 'log4j2';
const LEVELS = levelSpellings(['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']);
const MAX_THREAD = 256;
const MAX_LOCATION = 512;

export const log4jFileLine: TextFormat = {
  name: NAME,
  parse(line) {
    // `%5p` pads on the left (` INFO`), `%-5p` on the right (`INFO  [`): at most one space
    // before, then the level word.
    const start = line.charCodeAt(0) === 0x20 ? 1 : 0;
    const levelEnd = line.indexOf(' ', start);
    if (levelEnd < 0 || levelEnd - start > 5) return undefined;
    const levelname = LEVELS.get(line.slice(start, levelEnd));
    if (levelname === undefined) return undefined;
    let i = levelEnd + 1;
    while (line.charCodeAt(i) === 0x20 && i < 6) i++;
    if (line.charCodeAt(i) !== 0x5b /* [ */) return undefined;
    const threadEnd = line.indexOf('] (', i + 1);
    if (threadEnd < 0 || threadEnd - i > MAX_THREAD) return undefined;
    const locationStart = threadEnd + 3;
    const locationEnd = line.indexOf(') - ', locationStart);
    if (locationEnd < 0 || locationEnd - locationStart > MAX_LOCATION) return undefined;
    const location = line.slice(locationStart, locationEnd);
    const colon = location.lastIndexOf(':');
    if (colon < 0) return undefined;
    const file = location.slice(0, colon);
    const lineText = location.slice(colon + 1);
    if (file === '' || file.includes(' ') || (lineText !== '?' && !/^\d{1,9}$/.test(lineText)))
      return undefined;
    const { message, exc_info } = splitStack(line.slice(locationEnd + 4));
    return {
      message,
      levelname,
      exc_info,
      fields: {
        thread: line.slice(i + 1, threadEnd),
        file,
        line: lineText === '?' ? lineText : Number(lineText),
      },
    };
  },
};
