/**
 * Splitting a multi-line text message into the message and its stack (SPEC §3: `message`
 * never carries the stack). Line-by-line scans with `startsWith` / `indexOf`, no backtracking
 * regular expressions, so every function here is linear in the length of its input.
 *
 * Stack shapes, each checked against the code that prints it:
 * - Python: `Traceback (most recent call last):` then `  File "…", line N, in f` frames
 *   (CPython Lib/traceback.py, `StackSummary.format`); `stack_info=True`'s `Stack (most recent
 *   call last):` and the frames of `traceback.print_stack`, which `logging.Formatter.format`
 *   appends last, after the message and after the traceback of `exc_info` (CPython
 *   Lib/logging/__init__.py, `Logger.findCaller`, `Formatter.format`, `formatStack`).
 * - Node.js / V8: `Error: msg` then `    at f (file:1:2)` frames (V8 `Error.prototype.stack`).
 * - Java: `java.lang.X: msg` then `\tat pkg.Cls.m(File.java:1)`, `Caused by: …`, `\t... N more`
 *   (OpenJDK `Throwable.printStackTrace`).
 * - .NET: `System.X: msg` then `   at Ns.Cls.M() in /f.cs:line 1`, ` ---> System.Y: inner`,
 *   `--- End of inner exception stack trace ---` (`Exception.ToString()`).
 */

import { isDigit, isWordChar } from './scan.js';

export interface MessageAndStack {
  message: string;
  exc_info?: string | undefined;
  /**
   * `true` when `exc_info` holds no exception: only where the line was logged from (Python's
   * `stack_info`), or Python's `NoneType: None` (`exc_info` asked for with none being handled).
   * It says nothing of the line's level.
   */
  noException?: true;
}

export const PY_TRACEBACK = 'Traceback (most recent call last):';
/** The head of `logger.info(…, stack_info=True)`'s block (CPython `Logger.findCaller`). */
export const PY_STACK = 'Stack (most recent call last):';
const PY_FRAME = '  File "';
const PY_GROUP_TRACEBACK = '+ Exception Group Traceback (most recent call last):';
/**
 * What `logging` appends for `exc_info` when no exception is being handled
 * (`logger.exception(…)` outside an `except` block, `exc_info=True`): `sys.exc_info()` is
 * `(None, None, None)` and `traceback.print_exception` prints the type and value of `None`
 * (CPython Lib/logging/__init__.py `Formatter.formatException`, Lib/traceback.py). It is the
 * record's exception part: python-json-logger writes it as `"exc_info": "NoneType: None"`, and
 * awslambdaric's JSON formatter as `errorType: NoneType`, `errorMessage: None`.
 */
export const PY_NO_EXCEPTION = 'NoneType: None';

/** Lines of a message; Lambda's runtimes use `\r` as well as `\n` between them. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** True when `text` holds more than one line. */
export function isMultiLine(text: string): boolean {
  return text.includes('\n') || text.includes('\r');
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0xa0;
}

/**
 * A frame of a V8, Java or .NET stack: indentation, then `at ` (`    at f (x.js:1:2)`,
 * `\tat a.B.c(B.java:3)`, `   at N.C.M() in f.cs:line 4`), or Java's `\t... 12 more`.
 */
export function isAtFrame(line: string): boolean {
  let i = 0;
  while (i < line.length && isSpace(line.charCodeAt(i))) i++;
  if (i === 0) return false;
  return line.startsWith('at ', i) || (line.startsWith('... ', i) && line.endsWith(' more'));
}

function isIdentifierChar(code: number): boolean {
  return isWordChar(code) || code === 0x24 /* $ */ || code === 0x2e; /* . */
}

/**
 * Where an exception's own line starts inside `line` (`Error: boom`, `TypeError: x`,
 * `java.lang.IllegalStateException: y`, `Caused by:` excluded), or -1. Used to split
 * `console.error('Failed to charge', err)` = `Failed to charge Error: boom` into the message
 * and the exception line. The exception name is a dotted identifier ending in `Error` or
 * `Exception`, followed by `:` or the end of the line.
 */
