import { isObject } from './fields.js';
import { JSON_FORMATS, TEXT_FORMATS } from './formats/index.js';
import { parsePlainText } from './formats/plainText.js';
import type { ParseContext, ParsedLine } from './logFormat.js';

// An enveloped body is parsed once more (a JSON line inside a runtime's prefix), never deeper.
const MAX_DEPTH = 2;

function tryParseObject(line: string): Record<string, unknown> | undefined {
  // Only lines that look like an object pay for JSON.parse.
  let start = 0;
  while (start < line.length && line.charCodeAt(start) <= 0x20) start++;
  if (line.charCodeAt(start) !== 0x7b /* { */) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function parseAt(line: string, depth: number): ParsedLine {
  const context: ParseContext = {
    parseBody: (body) => (depth + 1 >= MAX_DEPTH ? parsePlainText(body) : parseAt(body, depth + 1)),
  };
  const object = tryParseObject(line);
  if (object !== undefined) {
    for (const format of JSON_FORMATS) {
      const parsed = format.parse(object, context);
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
 * back to plain text. Never throws for any string.
 */
export function parseLine(line: string): ParsedLine {
  // CloudWatch keeps the newline `print` and most loggers end their line with.
  const end = line.endsWith('\r\n') ? line.length - 2 : line.endsWith('\n') ? line.length - 1 : line.length;
  return parseAt(end === line.length ? line : line.slice(0, end), 0);
}
