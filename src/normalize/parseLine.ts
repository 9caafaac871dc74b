import { parseJson } from '../json.js';
import { isObject } from './fields.js';
import { DECLARATIONS, JSON_FORMATS, TEXT_FORMATS } from './formats/index.js';
import { parsePlainText } from './formats/plainText.js';
import type {
  FormatDeclaration,
  JsonFormat,
  ParseContext,
  ParsedLine,
  Placement,
  Runtime,
  TextFormat,
} from './logFormat.js';

/**
 * The parse engine: the first format that claims a line wins (JSON formats for a line that is a
 * JSON object, then the text formats, in the order of `formats/index.ts`); a line none claims is
 * plain text. Detection is contextual (SPEC §3): at the top of an event only the formats that
 * appear there are tried, and a runtime's prefix (Node's `<ISO>\t<id>\tINFO\t`, Python's
 * `[INFO]\t…`) hands its body back through `context.parseBody` to the formats that runtime's
 * programs print, so `console.log(JSON.stringify({...}))` is parsed as the JSON line it is and
 * `console.log('ERROR budget report:')` stays the plain text it is. Bodies are parsed once more,
 * never deeper: a body inside a body is plain text, which bounds the work per line to a constant
 * number of passes over it. Where a format lives is declared in `formats/index.ts`; a format
 * with no declaration is tried everywhere.
 */

function tryParseObject(line: string): Record<string, unknown> | undefined {
  // Only lines that look like an object pay for JSON.parse.
  let start = 0;
  while (start < line.length && line.charCodeAt(start) <= 0x20) start++;
  if (line.charCodeAt(start) !== 0x7b /* { */) return undefined;
  try {
    const value = parseJson(line);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

type Candidate<F> = readonly [format: F, context: ParseContext];

/** The formats tried at one place, each with the context its body is parsed in. */
interface Engine {
  readonly json: readonly Candidate<JsonFormat>[];
  /**
   * Text formats for a line whose first character has code `c` < 128: `byFirstChar[c]`, in
   * registration order, only those whose `firstChars` allow it; other lines: `rest`.
   */
  readonly byFirstChar: readonly (readonly Candidate<TextFormat>[])[];
  readonly rest: readonly Candidate<TextFormat>[];
}

const NO_DECLARATION: FormatDeclaration = {};

function declarationOf(format: TextFormat | JsonFormat): FormatDeclaration {
  return DECLARATIONS.get(format) ?? NO_DECLARATION;
}

/** `any`: every format, whatever it declares (the body of an envelope that declares no runtime). */
type Place = Placement | 'any';

function appearsAt(format: TextFormat | JsonFormat, place: Place): boolean {
  const where = declarationOf(format).appearsIn;
  return place === 'any' || where === undefined || where.includes(place);
}

function buildEngine(place: Place, contextOf: (declaration: FormatDeclaration) => ParseContext): Engine {
  const json = JSON_FORMATS.filter((format) => appearsAt(format, place)).map(
    (format): Candidate<JsonFormat> => [format, contextOf(declarationOf(format))],
  );
  const text = TEXT_FORMATS.filter((format) => appearsAt(format, place)).map(
    (format): Candidate<TextFormat> => [format, contextOf(declarationOf(format))],
  );
  // Each format is added to the lists of the characters it may start with, in registration
  // order: the same lists as filtering the formats once per character (9 engines × 128
  // characters × up to 34 formats), without that work at cold start: bundle require() 282 → 270 M
  // instructions (cachegrind, 3 fresh processes each), CPU 53 → 47 ms (median of 25).
  const byFirstChar: Candidate<TextFormat>[][] = Array.from({ length: 128 }, () => []);
  // A line starting beyond ASCII, or empty, can only be claimed by formats that declare no start.
  const rest: Candidate<TextFormat>[] = [];
  for (const candidate of text) {
    const firstChars = declarationOf(candidate[0]).firstChars;
    if (firstChars === undefined) {
      rest.push(candidate);
      for (const list of byFirstChar) list.push(candidate);
      continue;
    }
    for (let i = 0; i < firstChars.length; i++) {
      const c = firstChars.charCodeAt(i);
      const list = byFirstChar[c];
      // A character listed twice adds the format once.
      if (list !== undefined && list.at(-1) !== candidate) list.push(candidate);
    }
  }
  return { json, byFirstChar, rest };
}

// Engines are built once: no closure or list is made per log event. A runtime's body engine is
// built when a line of that runtime first comes (a log group's lines are mostly one runtime's,
// so most of the 8 are never needed): bundle require() 246 → 240 M instructions (cachegrind,
// median of 3 fresh processes each).
const PLAIN_BODY: ParseContext = { parseBody: (body) => parsePlainText(body) };
const RUNTIMES: readonly Runtime[] = ['nodejs', 'python', 'java', 'dotnet', 'ruby', 'go', 'custom'];
const BODY_CONTEXTS = new Map<Runtime | 'any', ParseContext>();
for (const place of [...RUNTIMES, 'any' as const]) {
  let engine: Engine | undefined;
  BODY_CONTEXTS.set(place, {
    parseBody: (body) => parseWith(body, (engine ??= buildEngine(place, () => PLAIN_BODY))),
  });
}
const TOP_ENGINE = buildEngine('top', (declaration) => {
  const context = BODY_CONTEXTS.get(declaration.wraps ?? 'any');
  if (context === undefined) throw new TypeError(`no body context for ${String(declaration.wraps)}`);
  return context;
});

function parseWith(line: string, engine: Engine): ParsedLine {
  const object = tryParseObject(line);
  if (object !== undefined) {
    for (const [format, context] of engine.json) {
      const parsed = format.parse(object, context, line);
      if (parsed !== undefined) {
        parsed.format ??= format.name;
        return parsed;
      }
    }
  }
  const first = line.charCodeAt(0);
  const candidates = first < 128 ? (engine.byFirstChar[first] ?? engine.rest) : engine.rest;
  for (const [format, context] of candidates) {
    const parsed = format.parse(line, context);
    if (parsed !== undefined) {
      parsed.format ??= format.name;
      return parsed;
    }
  }
  const parsed = parsePlainText(line);
  parsed.format = 'text';
  return parsed;
}

/**
 * Parses one log line with the first format that claims it (see `formats/index.ts`), falling
 * back to plain text. Never throws for any string; linear in the line's length.
 */
export function parseLine(line: string): ParsedLine {
  // CloudWatch keeps the newline(s) `print` and most loggers end their line with: separators,
  // not content (Java's uncaught-error report ends in two).
  let end = line.length;
  while (end > 0) {
    const c = line.charCodeAt(end - 1);
    if (c !== 0x0a && c !== 0x0d) break;
    end--;
  }
  const text = end === line.length ? line : line.slice(0, end);
  try {
    return parseWith(text, TOP_ENGINE);
  } catch {
    // A format's bug must not cost the event: it is forwarded whole, as plain text.
    return { message: text, format: 'text' };
  }
}
