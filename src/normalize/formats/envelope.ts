import type { LevelName } from '../record.js';
import type { ParsedLine } from '../logFormat.js';

/**
 * Merges what a runtime's prefix says (level, request id) with what its body says once parsed
 * on its own (`context.parseBody`). A body that is plain text takes the prefix's level: the
 * level the runtime wrote is explicit, while plain text only guesses ERROR from a stack. A
 * structured body (a pino JSON line, a Python logging line) keeps its own level, which is more
 * specific than the console method the runtime saw. `log_format` names the envelope, and the
 * body's format after a `/` when it was not plain text (`lambda-nodejs/pino`). A body that
 * carries a request id of its own keeps it as `aws_request_id`; the prefix's, when it differs,
 * is kept as `runtime_request_id` (nothing of the line is lost, SPEC §3). Likewise the prefix's
 * level, as the runtime spelled it (`levelText`), is kept as `runtime_level` when the structured
 * body's own level differs from it (a pino `"level":50` line written with `console.log`).
 */
export function envelope(
  format: string,
  body: ParsedLine,
  level: LevelName | undefined,
  requestId: string | undefined,
  levelText?: string,
): ParsedLine {
  const plain = body.format === undefined || body.format === 'text';
  if (
    !plain &&
    levelText !== undefined &&
    level !== undefined &&
    body.levelname !== undefined &&
    body.levelname !== level
  )
    body.fields = { ...body.fields, runtime_level: levelText };
  body.levelname = plain ? (level ?? body.levelname) : (body.levelname ?? level);
  if (body.aws_request_id === undefined) body.aws_request_id = requestId;
  else if (requestId !== undefined && requestId !== body.aws_request_id)
    body.fields = { ...body.fields, runtime_request_id: requestId };
  body.format = plain ? format : `${format}/${body.format}`;
  return body;
}

/** A request id as runtimes print it; `undefined` / empty outside an invocation. */
export function requestIdOf(id: string): string | undefined {
  return id === '' || id === 'undefined' || id === 'null' ? undefined : id;
}

/**
 * Where the `<ISO time>\t<request id>\t` columns that Node.js, .NET and Python runtime lines
 * share, starting at `start`, end: the index of the tab that closes the request id, or -1 when
 * the line has no such columns there. The id itself is {@link requestIdBefore}.
 */
export function timeAndRequestIdEnd(line: string, start: number): number {
  TIME_AND_REQUEST_ID.lastIndex = start;
  return TIME_AND_REQUEST_ID.test(line) ? TIME_AND_REQUEST_ID.lastIndex - 1 : -1;
}

/**
 * The two columns of {@link timeAndRequestIdEnd}, read at `lastIndex`: an ISO time 19 to 40
 * characters wide (the shape {@link isIsoTimestampAt} checks) and its tab, then the request id, as
 * runtimes print it (a UUID; outside an invocation Node's `undefined`, .NET's and Python's empty
 * string; anything else there, `INFO` in a zap console line, means some other tab-separated
 * text), and its tab. One sticky regex instead of a character loop over each column: 0.29 → 0.14 µs
 * a Node.js runtime line of the bench's max payload (median of 61 runs over its 2,041); a property
 * test holds it to the loops' answers.
 */
const TIME_AND_REQUEST_ID =
  /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[0-9.Z+:-]{0,21}\t(?:[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}|undefined)?\t/y;

/** The request id of the column that {@link timeAndRequestIdEnd} found ending at `idEnd`. */
export function requestIdBefore(line: string, idEnd: number): string | undefined {
  return requestIdOf(line.slice(line.lastIndexOf('\t', idEnd - 1) + 1, idEnd));
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
