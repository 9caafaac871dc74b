import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { dateTimeEnd } from './scan.js';
import { exceptionStart, splitLines } from './stacks.js';

/**
 * Dropwizard's console and file layout (`DropwizardLayout`, logback): `%-5p [%d{ISO8601,UTC}]
 * %c: %m%n%rEx` → `INFO  [2023-11-01 10:47:57,081] io.dropwizard.server.ServerFactory: Starting
 * hello-world`. The logger is the record's `name`. `%rEx` (`PrefixedRootCauseFirstThrowableProxyConverter`)
 * writes the throwable root cause first, every line behind `! ` (`! java.lang.RuntimeException: x`,
 * `! at a.B.c(B.java:1)`, `Caused by: ! …`, `!... 56 common frames omitted`): from its first such
 * line the text is exc_info, the `!` marks dropped (frames tab-indented again). Dropwizard's own
 * `!`-framed notices (`THIS APPLICATION HAS NO HEALTHCHECKS`) open no exception: they stay the message.
 * Checked against dropwizard/dropwizard dropwizard-logging DropwizardLayout.java,
 * PrefixedThrowableProxyConverter.java, and the lines quoted in dropwizard/dropwizard#109, #1275.
 */

const NAME = 'dropwizard';
const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']);
const MAX_LOGGER = 256;
const CAUSED_BY = 'Caused by: ';

/** `! java.lang.IllegalStateException: boom`: the first line of a `%rEx` throwable. */
function isPrefixedException(line: string): boolean {
  return line.startsWith('! ') && exceptionStart(line.slice(2)) === 0;
}

/**
 * `! at …` → `\tat …`, `Caused by: ! x` → `Caused by: x`: the converter put `! ` where Java's tab
 * was (or before a line that had none); the stack as `printStackTrace` writes it, its marks gone.
 */
function unprefixed(line: string): string {
  if (line.startsWith(`${CAUSED_BY}! `)) return CAUSED_BY + line.slice(CAUSED_BY.length + 2);
  if (!line.startsWith('!')) return line;
  const text = line.startsWith('! ') ? line.slice(2) : line.slice(1);
  return text.startsWith('at ') || text.startsWith('... ') ? `\t${text}` : text;
}

export const dropwizard: TextFormat = {
  name: NAME,
  parse(line) {
    // `%-5p `: the level, padded to five.
    // Read at fixed places: no scan of a line that is not this format.
    const levelEnd = line.charCodeAt(4) === 0x20 ? 4 : line.charCodeAt(5) === 0x20 ? 5 : -1;
    if (levelEnd < 0) return undefined;
    const level = line.slice(0, levelEnd);
    const levelname = LEVELS.get(level);
    if (levelname === undefined) return undefined;
    let i = levelEnd;
    while (i < 6 && line.charCodeAt(i) === 0x20) i++;
    if (line.charCodeAt(i) !== 0x5b /* [ */) return undefined;
    const dateEnd = dateTimeEnd(line, i + 1);
    if (dateEnd < 0 || line.charCodeAt(dateEnd) !== 0x5d /* ] */ || line.charCodeAt(dateEnd + 1) !== 0x20)
      return undefined;
    const loggerStart = dateEnd + 2;
    const colon = line.indexOf(': ', loggerStart);
    if (colon <= loggerStart || colon - loggerStart > MAX_LOGGER) return undefined;
    const logger = line.slice(loggerStart, colon);
    if (logger.includes(' ') || logger.includes('\n')) return undefined;
    // A message may start on the next line (the health-check notice's `%n!    THIS APPLICATION …`).
    let start = colon + 2;
    while (line.charCodeAt(start) === 0x0a || line.charCodeAt(start) === 0x0d) start++;
    const text = line.slice(start);
    const lines = splitLines(text);
    const stack = lines.findIndex(isPrefixedException);
    if (stack < 0) return { message: text, levelname, name: logger };
    return {
      // `logger.error("", e)`: no message of its own, the exception's line says it.
      message: stack === 0 ? unprefixed(lines[0] ?? '') : lines.slice(0, stack).join('\n').trimEnd(),
      levelname,
      name: logger,
      exc_info: lines.slice(stack).map(unprefixed).join('\n').trimEnd(),
    };
  },
};
