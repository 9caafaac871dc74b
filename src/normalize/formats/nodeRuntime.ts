import { toLevelName } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { isObject, messageText, stackText } from '../fields.js';

/**
 * The Node.js runtime's text lines: `<ISO time>\t<request id>\t<LEVEL>\t<message>`, the level one
 * of TRACE DEBUG INFO WARN ERROR FATAL (console.log/info → INFO, console.error → ERROR), and the
 * request id `undefined` outside an invocation. Uncaught errors are written as
 * `Invoke Error \t{"errorType",…,"stack":[…]}` (also `Uncaught Exception`,
 * `Unhandled Promise Rejection`).
 * Checked against aws-lambda-nodejs-runtime-interface-client, src/LogPatch.js and src/Errors.js.
 */

// `2024-01-01T00:00:00.000Z\t` is 25 characters; the level follows the second tab.
const ISO_PREFIX = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z\t/;

const ERROR_PREFIXES = ['Invoke Error', 'Uncaught Exception', 'Unhandled Promise Rejection'];

function parseErrorPayload(kind: string, json: string): ParsedLine | undefined {
  let error: unknown;
  try {
    error = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isObject(error)) return undefined;
  const errorType = typeof error.errorType === 'string' ? error.errorType : 'Error';
  const errorMessage = messageText(error.errorMessage);
  const stack = stackText(error.stack) ?? stackText(error.trace);
  const fields: Record<string, unknown> = { error_type: errorType, lambda_error: kind };
  if (error.reason !== undefined) fields.reason = error.reason;
  return {
    message: errorMessage === '' ? `${kind}: ${errorType}` : `${errorType}: ${errorMessage}`,
    levelname: 'ERROR',
    exc_info: stack ?? `${errorType}: ${errorMessage}`,
    fields,
  };
}

export const nodeRuntime: TextFormat = {
  name: 'lambda-nodejs',
  parse(line, context) {
    const prefix = ISO_PREFIX.exec(line);
    if (prefix === null) return undefined;
    const afterTime = prefix[0].length;
    const idEnd = line.indexOf('\t', afterTime);
    if (idEnd < 0) return undefined;
    const levelEnd = line.indexOf('\t', idEnd + 1);
    if (levelEnd < 0 || levelEnd - idEnd > 8) return undefined;
    const level = toLevelName(line.slice(idEnd + 1, levelEnd));
    if (level === undefined) return undefined;
    const id = line.slice(afterTime, idEnd);
    const requestId = id === 'undefined' || id === '' ? undefined : id;
    const body = line.slice(levelEnd + 1);

    for (const kind of ERROR_PREFIXES) {
      if (body.startsWith(kind)) {
        const tab = body.indexOf('\t', kind.length);
        const parsed = tab >= 0 ? parseErrorPayload(kind, body.slice(tab + 1)) : undefined;
        if (parsed !== undefined) return { ...parsed, aws_request_id: requestId };
      }
    }

    const inner = context.parseBody(body);
    return {
      ...inner,
      // A level written by the line's own logger (a JSON body) is more specific than the console
      // method the runtime saw; an ERROR from console.error stays ERROR for a plain body.
      levelname: inner.levelname ?? level,
      aws_request_id: inner.aws_request_id ?? requestId,
    };
  },
};