export function exceptionStart(line: string): number {
  // Candidates end at a `:` or at the end of the line; each is checked once, and the walks
  // back over identifiers never overlap (a `:` is no identifier character): linear.
  let end = line.indexOf(':');
  for (;;) {
    const stop = end < 0 ? line.length : end;
    if (line.endsWith('Error', stop) || line.endsWith('Exception', stop)) {
      let start = stop;
      while (start > 0 && isIdentifierChar(line.charCodeAt(start - 1))) start--;
      const boundary = start === 0 || isSpace(line.charCodeAt(start - 1));
      if (boundary && start < stop && !isDigitOrDot(line.charCodeAt(start))) return start;
    }
    if (end < 0) return -1;
    end = line.indexOf(':', end + 1);
  }
}

/**
 * For a record of several lines whose last line carries a closing mark (Kafka's ` (logger)`,
 * ActiveMQ's ` | logger | thread`) and that may be followed by a stack: the first line from
 * `from` on that `closes` accepts and that ends the text or is followed by a stack, with its end
 * and the stack after it (`\r\n` as `\n`, `undefined` when none); `undefined` when no line does.
 */
export function closingLine<T>(
  text: string,
  from: number,
  closes: (start: number, end: number) => T | undefined,
): { closed: T; end: number; stack: string | undefined } | undefined {
  for (let start = from; start <= text.length;) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const closed = closes(start, end);
    if (closed !== undefined && (nl < 0 || opensStack(text, nl + 1))) {
      const stack =
        nl < 0
          ? ''
          : text
              .slice(nl + 1)
              .replace(/\r\n?/g, '\n')
              .trimEnd();
      return { closed, end, stack: stack === '' ? undefined : stack };
    }
    if (nl < 0) return undefined;
    start = nl + 1;
  }
  return undefined;
}

/**
 * True when the line of `text` at `start` opens a stack (an exception's line or a frame): where a
 * multi-line message ends and its throwable begins (Kafka's and ActiveMQ's layouts).
 */
function opensStack(text: string, start: number): boolean {
  const nl = text.indexOf('\n', start);
  const line = text.slice(start, nl < 0 ? text.length : nl).replace(/\r$/, '');
  return exceptionStart(line) === 0 || isAtFrame(line);
}

function isDigitOrDot(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || code === 0x2e;
}

// How far above the first frame the exception's line is looked for (multi-line messages).
const MAX_HEADER_LOOKBACK = 20;

/**
 * Finds a Python traceback, a V8 / Java / .NET stack in `text`: the lines before it are the
 * message, the stack (with its exception line) is `exc_info`, lines joined with `\n`.
 */
