import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { dateTimeEnd, isDigit, wordEnd } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * What C++ functions on a custom runtime (`provided.al2023`) print, unprefixed:
 * - the C++ runtime's own log (`aws::logging::log_error` / `log_info` / `log_debug`):
 *   `[ERROR] [1546927863202] LAMBDA_RUNTIME Failed to get next invocation. …`, the level, the
 *   epoch milliseconds in brackets, the tag, the message (`lambda-cpp`);
 * - the AWS SDK for C++ (`ConsoleLogSystem`, a `FormattedLogSystem`): `[INFO] 2021-04-21
 *   10:31:29.855 Aws_Init_Cleanup [140060645824192] Initiate AWS SDK for C++ …`, the level, the
 *   time, the tag, the thread id in brackets, the message (`aws-sdk-cpp`).
 * The tag is the name; the time is kept as `time` (the record's own is CloudWatch's), the thread
 * as `thread`. Both start like the Java runtime's `[LEVEL] ` lines, so they are tried before it.
 * Checked against awslabs/aws-lambda-cpp src/logging.cpp (`get_prefix`, `printf("%s [%lld] %s
 * %s\n")`) and aws/aws-sdk-cpp src/aws-cpp-sdk-core/source/utils/logging/FormattedLogSystem.cpp
 * (`CreateLogPrefixLine`).
 */

const RUNTIME_LEVELS = levelSpellings(['ERROR', 'INFO', 'DEBUG']);
const SDK_LEVELS = levelSpellings(['FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']);
// `[ERROR] ` … `[FATAL] `: the longest bracketed level.
const MAX_CLOSE = 6;
// A tag is a short identifier (`LAMBDA_RUNTIME`, `CurlHttpClient`).
const MAX_TAG = 128;

function digitsEnd(line: string, start: number): number {
  let i = start;
  while (isDigit(line.charCodeAt(i))) i++;
  return i;
}

/** The tag at `at`, then the message: the rest of a C++ runtime line. */
function tagged(
  line: string,
  at: number,
  levelname: ParsedLine['levelname'],
  time: string,
): ParsedLine | undefined {
  const tagEnd = wordEnd(line, at, MAX_TAG);
  if (tagEnd === at || line.charCodeAt(tagEnd) !== 0x20) return undefined;
  const { message, exc_info } = splitStack(line.slice(tagEnd + 1));
  return {
    message,
    levelname,
    name: line.slice(at, tagEnd),
    exc_info,
    fields: { time },
    format: 'lambda-cpp',
  };
}

/** `[ERROR] [1546927863202] LAMBDA_RUNTIME msg`, `close` the level's `]`. */
function parseRuntime(line: string, close: number): ParsedLine | undefined {
  const levelname = RUNTIME_LEVELS.get(line.slice(1, close));
  const timeEnd = digitsEnd(line, close + 3);
  if (levelname === undefined || timeEnd === close + 3 || !line.startsWith('] ', timeEnd)) return undefined;
  const time = line.slice(close + 3, timeEnd);
  return tagged(line, timeEnd + 2, levelname, time);
}

/** `[INFO] 2021-04-21 10:31:29.855 Tag [140060645824192] msg`. */
function parseSdk(line: string, close: number): ParsedLine | undefined {
  const levelname = SDK_LEVELS.get(line.slice(1, close));
  const timeEnd = levelname === undefined ? -1 : dateTimeEnd(line, close + 2);
  if (levelname === undefined || timeEnd < 0 || line.charCodeAt(timeEnd) !== 0x20) return undefined;
  const tagStart = timeEnd + 1;
  const tagEnd = wordEnd(line, tagStart, MAX_TAG);
  if (tagEnd === tagStart || !line.startsWith(' [', tagEnd)) return undefined;
  const threadEnd = digitsEnd(line, tagEnd + 2);
  if (threadEnd === tagEnd + 2 || !line.startsWith('] ', threadEnd)) return undefined;
  const { message, exc_info } = splitStack(line.slice(threadEnd + 2));
  return {
    message,
    levelname,
    name: line.slice(tagStart, tagEnd),
    exc_info,
    fields: { time: line.slice(close + 2, timeEnd), thread: line.slice(tagEnd + 2, threadEnd) },
    format: 'aws-sdk-cpp',
  };
}

export const cppRuntime: TextFormat = {
  name: 'lambda-cpp',
  parse(line) {
    if (line.charCodeAt(0) !== 0x5b /* [ */) return undefined;
    const close = line.indexOf(']', 1);
    if (close < 4 || close > MAX_CLOSE || line.charCodeAt(close + 1) !== 0x20) return undefined;
    const next = line.charCodeAt(close + 2);
    if (next === 0x5b /* [ */) return parseRuntime(line, close);
    return isDigit(next) ? parseSdk(line, close) : undefined;
  },
};
