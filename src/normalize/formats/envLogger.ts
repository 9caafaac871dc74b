import { stripAnsi } from '../fields.js';
import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { isWordChar } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * Rust's `env_logger` (the `log` crate's usual backend), its default format:
 * `[2023-11-01T10:47:57Z INFO  my_crate] starting up`. The header is the values it is told to
 * write, each after a space, in brackets: the time (RFC 3339 in UTC, to the second by default,
 * `.081`, `.081234` or nanoseconds with `format_timestamp_millis`/`_micros`/`_nanos`, or none),
 * the level padded to five (`{:<5}`: `INFO `, `WARN `), the module path (`format_module_path`,
 * off by default since 0.10) and the target (`format_target`, on; left out when empty), then `] `
 * and the message, whose further lines are indented by four spaces (`format_indent`). With colour
 * (`RUST_LOG_STYLE`/`WriteStyle::Always`, or a terminal) the brackets are dimmed and the level
 * coloured: read without the codes. Checked against rust-cli/env_logger src/fmt/mod.rs
 * (`DefaultFormat::write`, `write_header_value`, `write_level`, `finish_header`, `write_args`
 * and its tests, `[INFO  test::path target] log\nmessage`).
 * Also env_logger 0.5's default, the level right-aligned before the time and the module path,
 * colon-separated (` INFO 2018-10-24T11:45:42Z: actix_web::server::srv: Starting 4 http workers`,
 * as pasted in tsathishkumar/MySController-rs#14), and pretty_env_logger's, an env_logger
 * format of its own: ` INFO  my_app > msg`, the target padded to the widest seen so far, the level
 * and target coloured (bold) unless told not to, ` 2023-11-01T10:47:57.081Z INFO  my_app > msg`
 * with `formatted_timed_builder` (seanmonstar/pretty-env-logger src/lib.rs `formatted_builder`,
 * `formatted_timed_builder`, `colored_level`).
 * And env_logger ≤ 0.4's default, `format!("{}:{}: {}", record.level(),
 * record.location().module_path(), record.args())` (rust-cli/env_logger v0.4.3 src/lib.rs,
 * `LogBuilder::new`): `INFO:my_crate::db: connected`, the level unpadded. Python's
 * `%(levelname)s:%(name)s:%(message)s` starts the same way, so a module path of one segment
 * (a crate's root, `INFO:my_crate: up`) is taken only with the spellings Python never writes,
 * `WARN` and `TRACE`; `INFO:werkzeug: * Running on …` stays Python's.
 *
 * Read: the level (TRACE DEBUG, WARN WARNING), the target (else the module path) as `name`, a
 * module path written beside the target as `module_path`, the message (a panic's backtrace after
 * it as exc_info). The time is dropped for the event's.
 */

const NAME = 'env-logger';

const LEVELS = levelSpellings(['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']);

// `[<time> ]LEVEL[ module_path][ target]] `, anchored: the time optional, the level padded to five.
const HEADER =
  /\[(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{3}|\.\d{6}|\.\d{9})?Z )?(ERROR|WARN |INFO |DEBUG|TRACE)(?: ([^\s\]]{1,256})(?: ([^\s\]]{1,256}))?)?\] /y;
// ` INFO 2018-10-24T11:45:42Z: module::path: `: env_logger 0.5's `{:>5} {}: {}: `.
const LEGACY =
  /(ERROR| WARN| INFO|DEBUG|TRACE) \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z: ([A-Za-z_]\w{0,255}(?:::[A-Za-z_]\w{0,255}){0,32}): /y;

function parseHeader(line: string): ParsedLine | undefined {
  HEADER.lastIndex = 0;
  const head = HEADER.exec(line);
  if (head === null) return undefined;
  const first = head[2];
  // `[ERROR] ` / `[INFO ] ` alone is no header of env_logger's defaults (they always write the
  // time or a target): it is the Java runtime's or a bare `[LEVEL] ` line.
  if (first === undefined && line.charCodeAt(1) > 0x39) return undefined;
  const levelname = LEVELS.get((head[1] ?? '').trimEnd());
  const target = head[3] ?? first;
  const { message, exc_info } = splitStack(line.slice(HEADER.lastIndex).trimEnd());
  return {
    message,
    levelname,
    name: target,
    exc_info,
    fields: head[3] === undefined ? undefined : { module_path: first },
  };
}

// pretty_env_logger's ` [<time> ]LEVEL target   > `.
const PRETTY =
  / (?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z )?(ERROR|WARN |INFO |DEBUG|TRACE) ([^\s>]{1,256}) {1,256}> /y;

function parsePretty(line: string): ParsedLine | undefined {
  PRETTY.lastIndex = 0;
  const head = PRETTY.exec(line);
  if (head === null) return undefined;
  const { message, exc_info } = splitStack(line.slice(PRETTY.lastIndex).trimEnd());
  return { message, levelname: LEVELS.get((head[1] ?? '').trimEnd()), name: head[2], exc_info };
}

const COLON_LEVELS: ReadonlySet<string> = new Set(['ERROR', 'WARN', 'INFO', 'DEBUG', 'TRACE']);
// A Rust identifier's length and a module path's depth, as bounds for the scan.
const MAX_SEGMENT = 256;
const MAX_SEGMENTS = 32;

function isIdentifierStart(code: number): boolean {
  return isWordChar(code) && !(code >= 0x30 && code <= 0x39);
}

/** env_logger ≤ 0.4's `LEVEL:module::path: msg`, read with a scanner (no regular expression). */
function parseColon(line: string): ParsedLine | undefined {
  const end = line.charCodeAt(4) === 0x3a /* : */ ? 4 : line.charCodeAt(5) === 0x3a ? 5 : -1;
  if (end < 0) return undefined;
  const level = line.slice(0, end);
  if (!COLON_LEVELS.has(level)) return undefined;
  let i = end + 1;
  let segments = 0;
  for (;;) {
    if (!isIdentifierStart(line.charCodeAt(i))) return undefined;
    const start = i;
    i++;
    while (i - start < MAX_SEGMENT && isWordChar(line.charCodeAt(i))) i++;
    segments++;
    if (segments < MAX_SEGMENTS && line.charCodeAt(i) === 0x3a && line.charCodeAt(i + 1) === 0x3a) i += 2;
    else break;
  }
  if (line.charCodeAt(i) !== 0x3a || line.charCodeAt(i + 1) !== 0x20) return undefined;
  if (segments === 1 && level !== 'WARN' && level !== 'TRACE') return undefined;
  const { message, exc_info } = splitStack(line.slice(i + 2).trimEnd());
  return { message, levelname: LEVELS.get(level), name: line.slice(end + 1, i), exc_info };
}

function parseLegacy(line: string): ParsedLine | undefined {
  LEGACY.lastIndex = 0;
  const head = LEGACY.exec(line);
  if (head === null) return undefined;
  const { message, exc_info } = splitStack(line.slice(LEGACY.lastIndex).trimEnd());
  return { message, levelname: LEVELS.get((head[1] ?? '').trimStart()), name: head[2], exc_info };
}

export const envLogger: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    if (c === 0x5b /* [ */) return parseHeader(line);
    // The dimmed `[` of a coloured header.
    if (c === 0x1b) return line.includes('[', 1) ? (parseHeader(stripAnsi(line)) ?? undefined) : undefined;
    if (c === 0x20) {
      const plain = line.includes('\u001b') ? stripAnsi(line) : line;
      return parsePretty(plain) ?? parseLegacy(plain);
    }
    // `I`/`W`: only env_logger ≤ 0.4's `INFO:`/`WARN:` (0.5's ` INFO`, ` WARN` start with a space).
    if (c === 0x49 /* I */ || c === 0x57 /* W */) return parseColon(line);
    return parseColon(line) ?? parseLegacy(line);
  },
};
