import type { LevelName } from '../record.js';
import type { ParsedLine } from '../logFormat.js';
import { isUuidAt } from './scan.js';

/**
 * Merges what a runtime's prefix says (level, request id) with what its body says once parsed
 * on its own (`context.parseBody`). A body that is plain text takes the prefix's level: the
 * level the runtime wrote is explicit, while plain text only guesses ERROR from a stack. A
 * structured body (a pino JSON line, a Python logging line) keeps its own level, which is more
 * specific than the console method the runtime saw. `log_format` names the envelope, and the
 * body's format after a `/` when it was not plain text (`lambda-nodejs/pino`).
 */
export function envelope(
  format: string,
  body: ParsedLine,
  level: LevelName | undefined,
  requestId: string | undefined,
): ParsedLine {
  const plain = body.format === undefined || body.format === 'text';
  body.levelname = plain ? (level ?? body.levelname) : (body.levelname ?? level);
  body.aws_request_id ??= requestId;
  body.format = plain ? format : `${format}/${body.format}`;
  return body;
}

/** A request id as runtimes print it; `undefined` / empty outside an invocation. */
export function requestIdOf(id: string): string | undefined {
  return id === '' || id === 'undefined' || id === 'null' ? undefined : id;
}

/**
 * True for a runtime's request-id column: a Lambda request id (a UUID), or what the runtimes
 * print outside an invocation (Node `undefined`, .NET and Python an empty string). Anything
 * else there (`INFO` in a zap console line) means the line is some other tab-separated text.
 */
export function isRequestIdColumn(line: string, start: number, end: number): boolean {
  const length = end - start;
  if (length === 0) return true;
  if (length === 9) return line.startsWith('undefined', start);
  return length === 36 && isUuidAt(line, start);
}

/** `2020-05-11T12:44:44.123Z` (Node, .NET) — digits checked, not parsed; linear. */
export function isIsoTimestampAt(line: string, start: number, end: number): boolean {
  // yyyy-mm-ddThh:mm:ss, optional fraction, optional Z or offset.
  if (end - start < 19) return false;
  for (let i = 0; i < 19; i++) {
    const c = line.charCodeAt(start + i);
    const expected = ISO_SHAPE.charCodeAt(i);
    if (expected === 0x64 /* d */ ? c < 0x30 || c > 0x39 : c !== expected) return false;
  }
  for (let i = start + 19; i < end; i++) {
    const c = line.charCodeAt(i);
    const ok = (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x5a || c === 0x2b || c === 0x2d || c === 0x3a;
    if (!ok) return false;
  }
  return true;
}

const ISO_SHAPE = 'dddd-dd-ddTdd:dd:dd';
