import { toLevelName } from '../levels.js';
import type { JsonFormat, ParsedLine } from '../logFormat.js';
import { isObject, stackText, stringAt, without, type JsonObject } from '../fields.js';
import { renderTemplate } from './serilogClef.js';

/**
 * Serilog's own JSON, `Serilog.Formatting.Json.JsonFormatter` (`WriteTo.Console(new
 * JsonFormatter())`, `"formatter": "Serilog.Formatting.Json.JsonFormatter, Serilog"`):
 * `{"Timestamp":"2023-11-01T10:47:57.0812345+00:00","Level":"Information","MessageTemplate":"Hello {Name}",
 * "RenderedMessage"?:"Hello \"n\"","Exception"?:"…","Properties"?:{"Name":"n","SourceContext":"App"},
 * "Renderings"?:{…}}`: the level always written (Verbose … Fatal), `RenderedMessage` only with
 * `renderMessage: true`, `Exception` the exception's `ToString()`, the properties under
 * `Properties`. The message is `RenderedMessage`, or the template rendered with the properties as
 * Serilog renders it (a token with a format as its `Renderings` entry has it); the template and the time stay
 * fields; `Properties.SourceContext` (the `ILogger<T>` category) names the record.
 * Recognised by `MessageTemplate` beside a `Level` and a `Timestamp`.
 * Checked against serilog/serilog src/Serilog/Formatting/Json/JsonFormatter.cs (`Format`).
 */
export const serilogJson: JsonFormat = {
  name: 'serilog-json',
  parse(object): ParsedLine | undefined {
    const template = object.MessageTemplate;
    if (
      typeof template !== 'string' ||
      typeof object.Level !== 'string' ||
      typeof object.Timestamp !== 'string'
    )
      return undefined;
    const levelname = toLevelName(object.Level);
    if (levelname === undefined) return undefined;
    const consumed = ['Level'];
    const properties: JsonObject = isObject(object.Properties) ? object.Properties : {};
    const rendered = stringAt(object, 'RenderedMessage');
    if (rendered !== undefined) consumed.push('RenderedMessage');
    const exc_info = stackText(object.Exception);
    if (exc_info !== undefined) consumed.push('Exception');
    const name = stringAt(properties, 'SourceContext');
    const fields = without(object, consumed) ?? {};
    if (name !== undefined && name !== '' && isObject(object.Properties)) {
      const rest = without(properties, ['SourceContext']);
      if (rest === undefined) delete fields.Properties;
      else fields.Properties = rest;
    }
    return {
      message: rendered ?? renderTemplate(template, properties, object.Renderings),
      levelname,
      name: name === '' ? undefined : name,
      exc_info,
      fields,
    };
  },
};
