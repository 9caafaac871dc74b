import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { isUuidAt } from './scan.js';
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
 * Checked against awslabs/aws-lambda-rust-runtime lambda-runtime-api-client/src/tracing.rs
 * (`init_default_subscriber`), lambda-runtime/src/layers/trace.rs (`Lambda runtime invoke`) and
 * tokio-rs/tracing tracing-subscriber/src/fmt/format/mod.rs (`FmtLevel`).
 */

const NAME = 'rust-tracing';
const LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR']);
const INVOKE_SPAN = 'Lambda runtime invoke{';
const REQUEST_ID = 'requestId="';
// Spans (the invocation's, then the caller's own) end well within this many characters.
const MAX_SPANS = 1024;

export const rustTracing: TextFormat = {
  name: NAME,
  parse(line) {
    let i = line.charCodeAt(0) === 0x20 ? 1 : 0;
    // The level is four or five letters: no scan of the line for its first space.
    const space = line.charCodeAt(i + 4) === 0x20 ? i + 4 : line.charCodeAt(i + 5) === 0x20 ? i + 5 : -1;
    if (space < 0) return undefined;
    const level = LEVELS.get(line.slice(i, space));
    // ` INFO` and ` WARN` are padded to five characters (a copy may have lost the pad).
    if (level === undefined || (space !== 5 && i !== 0)) return undefined;
    i = space + 1;
    let requestId: string | undefined;
    let spans: string | undefined;
    if (line.startsWith(INVOKE_SPAN, i)) {
      const id = line.indexOf(REQUEST_ID, i + INVOKE_SPAN.length);
      const close = line.indexOf('}', i);
      if (id < 0 || close < 0 || id > close || close - i > MAX_SPANS) return undefined;
      if (isUuidAt(line, id + REQUEST_ID.length)) requestId = line.slice(id + 11, id + 47);
      // After the last span: `}: message` or `}:child{…}:grandchild: message`.
      const end = line.indexOf(': ', close);
      if (end < 0 || end - i > MAX_SPANS) return undefined;
      spans = line.slice(i, end);
      i = end + 2;
    }
    const { message, exc_info } = splitStack(line.slice(i));
    return {
      message,
      levelname: level,
      exc_info,
      aws_request_id: requestId,
      fields: spans === undefined ? undefined : { spans },
    };
  },
};
