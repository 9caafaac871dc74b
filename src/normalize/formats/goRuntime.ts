import { toLevelName } from '../levels.js';
import type { ParseContext, ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';
import { envelope } from './envelope.js';
import { hasSlogOffset, slogLevel } from './goSlog.js';
import { parseLambdaErrorPayload } from './lambdaErrorPayload.js';
import { dateTimeEnd, isAsciiLetter } from './scan.js';
import { isMultiLine, splitLines } from './stacks.js';

/**
 * Go on Lambda (`provided.al2` / `provided.al2023`, aws-lambda-go):
 * - the standard `log` package: `2006/01/02 15:04:05 message` (`LstdFlags`), with
 *   `.000000` under `Lmicroseconds` and `file.go:23: ` under `Lshortfile` / `Llongfile`
 *   (kept as `caller`); a `[LEVEL] ` the application put at the head of its message is read;
 * - `log/slog`'s default handler (slog used before `slog.SetDefault`), which writes through the
 *   `log` package: `2022/11/08 15:28:26 INFO hello count=3`, the level as `Level.String()`
 *   spells it (`WARN+2` kept as `level`); src/log/slog/handler.go (`defaultHandler.Handle`), doc.go;
 * - a handler error or recovered panic, which aws-lambda-go logs with `log.Printf("%s", payload)`:
 *   `2006/01/02 15:04:05 {"errorMessage":"…","errorType":"…","stackTrace":[{"path","line","label"}]}`
 *   → ERROR, exc_info the frames in Go's traceback layout; aws-lambda-go's own `WARNING! …` lines
 *   (lambda/sigterm.go) → WARNING, and what it logs with `log.Fatalf` as the process exits
 *   (`calling the handler function resulted in a panic, the process should exit`) → ERROR;
 * - an unrecovered panic or fatal error on stderr: `panic: message` / `fatal error: message`,
 *   then `goroutine 1 [running]:` and the frames (in the same event or, line by line, in the
 *   following ones: see rejoin in normalizePayload) → ERROR.
 * Checked against the Go standard library src/log/log.go (`formatHeader`), src/runtime/panic.go
 * (`printpanics`, `fatal`) and aws/aws-lambda-go lambda/invoke_loop.go (`reportFailure`).
 */

const NAME = 'go-log';
// aws-lambda-go's own warnings (lambda/sigterm.go: `log.Printf("WARNING! Failed to register
// internal extension! …")`), written through the log package like the application's lines.
const GO_RUNTIME_WARNING = 'WARNING! ';
// What aws-lambda-go's `start` passes to `log.Fatalf` before the process exits: the invoke
// loop's errors (lambda/invoke_loop.go) and a start outside Lambda (lambda/entry.go).
const GO_RUNTIME_FATAL = [
  'calling the handler function resulted in a panic, the process should exit',
  'unexpected error occurred when ',
  'expected AWS Lambda environment variables ',
];

/** The level of aws-lambda-go's own lines, which the log package writes like any other. */
function runtimeLevel(body: string): LevelName | undefined {
  if (body.startsWith(GO_RUNTIME_WARNING)) return 'WARNING';
  return GO_RUNTIME_FATAL.some((head) => body.startsWith(head)) ? 'ERROR' : undefined;
}
const PANIC_PREFIXES = ['panic: ', 'fatal error: '];

// The Go runtime's `throw("runtime: out of memory")` / `throw("out of memory")` (src/runtime,
// the allocator's and sysMap's): marked as the other runtimes' out-of-memory lines are
// (runtimeCrash.ts), to be found in one query.
const OUT_OF_MEMORY = ['fatal error: runtime: out of memory', 'fatal error: out of memory'];

function parsePanic(line: string): ParsedLine {
  const oom = OUT_OF_MEMORY.some((head) => line.startsWith(head));
  const fields = oom ? { error_type: 'OutOfMemory' } : undefined;
  if (!isMultiLine(line)) return { message: line.trimEnd(), levelname: 'ERROR', fields, format: 'go-panic' };
  const lines = splitLines(line);
  return {
    message: (lines[0] ?? '').trimEnd(),
    levelname: 'ERROR',
    exc_info: lines.join('\n').trimEnd(),
    fields,
    format: 'go-panic',
  };
}

/** `main.go:23: ` (Lshortfile) or `/src/app/main.go:23: ` (Llongfile) at `start`, or -1. */
function callerEnd(line: string, start: number): number {
  const space = line.indexOf(': ', start);
  if (space < 0 || space - start > 512) return -1;
  const caller = line.slice(start, space);
  const colon = caller.lastIndexOf(':');
  if (colon < 0 || !caller.endsWith('.go', colon) || caller.includes(' ')) return -1;
  return Number.isInteger(Number(caller.slice(colon + 1))) ? space : -1;
}

// slog's level names (`DEBUG`, `INFO`, `WARN`, `ERROR`), with an offset at most `ERROR+9999`.
const SLOG_LEVEL_INITIALS = 'DIWE';
const MAX_SLOG_LEVEL = 10;

/** `INFO hello count=3`: slog's default handler's level, then the message and its attrs. */
function parseSlogDefault(body: string, context: ParseContext): ParsedLine | undefined {
  if (!SLOG_LEVEL_INITIALS.includes(body.charAt(0))) return undefined;
  let end = body.indexOf(' ');
  if (end < 0) end = body.length;
  if (end > MAX_SLOG_LEVEL) return undefined;
  const spelling = body.slice(0, end);
  const level = slogLevel(spelling);
  if (level === undefined) return undefined;
  const parsed = envelope(NAME, context.parseBody(body.slice(end + 1)), level, undefined);
  if (hasSlogOffset(spelling)) parsed.fields = { ...parsed.fields, level: spelling };
  return parsed;
}

export const goRuntime: TextFormat = {
  name: NAME,
  parse(line, context) {
    const c = line.charCodeAt(0);
    if (c === 0x70 /* p */ || c === 0x66 /* f */) {
      for (const prefix of PANIC_PREFIXES) if (line.startsWith(prefix)) return parsePanic(line);
      return undefined;
    }
    if (c < 0x30 || c > 0x39) return undefined;
    const timeEnd = dateTimeEnd(line, 0, true);
    if (timeEnd < 0 || line.charCodeAt(timeEnd) !== 0x20) return undefined;
    let start = timeEnd + 1;
    let caller: string | undefined;
    const end = callerEnd(line, start);
    if (end > 0) {
      caller = line.slice(start, end);
      start = end + 2;
    }
    const body = line.slice(start);
    let parsed: ParsedLine | undefined;
    if (body.startsWith('{"error')) {
      parsed = parseLambdaErrorPayload(body.trimEnd(), undefined);
      if (parsed !== undefined) parsed.format = NAME;
    }
    if (parsed === undefined && body.charCodeAt(0) === 0x5b /* [ */) {
      const close = body.indexOf('] ');
      // A level word (`[ERROR] `), never a number: `[23111] ` is a pid (Redis < 3.0's head), and
      // toLevelName reads numbers on pino's and Monolog's scales.
      const level =
        close > 0 && close < 10 && isAsciiLetter(body.charCodeAt(1))
          ? toLevelName(body.slice(1, close))
          : undefined;
      if (level !== undefined) {
        parsed = envelope(
          NAME,
          context.parseBody(body.slice(close + 2)),
          level,
          undefined,
          body.slice(1, close),
        );
      }
    }
    if (parsed === undefined) parsed = parseSlogDefault(body, context);
    parsed ??= envelope(NAME, context.parseBody(body), runtimeLevel(body), undefined);
    if (caller !== undefined) parsed.fields = { ...parsed.fields, caller };
    return parsed;
  },
};
