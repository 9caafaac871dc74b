import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { envelope, requestIdBefore, timeAndRequestIdEnd } from './envelope.js';
import { parseLambdaErrorPayload } from './lambdaErrorPayload.js';
import { isDigit } from './scan.js';

/**
 * The Node.js runtime's text lines: `<ISO time>\t<request id>\t<LEVEL>\t<message>`, where the
 * level is the console method's: TRACE (console.trace), DEBUG, INFO (console.log / info), WARN,
 * ERROR, FATAL (console.fatal); the request id is `undefined` outside an invocation. Written to
 * the telemetry fd a multi-line message keeps its `\n`; written to stdout (older runtimes,
 * `invoke local` emulators) `\n` becomes `\r`. Uncaught errors are
 * `Invoke Error \t{"errorType",…,"stack":[…]}`, `Uncaught Exception \t{…}` and
 * `Unhandled Promise Rejection \t{…,"reason":{…},"promise":{}}` (console.error(msg, '\t' + JSON)).
 * `console.error('Failed', err)` prints `Failed Error: boom\n    at …`: the message is `Failed`,
 * the stack (from `Error: boom`) goes to exc_info.
 * Checked against aws-lambda-nodejs-runtime-interface-client src/LogPatch.js (`logTextToStdout`,
 * `logTextToFd`, `_patchConsoleWith`) and src/Errors.js (`toFormatted`).
 */

// Exactly the names LogPatch.js writes; .NET's lower-case labels are dotnetRuntime's.
const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']);

const NAME = 'lambda-nodejs';

const ERROR_KINDS = ['Invoke Error', 'Uncaught Exception', 'Unhandled Promise Rejection'];

export const nodeRuntime: TextFormat = {
  name: NAME,
  parse(line, context) {
    const idEnd = timeAndRequestIdEnd(line, 0);
    if (idEnd < 0) return undefined;
    const levelEnd = line.indexOf('\t', idEnd + 1);
    if (levelEnd < 0 || levelEnd - idEnd > 6) return undefined;
    const levelText = line.slice(idEnd + 1, levelEnd);
    const level = LEVELS.get(levelText);
    if (level === undefined) return undefined;
    const requestId = requestIdBefore(line, idEnd);
    const body = line.slice(levelEnd + 1);

    for (const kind of ERROR_KINDS) {
      if (body.startsWith(kind)) {
        const tab = body.indexOf('\t', kind.length);
        if (tab >= 0 && tab - kind.length <= 2) {
          // Pretty-printed JSON starts on the line after the tab (`Invoke Error \t\n{\n    …}`).
          const parsed = parseLambdaErrorPayload(body.slice(tab + 1).trim(), kind);
          if (parsed !== undefined) {
            parsed.aws_request_id = requestId;
            return parsed;
          }
        }
      }
    }
    // Node's warnings go through the patched console.error: `ERROR` is the method, not the level.
    const stated =
      level === 'ERROR' && body.startsWith(PROCESS_WARNING_HEAD) && isProcessWarning(body)
        ? 'WARNING'
        : level;
    return envelope(NAME, context.parseBody(body), stated, requestId, levelText);
  },
};

/** How a line of {@link isProcessWarning} starts: a cheap test before it. */
export const PROCESS_WARNING_HEAD = '(node:';

/**
 * `(node:8) [DEP0005] DeprecationWarning: …`, `(node:10) Warning: …`, `(node:8) NOTE: …` (the AWS
 * SDK v2's `emitWarning` type): what `process.emitWarning` prints, `(<name>:<pid>) [<code>]
 * <type>: <message>`, a type ending in `Warning` or written in capitals. Node writes it with the
 * global console's `error`, which the runtime patched: the text format's `ERROR` line and the
 * JSON format's `"level":"ERROR"` record (lambdaJson.ts) both hold a warning.
 * Checked against nodejs/node lib/internal/process/warning.js (`onWarning`, `writeOut`).
 */
export function isProcessWarning(body: string): boolean {
  let i = PROCESS_WARNING_HEAD.length;
  const pidStart = i;
  while (i < body.length && isDigit(body.charCodeAt(i))) i++;
  if (i === pidStart || !body.startsWith(') ', i)) return false;
  i += 2;
  if (body.charCodeAt(i) === 0x5b /* [ */) {
    const close = body.indexOf('] ', i);
    if (close < 0 || close - i > 20) return false;
    i = close + 2;
  }
  const colon = body.indexOf(': ', i);
  if (colon <= i || colon - i > 40) return false;
  const type = body.slice(i, colon);
  if (!/^[A-Za-z]+$/.test(type)) return false;
  return type.endsWith('Warning') || type === type.toUpperCase();
}