export function splitStack(text: string): MessageAndStack {
  if (!isMultiLine(text)) return { message: text };
  const lines = splitLines(text);
  const callStack = lines.indexOf(PY_STACK);
  if (callStack >= 0 && (lines[callStack + 1] ?? '').startsWith(PY_FRAME))
    return splitCallStack(lines, callStack);
  const traceback = lines.indexOf(PY_TRACEBACK);
  // A V8 / Java / .NET stack above a Python traceback opens the stack: the traceback is part of it.
  if (traceback >= 0 && !lines.slice(1, traceback).some(isAtFrame)) {
    const message = joinTrimmed(lines, 0, traceback);
    const stack = joinTrimmed(lines, traceback, lines.length);
    // A bare `raise` logged with no message of its own: the exception's last line says it all.
    if (message === '') return { message: lastNonEmpty(lines), exc_info: stack };
    // The python2.7 / 3.6 runtime's uncaught error: `'id': KeyError` (message: type) above the
    // traceback, whose last line `KeyError: 'id'` is the same error as Python prints it.
    const last = lastNonEmpty(lines);
    return { message: isSwappedHeadline(message, last) ? last : message, exc_info: stack };
  }
  let firstFrame = -1;
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (isAtFrame(line)) {
      firstFrame = i;
      break;
    }
    // The test costs one `endsWith` per line of a multi-line message with no stack of these.
    if (traceback < 0 && line.endsWith(PY_GROUP_TRACEBACK)) return splitGroupTraceback(lines, i);
  }
  if (firstFrame < 0) {
    if (traceback < 0 && (lines[0] ?? '').endsWith(PY_GROUP_TRACEBACK)) return splitGroupTraceback(lines, 0);
    if (traceback < 0) return splitNoException(lines, text);
    return { message: text };
  }
  // The exception's own line (`Error: boom`, `java.lang.IllegalStateException: boom`) opens
  // the stack; text above it is the message.
  let head = firstFrame - 1;
  for (let i = head; i >= 0 && i >= firstFrame - MAX_HEADER_LOOKBACK; i--) {
    const line = lines[i] ?? '';
    if (exceptionStart(line) >= 0) {
      head = i;
      // .NET's ` ---> Inner: msg` and Java's `Caused by: X` continue the stack of an outer
      // exception line above them: that one opens the stack.
      if (!isNestedExceptionLine(line)) break;
    }
  }
  const headLine = lines[head] ?? '';
  const at = exceptionStart(headLine);
  // V8's source excerpt of a SyntaxError (`/var/task/index.js:1`, the line, `^^^^^^`) is part of
  // the error's printout: it goes with the stack, and the error's line is the message.
  if (
    at === 0 &&
    head >= 3 &&
    isCaretLine(lines[head - 1] ?? '') &&
    isSourcePosition(lines[head - 3] ?? '')
  ) {
    const message = joinTrimmed(lines, 0, head - 3);
    return {
      message: message === '' ? headLine.trim() : message,
      exc_info: joinTrimmed(lines, head - 3, lines.length),
    };
  }
  const before = joinTrimmed(lines, 0, head);
  if (at > 0) {
    const nested = splitNestedError(lines, head, at);
    if (nested !== undefined) return nested;
    // `Failed to charge Error: boom` (console.error with a message and an error).
    const lead = headLine.slice(0, at).trimEnd();
    // An indented exception line (`\tjava.lang.X: boom`, Tomcat's) has no message part.
    const message = before === '' ? lead : lead === '' ? before : `${before}\n${lead}`;
    const stack = `${headLine.slice(at)}\n${joinTrimmed(lines, head + 1, lines.length)}`.trimEnd();
    return { message, exc_info: stack };
  }
  const stack = joinTrimmed(lines, head, lines.length);
  return { message: before === '' ? headLine.trim() : before, exc_info: stack };
}

/**
 * Python's `stack_info` block, from `start` to the end (`Formatter.format` writes it last): it
 * joins exc_info after what the text before it holds (the traceback of `exc_info=True`, in the
 * order Python writes them); that text, split on its own, gives the message.
 */
function splitCallStack(lines: readonly string[], start: number): MessageAndStack {
  const stack = joinTrimmed(lines, start, lines.length);
  const before = splitStack(joinTrimmed(lines, 0, start));
  if (before.exc_info === undefined) return { message: before.message, exc_info: stack, noException: true };
  return {
    message: before.message,
    exc_info: `${before.exc_info}\n${stack}`,
    ...(before.noException === true ? { noException: true } : {}),
  };
}

/**
 * A message whose last line is {@link PY_NO_EXCEPTION}: that line is exc_info, the lines above it
 * the message (as python-json-logger splits the same record). Any other text is the message.
 */
function splitNoException(lines: readonly string[], text: string): MessageAndStack {
  let last = lines.length - 1;
  while (last > 0 && (lines[last] ?? '').trim() === '') last--;
  if (last < 1 || (lines[last] ?? '').trimEnd() !== PY_NO_EXCEPTION) return { message: text };
  return { message: joinTrimmed(lines, 0, last), exc_info: PY_NO_EXCEPTION, noException: true };
}

