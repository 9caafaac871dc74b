import { parseJson } from '../json.js';
import { isObject } from './fields.js';
import { JSON_FORMATS, TEXT_FORMATS } from './formats/index.js';
import { parsePlainText } from './formats/plainText.js';
import type { ParseContext, ParsedLine } from './logFormat.js';

/**
 * The parse engine: the first format that claims a line wins (JSON formats for a line that is a
 * JSON object, then the text formats, in the order of `formats/index.ts`); a line none claims is
 * plain text. A runtime's prefix (Node's `<ISO>\t<id>\tINFO\t`, Python's `[INFO]\t…`) hands its
 * body back through `context.parseBody`, so `console.log(JSON.stringify({...}))` is parsed as
 * the JSON line it is. Bodies are parsed once more, never deeper: a body inside a body is plain
 * text, which bounds the work per line to a constant number of passes over it.
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

// One context per depth, made once: no closure is allocated per log event.
const BODY_CONTEXT: ParseContext = { parseBody: (body) => parsePlainText(body) };
const TOP_CONTEXT: ParseContext = { parseBody: (body) => parseWith(body, BODY_CONTEXT) };

function parseWith(line: string, context: ParseContext): ParsedLine {
  const object = tryParseObject(line);
  if (object !== undefined) {
    for (const format of JSON_FORMATS) {
      const parsed = format.parse(object, context, line);
      if (parsed !== undefined) {
        parsed.format ??= format.name;
        return parsed;
      }
    }
  }
  for (const format of TEXT_FORMATS) {
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
    return parseWith(text, TOP_CONTEXT);
  } catch {
    // A format's bug must not cost the event: it is forwarded whole, as plain text.
    return { message: text, format: 'text' };
  }
}
