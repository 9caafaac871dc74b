import { toLevelName } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { envelope, requestIdBefore, timeAndRequestIdEnd } from './envelope.js';
import { PY_TRACEBACK, splitLines } from './stacks.js';

/**
 * The Python runtime's text lines.
 * - The root logger's handler: `[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t
 *   %(message)s\n` (the request id empty outside an invocation); the logger's name is not in the
 *   line. A `logger.exception` traceback follows the message after `\n`.
 * - Uncaught errors (`log_error`): `[ERROR] Type: message`, then `Traceback (most recent call
 *   last):` and the frames of `traceback.format_list`, their leading spaces replaced by NO-BREAK
 *   SPACE (U+00A0), lines joined by `\r` on stdout and by `\n` on the telemetry fd. Init errors
 *   have no frames: `[ERROR] Runtime.ImportModuleError: Unable to import module 'app': …\r
 *   Traceback (most recent call last):`.
 * The prefix's `[%(levelname)s]` is the LogRecord's that carried the line (the runtime's root
 * handler formats it, `LambdaLoggerHandler`); a body that is itself a formatted `logging` line or a
 * JSON record states the level it was logged at, which wins (envelope.ts).
 * exc_info is the traceback as Python prints it: `Traceback (most recent call last):`,
 * indentation back to spaces, the frames (none for a frameless init error), then the
 * `Type: message` line.
 * Checked against aws-lambda-python-runtime-interface-client awslambdaric/bootstrap.py
 * (`_setup_logging`, `log_error`, `replace_line_indentation`, `StandardLogSink`,
 * `FramedTelemetryLogSink`).
 */

const NAME = 'lambda-python';
const NBSP = '\u00a0';

function restoreIndent(line: string): string {
  if (!line.startsWith(NBSP)) return line;
  let n = 0;
  while (line.charCodeAt(n) === 0xa0) n++;
  return ' '.repeat(n) + line.slice(n);
}

function parseUncaught(rest: string): ParsedLine | undefined {
  const lines = splitLines(rest);
  const traceback = lines.indexOf(PY_TRACEBACK);
  if (traceback < 1) return undefined;
  const headline = lines.slice(0, traceback).join('\n').trim();
  const frames: string[] = [];
  for (let i = traceback + 1; i < lines.length; i++) {
    const frame = restoreIndent(lines[i] ?? '');
    if (frame.trim() !== '') frames.push(frame);
  }
  const colon = headline.indexOf(':');
  const errorType = colon > 0 ? headline.slice(0, colon) : headline;
  return {
    message: headline,
    levelname: 'ERROR',
    exc_info: [PY_TRACEBACK, ...frames, headline].join('\n'),
    fields: errorType === '' || errorType.includes(' ') ? undefined : { error_type: errorType },
  };
}

const LEVEL_NUMBER = 'Level ';

/**
 * `logging.log(5, …)` with no name for 5 prints `Level 5` (CPython Lib/logging/__init__.py
 * `getLevelName`): Python's own scale, 10 DEBUG … 50 CRITICAL. Another name says nothing of its rank.
 */
function unnamedLevel(levelText: string): LevelName | undefined {
  if (!levelText.startsWith(LEVEL_NUMBER)) return undefined;
  const n = Number(levelText.slice(LEVEL_NUMBER.length));
  if (!Number.isInteger(n)) return undefined;
  if (n < 20) return 'DEBUG';
  if (n < 30) return 'INFO';
  if (n < 40) return 'WARNING';
  if (n < 50) return 'ERROR';
  return 'CRITICAL';
}

export const pythonRuntime: TextFormat = {
  name: NAME,
  parse(line, context) {
    if (line.charCodeAt(0) !== 0x5b /* [ */) return undefined;
    const close = line.indexOf(']');
    if (close < 2 || close > 20) return undefined;
    const separator = line.charCodeAt(close + 1);
    const levelText = line.slice(1, close);
    if (separator === 0x09 /* \t */) {
      // `[INFO]\t2020-05-11T12:44:44.123Z\t<request id>\t<message>`
      const idEnd = timeAndRequestIdEnd(line, close + 2);
      if (idEnd < 0) return undefined;
      const requestId = requestIdBefore(line, idEnd);
      const level = toLevelName(levelText);
      const parsed = envelope(
        NAME,
        context.parseBody(line.slice(idEnd + 1)),
        level ?? unnamedLevel(levelText),
        requestId,
        levelText,
      );
      // A level of the application's own (`logging.addLevelName(25, 'AUDIT')`, `Level 5`) keeps its
      // spelling; so does the prefix's level when a structured body states another (the body's
      // own `name - ERROR - msg` relayed through `logger.info`: its level is what was logged; see
      // envelope.ts).
      if (level === undefined) parsed.fields = { ...parsed.fields, runtime_level: levelText };
      return parsed;
    }
    // `[ERROR] KeyError: 'x'\rTraceback (most recent call last):\r\u00a0\u00a0File …`
    if (separator === 0x20 && levelText === 'ERROR' && line.includes(PY_TRACEBACK)) {
      const parsed = parseUncaught(line.slice(close + 2));
      if (parsed !== undefined) parsed.format = NAME;
      return parsed;
    }
    return undefined;
  },
};
