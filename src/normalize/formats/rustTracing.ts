import { stripAnsi } from '../fields.js';
import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { dateTimeEnd, isDigit, isUuidAt } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * Rust functions on a custom runtime (`provided.al2023`) logging through `tracing`: the
 * `lambda_runtime` crate's default subscriber (`tracing_subscriber::fmt()` without time or
 * target) writes `<level> <spans>: <message> <fields>`, the level right-aligned to five
 * characters (` INFO`, ` WARN`, `ERROR`), the invocation span first:
 * ` INFO Lambda runtime invoke{requestId="49dea0b0-…" xrayTraceId="Root=1-…"}: Payload {…}`,
 * `ERROR Lambda runtime invoke{requestId="…" xrayTraceId="…"}: user handler panicked error=Any { .. }`;
 * outside an invocation there is no span (`DEBUG resolving host="…"`). The request id comes
 * from the span, the message is what follows the spans; the spans themselves (the invocation's
 * `xrayTraceId`, child spans and their fields: `:send_operation{operation="…"}:dispatch`) are
 * kept as they were written under `spans`, so nothing of the line is lost (SPEC §3).
 * The same subscriber with its defaults on (`tracing_subscriber::fmt().with_ansi(false)`, Rust
 * services in containers) writes the time first and the event's target before the message:
 * `2023-11-01T10:47:57.081234Z  INFO my_service::orders: order stored order_id=42`; the target
 * names the record and the time stays a field, `time`.
 * Checked against awslabs/aws-lambda-rust-runtime lambda-runtime-api-client/src/tracing.rs
 * (`init_default_subscriber`), lambda-runtime/src/layers/trace.rs (`Lambda runtime invoke`) and
 * tokio-rs/tracing tracing-subscriber/src/fmt/format/mod.rs (`FmtLevel`, `Format<Full, T>::format_event`).
 */

const NAME = 'rust-tracing';
const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']);
const INVOKE_SPAN = 'Lambda runtime invoke{';
const REQUEST_ID = 'requestId="';
// Spans (the invocation's, then the caller's own) end well within this many characters.
const MAX_SPANS = 1024;
// Module paths are far shorter.
const MAX_TARGET = 256;

/** A Rust path, `my_crate::module`: what `fmt`'s target is. */
function isTarget(text: string): boolean {
  if (text === '') return false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const word = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || isDigit(c) || c === 0x5f; /* _ */
    if (!word && c !== 0x3a /* : */) return false;
  }
  return true;
}

/**
 * What follows the level (at `i`): the invocation span and the spans after it, then, where the
 * subscriber writes it (`withTarget`), the target and `: `, then the message.
 */
function parseBody(
  line: string,
  start: number,
  level: LevelName,
  withTarget: boolean,
  fields: Record<string, unknown>,
): ParsedLine | undefined {
  let i = start;
  let requestId: string | undefined;
  if (line.startsWith(INVOKE_SPAN, i)) {
    const id = line.indexOf(REQUEST_ID, i + INVOKE_SPAN.length);
    const close = line.indexOf('}', i);
    if (id < 0 || close < 0 || id > close || close - i > MAX_SPANS) return undefined;
    if (isUuidAt(line, id + REQUEST_ID.length)) requestId = line.slice(id + 11, id + 47);
    // After the last span: `}: message` or `}:child{…}:grandchild: message`.
    const end = line.indexOf(': ', close);
    if (end < 0 || end - i > MAX_SPANS) return undefined;
    fields.spans = line.slice(i, end);
    i = end + 2;
  }
  let name: string | undefined;
  if (withTarget) {
    // `fmt()`'s spans before the target: `shaving_yaks{yaks=3}:shave{yak=1}: target: msg`.
    // Only a brace before the first `: ` can open a span list: other lines skip the scan.
    const brace = line.indexOf('{', i);
    const colon = line.indexOf(': ', i);
    if (i === start && line.charCodeAt(i) !== 0x20 && brace >= 0 && (colon < 0 || brace < colon)) {
      const end = spansEnd(line, i);
      if (end > 0) {
        fields.spans = line.slice(i, end);
        i = end + 2;
      }
    }
    const end = line.slice(i, i + MAX_TARGET + 2).indexOf(': ');
    const target = end < 0 ? '' : line.slice(i, i + end);
    if (!isTarget(target)) return undefined;
    name = target;
    i += end + 2;
  }
  const { message, exc_info } = splitStack(line.slice(i));
  return {
    message,
    levelname: level,
    name,
    exc_info,
    aws_request_id: requestId,
    fields: Object.keys(fields).length === 0 ? undefined : fields,
  };
}