/**
 * Python 3.11+ prints an exception group as `  + Exception Group Traceback (most recent call
 * last):`, its frames and sub-exceptions behind `  | ` and `  +-+---- 1 ----` rules (CPython
 * Lib/traceback.py, `TracebackException.format` for `ExceptionGroup`). From that line on is the
 * stack; the text before it the message, else the group's own `ExceptionGroup: msg (n
 * sub-exceptions)` line.
 */
function splitGroupTraceback(lines: readonly string[], start: number): MessageAndStack {
  const exc_info = joinTrimmed(lines, start, lines.length);
  const message = joinTrimmed(lines, 0, start);
  if (message !== '') return { message, exc_info };
  for (let i = start + 1; i < lines.length; i++) {
    const line = (lines[i] ?? '').trimStart();
    // `| ExceptionGroup: …`, not a frame (`|   File …`) nor a rule (`+-+----`).
    if (line.startsWith('| ') && !isSpace(line.charCodeAt(2)))
      return { message: line.slice(2).trim(), exc_info };
  }
  return { message: (lines[start] ?? '').trim(), exc_info };
}

/** `^^^^^^` (with leading blanks): V8's marker under the offending source text. */
function isCaretLine(line: string): boolean {
  const marker = line.trim();
  if (marker === '') return false;
  for (let i = 0; i < marker.length; i++) if (marker.charCodeAt(i) !== 0x5e /* ^ */) return false;
  return true;
}

/** `/var/task/index.js:1` or `file:///var/task/index.mjs:12`: a path ending in `:<line>`. */
function isSourcePosition(line: string): boolean {
  const colon = line.lastIndexOf(':');
  if (colon <= 0 || colon === line.length - 1 || line.includes(' ')) return false;
  for (let i = colon + 1; i < line.length; i++) if (!isDigit(line.charCodeAt(i))) return false;
  return line.includes('/');
}

/**
 * `console.error({ msg, err })`: util.inspect writes the error inside the object, `  err: Error:
 * boom`, its frames indented under it, then the object goes on (`}`). The object is the message,
 * with the error's line kept in it; the error's line and frames are exc_info. Only for a text that
 * opens an object or array and holds one stack: otherwise `undefined` (split as before).
 */
function splitNestedError(lines: readonly string[], head: number, at: number): MessageAndStack | undefined {
  const first = (lines[0] ?? '').charCodeAt(0);
  if (first !== 0x7b /* { */ && first !== 0x5b /* [ */) return undefined;
  let end = head + 1;
  while (end < lines.length && isAtFrame(lines[end] ?? '')) end++;
  if (end === lines.length) return undefined;
  for (let i = end; i < lines.length; i++) if (isAtFrame(lines[i] ?? '')) return undefined;
  const headLine = lines[head] ?? '';
  // The frames' trailing `,` (util.inspect's separator before the next key) is the object's.
  const frames = joinTrimmed(lines, head + 1, end);
  const comma = frames.endsWith(',');
  const kept = [...lines.slice(0, head), comma ? `${headLine},` : headLine, ...lines.slice(end)];
  return {
    message: kept.join('\n').trimEnd(),
    exc_info: `${headLine.slice(at)}\n${comma ? frames.slice(0, -1) : frames}`,
  };
}

/** `'id': KeyError` above a traceback that ends in `KeyError: 'id'`. */
function isSwappedHeadline(message: string, last: string): boolean {
  const colon = last.indexOf(': ');
  if (colon <= 0 || message.length !== last.length) return false;
  const type = last.slice(0, colon);
  return message.endsWith(`: ${type}`) && message.startsWith(last.slice(colon + 2));
}

function isNestedExceptionLine(line: string): boolean {
  const start = line.trimStart();
  return start.startsWith('---> ') || start.startsWith('Caused by: ');
}

function joinTrimmed(lines: readonly string[], from: number, to: number): string {
  return lines.slice(from, to).join('\n').trimEnd();
}

function lastNonEmpty(lines: readonly string[]): string {
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]?.trim();
    if (line !== undefined && line !== '') return line;
  }
  return '';
}
