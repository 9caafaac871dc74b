import { toLevelName } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { envelope } from './envelope.js';
import { parseLevelFirstLayout } from './log4j2Text.js';
import { isWordChar } from './scan.js';
import { splitLines } from './stacks.js';

/**
 * The Java runtime's own text lines.
 * - `LambdaLogger.log(message, LogLevel)` with a level: `[LEVEL] message` (TRACE DEBUG INFO WARN
 *   ERROR FATAL); without one the message is written as it is (plain text).
 * - An uncaught exception (`UserFault.reportableError`): `message: exception.Class` on the first
 *   line, then the stack as `printStackTrace` writes it: `exception.Class: message`, `\tat …`,
 *   `Caused by: …`, `\t... N more`. The message is the exception's line, exc_info the stack.
 *   An init error's report starts with the runtime's own headline instead (`Class not found:
 *   <class>: java.lang.ClassNotFoundException`, `Error loading class <class>: <message>: <type>`):
 *   that line is the message. A message of several lines, or ending in a line break
 *   (`new RuntimeException("woops\n")`: `woops\n: java.lang.RuntimeException`), is read the same
 *   way; its trailing line breaks are no part of the record's message.
 * - The JVM's own warnings (`OpenJDK 64-Bit Server VM warning: …`): WARNING.
 * - A handler fault with no exception (`Invalid handler: …`, `No public method named …`,
 *   `Class … does not implement …`): the message alone on one line, ERROR.
 *   (The JSON `{"errorMessage","errorType","stackTrace"}` the runtime returns is a JSON line.)
 * Checked against aws/aws-lambda-java-libs aws-lambda-java-runtime-interface-client:
 * api/client/logging/TextLogFormatter.java, api/client/UserFault.java and UserFaultTest.java.
 */

const NAME = 'lambda-java';

// `[LEVEL] ` as TextLogFormatter writes it: the enum names of LogLevel.
const BRACKET_LEVELS = new Set(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);

// `UserFault.makeClassNotFoundUserFault` / `makeInitErrorUserFault`, EventHandlerLoader's
// `Error loading method …`: the handler's class or method.
const INIT_ERROR_HEADLINES = ['Class not found: ', 'Error loading class ', 'Error loading method '];

/**
 * The handler faults with no exception behind them (`UserFault.makeUserFault(msg)`, reported as
 * the message alone): AWSLambda.java `Invalid handler`, EventHandlerLoader.java's `No public
 * method named …`, `Class … does not implement …`. Each is the start of the line and a part it
 * must hold (or `''`).
 */
const HANDLER_FAULTS: readonly (readonly [string, string])[] = [
  ['No public method named ', ' with appropriate method signature found on class '],
  ['Invalid handler: `', ''],
  ['Class does not implement an appropriate handler interface: ', ''],
  ['Class ', ' does not implement RequestHandler with concrete type parameters'],
];

function isHandlerFault(line: string): boolean {
  return HANDLER_FAULTS.some(([head, part]) => line.startsWith(head) && (part === '' || line.includes(part)));
}

function isInitErrorHeadline(said: string): boolean {
  return INIT_ERROR_HEADLINES.some((headline) => said.startsWith(headline));
}

const VM_WARNING = ' VM warning: ';
// `OpenJDK 64-Bit Server VM`, `Java HotSpot(TM) 64-Bit Server VM`: the VM's name is short.
const MAX_VM_NAME = 48;

/**
 * `OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes …`: the
 * JVM's own warning on stderr (OpenJDK src/hotspot/share/utilities/debug.cpp `warning()`, `"%s
 * warning: "` with `VM_Version::vm_name()`), printed when an agent layer appends to the boot
 * classpath, for deprecated options, …
 */
function isVmWarning(line: string): boolean {
  const at = line.lastIndexOf(VM_WARNING, MAX_VM_NAME);
  if (at < 0) return false;
  const vm = line.slice(0, at);
  return (
    (vm.startsWith('OpenJDK ') || vm.startsWith('Java HotSpot(TM) ')) &&
    (vm.endsWith(' Server') || vm.endsWith(' Client'))
  );
}

/**
 * The JVM's and the `java` launcher's own fatal lines on stderr, before or instead of the
 * program's: the launcher's `Error: Could not find or load main class X` (and its `Caused by:
 * java.lang.ClassNotFoundException: X` line, OpenJDK launcher.properties `java.launcher.cls.error1`),
 * `Error: Unable to access jarfile …`, `Error: Could not create the Java Virtual Machine.`;
 * HotSpot's `-XX:+ExitOnOutOfMemoryError` / `CrashOnOutOfMemoryError` exits (debug.cpp
 * `report_java_out_of_memory`: `Terminating due to java.lang.OutOfMemoryError: Java heap space`)
 * and `Exception: java.lang.OutOfMemoryError thrown from the UncaughtExceptionHandler in thread
 * "main"` (a handler that failed too, thread.cpp). Each is a runtime crash: ERROR.
 */
const JVM_FATAL_HEADS = [
  'Error: Could not find or load main class ',
  'Error: Unable to initialize main class ',
  'Error: Unable to access jarfile ',
  'Error: Could not create the Java Virtual Machine.',
  'Error: A fatal exception has occurred. Program will exit.',
  'Error: A JNI error has occurred',
  'Error occurred during initialization of VM',
  'Terminating due to java.lang.OutOfMemoryError',
  'Aborting due to java.lang.OutOfMemoryError',
];
const UNCAUGHT_HANDLER = ' thrown from the UncaughtExceptionHandler in thread "';
const CAUSED_BY = 'Caused by: ';

