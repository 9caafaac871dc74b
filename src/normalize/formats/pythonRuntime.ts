import { toLevelName } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { splitLines } from './stacks.js';

/**
 * The Python runtime's text lines. The root logger's handler writes
 * `[LEVEL]\t<ISO time>\t<request id>\t<message>`; an uncaught exception is written as
 * `[ERROR] Type: message` followed by `Traceback (most recent call last):` and its frames,
 * separated by `\r` (older runtimes) or `\n`.
 * Checked against aws-lambda-python-runtime-interface-client, awslambdaric/bootstrap.py
 * (`log_error`, `LambdaLoggerHandler`).
 */

const LEVEL_PREFIX = /^\[(DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL)\]([\t ])/;

export const pythonRuntime: TextFormat = {
  name: 'lambda-python',
  parse(line, context) {
    if (line.charCodeAt(0) !== 0x5b /* [ */) return undefined;
    const prefix = LEVEL_PREFIX.exec(line);
    if (prefix === null) return undefined;
    const level = toLevelName(prefix[1]) ?? 'INFO';
    const rest = line.slice(prefix[0].length);

    if (prefix[2] === '\t') {
      // `[INFO]\t2020-05-11T12:44:44.123Z\t<request id>\t<message>`
      const timeEnd = rest.indexOf('\t');
      const idEnd = timeEnd < 0 ? -1 : rest.indexOf('\t', timeEnd + 1);
      if (idEnd > 0) {
        const id = rest.slice(timeEnd + 1, idEnd);
        const inner = context.parseBody(rest.slice(idEnd + 1));
        return {
          ...inner,
          levelname: inner.levelname ?? level,
          aws_request_id: inner.aws_request_id ?? (id === '' ? undefined : id),
        };
      }
    }

    // `[ERROR] KeyError: 'x'\rTraceback (most recent call last):\r  File …`
    const lines = splitLines(rest);
    const headline = lines[0] ?? '';
    const traceback = lines.indexOf('Traceback (most recent call last):');
    if (traceback < 0) {
      const inner = context.parseBody(rest);
      return { ...inner, levelname: inner.levelname ?? level };
    }
    const colon = headline.indexOf(': ');
    const errorType = colon > 0 ? headline.slice(0, colon) : headline;
    return {
      message: headline,
      levelname: level,
      exc_info: [...lines.slice(traceback), headline].join('\n').trimEnd(),
      fields: errorType === '' ? undefined : { error_type: errorType },
    };
  },
};