/**
 * Where `fmt()`'s span list starting at `i` ends (the index of the `:` a space follows), or -1:
 * each span is its name, its fields in braces when it has any, then `:`
 * (tracing-subscriber fmt/format/mod.rs `Format<Full, T>::format_event`). A span's fields are
 * written by `DefaultFields`: string values quoted, so braces and `: ` inside quotes are skipped.
 * -1 too when the list has no braces: `a: b: msg` is a target and a message.
 */
function spansEnd(line: string, start: number): number {
  const limit = Math.min(line.length, start + MAX_SPANS);
  let braces = false;
  let i = start;
  while (i < limit) {
    const c = line.charCodeAt(i);
    if (c === 0x7b /* { */) {
      braces = true;
      let depth = 0;
      let quoted = false;
      for (; i < limit; i++) {
        const d = line.charCodeAt(i);
        if (quoted) {
          if (d === 0x5c /* \ */) i++;
          else if (d === 0x22) quoted = false;
        } else if (d === 0x22 /* " */) quoted = true;
        else if (d === 0x7b) depth++;
        else if (d === 0x7d /* } */ && --depth === 0) break;
      }
      if (i >= limit || line.charCodeAt(i + 1) !== 0x3a) return -1;
      i++;
    }
    if (line.charCodeAt(i) === 0x3a /* : */) {
      if (line.charCodeAt(i + 1) === 0x20) return braces ? i : -1;
      // `::` is a path inside a span's name.
      if (line.charCodeAt(i + 1) === 0x3a) i++;
    } else if (c === 0x20 || c === 0x7d) return -1;
    i++;
  }
  return -1;
}

/** `2023-11-01T10:47:57.081234Z  INFO target: message`: `fmt`'s default, time and target on. */
function parseTimed(line: string): ParsedLine | undefined {
  const timeEnd = dateTimeEnd(line, 0);
  if (timeEnd < 0 || line.charCodeAt(timeEnd) !== 0x20) return undefined;
  // The level right-aligned to five characters, then a space.
  const level = LEVELS.get(line.slice(timeEnd + 1, timeEnd + 6).trimStart());
  if (level === undefined || line.charCodeAt(timeEnd + 6) !== 0x20) return undefined;
  return parseBody(line, timeEnd + 7, level, true, { time: line.slice(0, timeEnd) });
}

export const rustTracing: TextFormat = {
  name: NAME,
  parse(line) {
    // tracing-subscriber's `ansi` feature (on by default, and for every crate once one asks for
    // it) colours the time, level, spans and target: read the line without its colour codes.
    if (line.charCodeAt(0) === 0x1b) {
      const plain = stripAnsi(line);
      return plain.charCodeAt(0) === 0x1b ? undefined : parseUncoloured(plain, true);
    }
    return parseUncoloured(line, false);
  },
};

/**
 * `padded`: the level column must be exactly five wide, as tracing writes it (a coloured line keeps
 * its pad inside the colour code; another program's coloured `INFO message` has none).
 */
function parseUncoloured(line: string, padded: boolean): ParsedLine | undefined {
  if (isDigit(line.charCodeAt(0))) return parseTimed(line);
  const i = line.charCodeAt(0) === 0x20 ? 1 : 0;
  // The level is four or five letters: no scan of the line for its first space.
  const space = line.charCodeAt(i + 4) === 0x20 ? i + 4 : line.charCodeAt(i + 5) === 0x20 ? i + 5 : -1;
  if (space < 0) return undefined;
  const level = LEVELS.get(line.slice(i, space));
  // ` INFO` and ` WARN` are padded to five characters (a copy may have lost the pad).
  if (level === undefined || (space !== 5 && (padded || i !== 0))) return undefined;
  // `ERROR - failed`: a separator no subscriber writes, the generic `LEVEL - msg` (levelWord); nor
  // a wider level column (`INFO     root - msg`, Python's `%(levelname)-8s`): tracing pads to five.
  if (line.startsWith('- ', space + 1) || line.charCodeAt(space + 1) === 0x20) return undefined;
  return parseBody(line, space + 1, level, false, {});
}
