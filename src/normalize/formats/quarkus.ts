import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { stripAnsi } from '../fields.js';
import { dateTimeEnd, skipSpaces, timeEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * JBoss LogManager's console pattern as Quarkus (and WildFly, its `[%c] (%t)` origin) writes it:
 * the default `quarkus.log.console.format` `%d{yyyy-MM-dd HH:mm:ss,SSS} %-5p [%c{3.}] (%t) %s%e%n` →
 * `2023-11-01 10:47:57,081 INFO  [io.quarkus] (main) orders 1.0.0 on JVM (powered by Quarkus
 * 3.5.0) started in 1.234s.`, and the guide's shorter `%d{HH:mm:ss} %-5p [%c{2.}] (%t) %s%e%n` →
 * `14:11:07 INFO  [ExampleResource] (executor-thread-199) Hello`. The category in brackets
 * (abbreviated: `io.qua.ver.htt.run.QuarkusErrorHandler`) is the record's `name`, the thread in
 * parentheses `thread`. `%e` writes the exception after the message, on its line (`HTTP Request
 * to /hello failed, error id: 7d2a-1: java.lang.RuntimeException: boom`, its frames below): the
 * exception and its frames are exc_info. Levels: JBoss's (FATAL ERROR WARN INFO DEBUG TRACE) and
 * JUL's for what is logged through JUL (SEVERE → ERROR, CONFIG → INFO, FINE* → DEBUG).
 * Checked against the Quarkus logging guide (quarkus.io/guides/logging, "Logging format",
 * `quarkus.log.console.format`'s default) and the Red Hat build of Quarkus logging configuration.
 *
 * With colour (`quarkus.console.color`, on by default where the console supports it, as in dev
 * mode on a terminal) Quarkus formats through JBoss LogManager's `ColorPatternFormatter`, which
 * wraps every step of the pattern, literal text included, in a foreground colour and its reset
 * (`\u001b[38;5;250m2023-11-01 10:47:57,081\u001b[39m\u001b[38;5;251m \u001b[39m\u001b[38;5;149mINFO \u001b[39m…`,
 * `38;2;r;g;b` in true colour; jboss-logging/jboss-logmanager formatters/ColorPatternFormatter.java,
 * ColorUtil.java): such a line is read without its colour codes, as the other coloured layouts are
 * (the codes are no tokens of the line, SPEC §3).
 */

const NAME = 'quarkus';
const LEVELS = levelSpellings([
  'FATAL',
  'ERROR',
  'WARN',
  'INFO',
  'DEBUG',
  'TRACE',
  'SEVERE',
  'WARNING',
  'CONFIG',
  'FINE',
  'FINER',
  'FINEST',
]);
const JUL_ONLY = new Set(['SEVERE', 'CONFIG', 'FINE', 'FINER', 'FINEST']);
const MAX_LEVEL = 7; // WARNING
// A category (`%c{3.}` abbreviates it, a custom `%c` does not) and a thread's name are short.
const MAX_CATEGORY = 256;
const MAX_THREAD = 256;

export const quarkus: TextFormat = {
  name: NAME,
  parse(line) {
    // Only a line that starts with ESC pays for stripping.
    return parseLayout(line.charCodeAt(0) === 0x1b ? stripAnsi(line) : line);
  },
};

/** The console pattern's head, on a line without colour codes. */
function parseLayout(line: string): ParsedLine | undefined {
  const c = line.charCodeAt(0);
  if (c < 0x30 || c > 0x39) return undefined;
  let i = dateTimeEnd(line, 0);
  if (i < 0) i = timeEnd(line, 0);
  if (i < 0 || line.charCodeAt(i) !== 0x20) return undefined;
  i++;
  const levelEnd = line.indexOf(' ', i);
  if (levelEnd < 0 || levelEnd - i > MAX_LEVEL) return undefined;
  const level = line.slice(i, levelEnd);
  const levelname = LEVELS.get(level);
  if (levelname === undefined) return undefined;
  i = skipSpaces(line, levelEnd);
  if (line.charCodeAt(i) !== 0x5b /* [ */) return undefined;
  const categoryEnd = line.indexOf('] (', i + 1);
  if (categoryEnd < 0 || categoryEnd - i > MAX_CATEGORY) return undefined;
  const category = line.slice(i + 1, categoryEnd);
  if (category === '' || category.includes(' ')) return undefined;
  const threadStart = categoryEnd + 3;
  // Thread names may hold spaces and parentheses (`Quarkus Main Thread`): `) ` ends them, or
  // `)` at the end of a line with no message.
  let threadEnd = line.indexOf(') ', threadStart);
  if (threadEnd < 0 && line.endsWith(')')) threadEnd = line.length - 1;
  if (threadEnd < 0 || threadEnd - threadStart > MAX_THREAD) return undefined;
  const thread = line.slice(threadStart, threadEnd);
  const { message, exc_info } = splitStack(line.slice(Math.min(line.length, threadEnd + 2)));
  const fields: Record<string, unknown> = { thread };
  // SEVERE, CONFIG and FINE* are no level names: the line's own word is kept beside the level.
  if (JUL_ONLY.has(level)) fields.severity = level;
  return { message, levelname, name: category, exc_info, fields };
}