function isJvmFatal(line: string): boolean {
  const c = line.charCodeAt(0);
  if (c !== 0x45 /* E */ && c !== 0x54 /* T */ && c !== 0x41 /* A */) return false;
  if (line.startsWith('Exception: ')) {
    const end = line.indexOf('\n');
    const at = line.indexOf(UNCAUGHT_HANDLER, 11);
    return at > 11 && (end < 0 || at < end);
  }
  return JVM_FATAL_HEADS.some((head) => line.startsWith(head));
}

/** The fatal line is the message; a `Caused by:` line under it (the launcher's) is exc_info. */
function parseJvmFatal(line: string): ParsedLine {
  const lines = splitLines(line);
  const cause = lines.findIndex((l, k) => k > 0 && l.startsWith(CAUSED_BY));
  if (cause < 0) return { message: line, levelname: 'ERROR', format: NAME };
  return {
    message: lines.slice(0, cause).join('\n').trimEnd(),
    levelname: 'ERROR',
    exc_info: lines.slice(cause).join('\n').trimEnd(),
    format: NAME,
  };
}

// How many lines of an exception's message are looked through for the report's `: <type>` line.
const MAX_MESSAGE_LINES = 20;

function isClassNameChar(code: number): boolean {
  return isWordChar(code) || code === 0x2e /* . */ || code === 0x24; /* $ */
}

/**
 * `reportableError()`'s `${msg}: ${type}\n${trace}`: the first line break after which a class
 * name (dotted) opens a line and the line before it ends in `: ` and that name. The message may
 * span lines, or end in a line break (`: java.lang.X` on a line of its own). Each line costs the
 * class name at its start: linear.
 */
function reportHead(line: string): { said: string; type: string; rest: string } | undefined {
  let br = line.indexOf('\n');
  for (let n = 0; br >= 0 && n < MAX_MESSAGE_LINES; n++) {
    const start = br + 1;
    let end = start;
    let dotted = false;
    for (; end < line.length; end++) {
      const c = line.charCodeAt(end);
      if (!isClassNameChar(c)) break;
      if (c === 0x2e /* . */) dotted = true;
    }
    // The name is `: `-prefixed at the end of the line before: tested before anything is sliced.
    const colon = br - (end - start) - 2;
    if (dotted && colon >= 0 && line.charCodeAt(colon) === 0x3a && line.charCodeAt(colon + 1) === 0x20) {
      const type = line.slice(start, end);
      if (line.endsWith(type, br)) return { said: line.slice(0, colon), type, rest: line.slice(start) };
    }
    br = line.indexOf('\n', start);
  }
  return undefined;
}

function trimLineBreaks(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 0x0a || text.charCodeAt(end - 1) === 0x0d)) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** `text` starts with `head`, followed by a line break or nothing. */
function endsAtLineBreak(text: string, head: string): boolean {
  if (!text.startsWith(head)) return false;
  const c = text.charCodeAt(head.length);
  return Number.isNaN(c) || c === 0x0a || c === 0x0d;
}

export const javaRuntime: TextFormat = {
  name: NAME,
  parse(line, context) {
    if (line.charCodeAt(0) === 0x5b /* [ */) {
      const close = line.indexOf('] ');
      if (close < 4 || close > 6 || !BRACKET_LEVELS.has(line.slice(1, close))) return undefined;
      // `[ERROR] 2021-07-10 17:06:19.398 [main] App - msg`: Log4j 2's `[%-5level] %d [%t] %c - %m`
      // layout, whose five-letter levels need no padding, not the runtime's prefix around a date.
      const c = line.charCodeAt(close + 2);
      if (c >= 0x30 && c <= 0x39) {
        const layout = parseLevelFirstLayout(line);
        if (layout !== undefined) return layout;
      }
      return envelope(
        NAME,
        context.parseBody(line.slice(close + 2)),
        toLevelName(line.slice(1, close)),
        undefined,
        line.slice(1, close),
      );
    }
    if (isJvmFatal(line)) return parseJvmFatal(line);
    // `woops: java.lang.RuntimeException\njava.lang.RuntimeException: woops\n\tat …`
    if (line.indexOf('\n') < 0) {
      const c = line.charCodeAt(0);
      if ((c === 0x4e /* N */ || c === 0x49 /* I */ || c === 0x43) /* C */ && isHandlerFault(line))
        return { message: line, levelname: 'ERROR', format: NAME };
      if ((c === 0x4f /* O */ || c === 0x4a) /* J */ && isVmWarning(line))
        return { message: line, levelname: 'WARNING', format: NAME };
      return undefined;
    }
    const head = reportHead(line);
    if (head === undefined) return undefined;
    const { type, rest } = head;
    // The message's own trailing line breaks (`new RuntimeException("woops\n")`) are no part of it.
    const said = trimLineBreaks(head.said);
    // The first line is the exception's line swapped (`msg: Type` above `Type: msg`), nothing
    // else: it says no more than the stack, so the stack's own line is the message. Anything in
    // front of it (another runtime's prefix) means this is not the Java runtime's report.
    const restFirst = rest.slice(0, Math.max(0, rest.search(/\r|\n|$/)));
    const swapped =
      endsAtLineBreak(rest, `${type}: ${said}`) ||
      // No message: `makeUserFault` puts the class name in its place (older runtimes `null`).
      (restFirst === type && (said === type || said === 'null' || said === ''));
    // An init error's report names the class it could not load: its own headline is the message.
    const initError =
      !swapped && isInitErrorHeadline(said) && (restFirst === type || restFirst.startsWith(`${type}: `));
    if (!swapped && !initError) return undefined;
    const exc_info = splitLines(rest).join('\n').trimEnd();
    return {
      message: initError ? `${said}: ${type}` : restFirst === type ? type : `${type}: ${said}`,
      levelname: 'ERROR',
      exc_info,
      fields: { error_type: type },
      format: NAME,
    };
  },
};
