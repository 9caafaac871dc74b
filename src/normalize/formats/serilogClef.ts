import { toLevelName } from '../levels.js';
import type { JsonFormat, ParsedLine } from '../logFormat.js';
import { isObject, jsonText, stackText, stringAt, without, type JsonObject } from '../fields.js';

/**
 * Serilog's compact JSON, CLEF (`CompactJsonFormatter`, `RenderedCompactJsonFormatter`, .NET):
 * `{"@t":"2016-10-12T04:46:58.0554314Z","@mt":"Hello, {@User}","User":{"Name":"nblumhardt","Id":101}}`.
 * `@t` the time, `@mt` the message template, `@m` the rendered message (the rendered formatter
 * writes it instead of `@mt`), `@l` the level, left out for Information (Verbose Debug
 * Information Warning Error Fatal), `@x` the exception's `ToString()`, `@i` the event id,
 * `@r` the renderings of the template's tokens that have a format (`{N:x8}`), in order (a token's
 * alignment, `{N,-10}`, applied; a token without a format is padded here as Serilog pads it); the
 * properties at the top level (a property whose name starts with `@` is written `@@`). The
 * message is `@m`, or the template rendered with the properties as Serilog renders it (strings
 * quoted unless `:l`, structures as `{ Name: "n", Id: 1 }`, sequences as `[1, 2]`); the template
 * stays a field (`@mt`), so does every property. `SourceContext` (the `ILogger<T>` category)
 * names the record.
 * Recognised by `@t` with `@mt` or `@m`.
 * Checked against serilog/serilog-formatting-compact (src/Serilog.Formatting.Compact/Formatting/Compact/
 * CompactJsonFormatter.cs, RenderedCompactJsonFormatter.cs, README "Format details"), serilog/serilog
 * (src/Serilog/Parsing/MessageTemplateParser.cs, Events/ScalarValue.cs, StructureValue.cs,
 * SequenceValue.cs) and serilog/serilog-formatting-compact-reader (LogEventReader.cs).
 */

// A template token is at most this long; longer `{…}` runs are text.
const MAX_TOKEN = 256;

/** A property value as Serilog's `LogEventPropertyValue.Render` writes it into a message. */
function renderValue(value: unknown, literal: boolean): string {
  // ScalarValue.Render: quoted, only `"` escaped (`:l` writes the string as it is).
  if (typeof value === 'string') return literal ? value : `"${value.replaceAll('"', '\\"')}"`;
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => renderValue(v, false)).join(', ')}]`;
  if (isObject(value)) {
    const tag = typeof value.$type === 'string' ? `${value.$type} ` : '';
    const parts: string[] = [];
    for (const key in value) {
      if (key !== '$type' && Object.prototype.hasOwnProperty.call(value, key))
        parts.push(`${key}: ${renderValue(value[key], false)}`);
    }
    return `${tag}{ ${parts.join(', ')} }`;
  }
  return jsonText(value);
}

/**
 * The rendering of a token with a format: CLEF's `@r` holds them in the template's order;
 * `JsonFormatter`'s `Renderings` by property, `{"N":[{"Format":"x8","Rendering":"0000007b"}]}`.
 */
function renderingOf(renderings: unknown, index: number, name: string, format: string): unknown {
  if (Array.isArray(renderings)) return renderings[index];
  if (!isObject(renderings)) return undefined;
  const entries = Object.prototype.hasOwnProperty.call(renderings, name) ? renderings[name] : undefined;
  if (!Array.isArray(entries)) return undefined;
  for (const entry of entries as unknown[])
    if (isObject(entry) && entry.Format === format) return entry.Rendering;
  return undefined;
}

// `{Name,-10}`: Serilog's alignment, a width, negative for left-aligned (Parsing/Alignment.cs).
const ALIGNMENT = /^-?\d{1,4}$/;

/** Serilog's `Padding.Apply`: a value shorter than the width padded with spaces. */
function pad(value: string, alignment: string | undefined): string {
  if (alignment === undefined) return value;
  const width = Math.abs(Number(alignment));
  if (value.length >= width) return value;
  const spaces = ' '.repeat(width - value.length);
  return alignment.startsWith('-') ? value + spaces : spaces + value;
}

/**
 * Renders a message template: `{{`/`}}` are braces, `{Name}`, `{@Name}`, `{$Name}`,
 * `{Name,align:format}` are property tokens. A token whose property is absent stays as written;
 * a token with a format takes its rendering (`@r`, `Renderings`) when there is one, which is
 * already aligned; any other is aligned to its width as Serilog pads it. One pass, linear.
 */
export function renderTemplate(template: string, properties: JsonObject, renderings: unknown): string {
  let next = 0;
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template.charCodeAt(i);
    if (c === 0x7b /* { */ && template.charCodeAt(i + 1) === 0x7b) {
      out += '{';
      i += 2;
      continue;
    }
    if (c === 0x7d /* } */ && template.charCodeAt(i + 1) === 0x7d) {
      out += '}';
      i += 2;
      continue;
    }
    if (c !== 0x7b) {
      out += template.charAt(i);
      i++;
      continue;
    }
    const close = template.indexOf('}', i + 1);
    const open = template.indexOf('{', i + 1);
    if (close < 0 || close - i > MAX_TOKEN || (open >= 0 && open < close)) {
      out += '{';
      i++;
      continue;
    }
    const token = template.slice(i + 1, close);
    let name = token;
    const first = name.charCodeAt(0);
    if (first === 0x40 /* @ */ || first === 0x24 /* $ */) name = name.slice(1);
    const colon = name.indexOf(':');
    const format = colon < 0 ? undefined : name.slice(colon + 1);
    if (colon >= 0) name = name.slice(0, colon);
    const comma = name.indexOf(',');
    const alignment = comma < 0 ? undefined : name.slice(comma + 1);
    if (comma >= 0) name = name.slice(0, comma);
    // Every token with a format (`:l` included) has its entry in `@r`.
    const rendering = format === undefined ? undefined : renderingOf(renderings, next++, name, format);
    if (typeof rendering === 'string') {
      out += rendering;
    } else if (
      name !== '' &&
      Object.prototype.hasOwnProperty.call(properties, name) &&
      (alignment === undefined || ALIGNMENT.test(alignment))
    ) {
      out += pad(renderValue(properties[name], format === 'l'), alignment);
    } else {
      out += `{${token}}`;
    }
    i = close + 1;
  }
  return out;
}

export const serilogClef: JsonFormat = {
  name: 'serilog-clef',
  parse(object): ParsedLine | undefined {
    if (typeof object['@t'] !== 'string') return undefined;
    const rendered = stringAt(object, '@m');
    const template = stringAt(object, '@mt');
    if (rendered === undefined && template === undefined) return undefined;
    const consumed: string[] = [];
    if (rendered !== undefined) consumed.push('@m');
    // Information is the level CLEF leaves out.
    const levelname = object['@l'] === undefined ? 'INFO' : toLevelName(object['@l']);
    if (object['@l'] !== undefined && levelname !== undefined) consumed.push('@l');
    const exc_info = stackText(object['@x']);
    if (exc_info !== undefined) consumed.push('@x');
    const name = stringAt(object, 'SourceContext');
    if (name !== undefined && name !== '') consumed.push('SourceContext');
    return {
      message: rendered ?? renderTemplate(template ?? '', object, object['@r']),
      levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
      name: name === '' ? undefined : name,
      exc_info,
      fields: without(object, consumed),
    };
  },
};
