import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { isMonthAt, matchShape, timeEnd } from './scan.js';
import { exceptionStart, splitStack, type MessageAndStack } from './stacks.js';

/**
 * Tomcat's console log (catalina.out / stdout in the official image), JULI's `OneLineFormatter`:
 * `dd-MMM-yyyy HH:mm:ss.SSS LEVEL [thread] source.method message` →
 * `01-Jan-2024 00:00:00.000 SEVERE [main] org.apache.catalina.startup.Catalina.start Failed`.
 * The source (class and method) is the record's `name`, the thread `thread`; a stack trace after
 * the message moves to exc_info. java.util.logging levels: SEVERE → ERROR, WARNING, INFO and
 * CONFIG → INFO, FINE/FINER/FINEST → DEBUG (a word that is no level name kept as `severity`).
 * Checked against apache/tomcat java/org/apache/juli/OneLineFormatter.java (`format`,
 * `DEFAULT_TIME_FORMAT` `dd-MMM-yyyy HH:mm:ss.SSS`).
 */

const NAME = 'tomcat';
const LEVELS = levelSpellings(['SEVERE', 'WARNING', 'INFO', 'CONFIG', 'FINE', 'FINER', 'FINEST']);

/**
 * `WebappClassLoaderBase.clearReferencesThreads`' warning about a thread a web application left
 * running ends with `Stack trace of thread:` and the thread's frames, one a line after a space
 * (`\n java.base@17.0.2/jdk.internal.misc.Unsafe.park(Native Method)`; apache/tomcat
 * `WebappClassLoaderBase.getStackTrace`, message key `webappClassLoader.stackTrace`): those frames
 * are the record's exc_info, without that space.
 */
const THREAD_STACK = 'Stack trace of thread:\n ';

/**
 * The message and the throwable after it. `OneLineFormatter` prints the throwable through its
 * `IndentingPrintWriter`, a tab before every line (`\tjava.lang.X: boom`, `\t\tat a.B.c(B.java:1)`):
 * the first such line that opens an exception starts the stack, which is kept as
 * `printStackTrace` wrote it, without that one tab. Other shapes are split as any stack is.
 */
function splitThrown(text: string): MessageAndStack {
  const threadStack = text.indexOf(THREAD_STACK);
  if (threadStack >= 0) {
    const frames = text
      .slice(threadStack + THREAD_STACK.length - 1)
      .trimEnd()
      .split(/\r?\n/);
    if (frames.every((frame) => frame.startsWith(' ') && frame.length > 1)) {
      return {
        message: text.slice(0, threadStack + THREAD_STACK.length - 2),
        exc_info: frames.map((frame) => frame.slice(1)).join('\n'),
      };
    }
  }
  for (let nl = text.indexOf('\n\t'); nl >= 0; nl = text.indexOf('\n\t', nl + 1)) {
    if (exceptionStart(text.slice(nl + 2, text.indexOf('\n', nl + 2) >>> 0)) !== 0) continue;
    const message = text.slice(0, nl).trimEnd();
    const lines = text
      .slice(nl + 1)
      .trimEnd()
      .split(/\r?\n/);
    const exc_info = lines.map((l) => (l.charCodeAt(0) === 0x09 ? l.slice(1) : l)).join('\n');
    return { message, exc_info };
  }
  return splitStack(text);
}

export const tomcat: TextFormat = {
  name: NAME,
  parse(line) {
    // `01-Nov-2023 `
    if (!matchShape(line, 0, 'dd-') || !isMonthAt(line, 3) || !matchShape(line, 6, '-dddd '))
      return undefined;
    let i = timeEnd(line, 12);
    if (i < 0 || line.charCodeAt(i) !== 0x20) return undefined;
    i++;
    const levelStart = i;
    const levelEnd = line.indexOf(' ', i);
    if (levelEnd < 0 || levelEnd - i > 7) return undefined;
    const levelname = LEVELS.get(line.slice(i, levelEnd));
    if (levelname === undefined || line.charCodeAt(levelEnd + 1) !== 0x5b /* [ */) return undefined;
    // Thread names may hold spaces and brackets (`[http-nio-8080-exec-1]`); `] ` ends them.
    const threadEnd = line.indexOf('] ', levelEnd + 2);
    if (threadEnd < 0 || threadEnd - levelEnd > 256) return undefined;
    const thread = line.slice(levelEnd + 2, threadEnd);
    i = threadEnd + 2;
    let sourceEnd = i;
    while (sourceEnd - i < 512 && sourceEnd < line.length) {
      const ch = line.charCodeAt(sourceEnd);
      if (ch === 0x20 || ch === 0x0a || ch === 0x0d) break;
      sourceEnd++;
    }
    if (sourceEnd === i) return undefined;
    const source = line.slice(i, sourceEnd);
    const { message, exc_info } = splitThrown(line.slice(sourceEnd + 1));
    const level = line.slice(levelStart, levelEnd);
    const fields: Record<string, unknown> = { thread };
    // SEVERE, CONFIG and FINE* are no level names: the line's own word is kept beside the level.
    if (level !== levelname) fields.severity = level;
    return { message, levelname, name: source, exc_info, fields };
  },
};
