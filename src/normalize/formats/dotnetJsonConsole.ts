import type { JsonFormat, ParsedLine } from '../logFormat.js';
import { levelSpellings } from '../levels.js';
import { messageText, stackText, without, withMessageObject } from '../fields.js';

/**
 * Microsoft.Extensions.Logging's JSON console formatter (.NET, `AddJsonConsole()` or
 * `"FormatterName": "json"`; ASP.NET Core and worker services in containers, ILogger on Lambda):
 * `{"Timestamp"?,"EventId":14,"LogLevel":"Information","Category":"Microsoft.Hosting.Lifetime",
 * "Message":"Now listening on: http://localhost:5113","Exception"?,"State"?:{"Message","address",
 * "{OriginalFormat}"},"Scopes"?:[…]}`: `Timestamp` only with a `TimestampFormat`, `Exception` the
 * exception's `ToString()`, `State` the message template's values. Levels are `LogLevel`'s names
 * (Trace Debug Information Warning Error Critical). `Category` (the `ILogger<T>` category) names the
 * record, `Exception` is exc_info; `EventId`, `State`, `Scopes` and `Timestamp` stay fields.
 * Recognised by a string `LogLevel` and `Category` beside `Message`.
 * Checked against dotnet/runtime src/libraries/Microsoft.Extensions.Logging.Console/src/
 * JsonConsoleFormatter.cs (`WriteInternal`) and learn.microsoft.com "Console log formatting" (Json).
 */

const LEVELS = levelSpellings(['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical']);

export const dotnetJsonConsole: JsonFormat = {
  name: 'dotnet-json-console',
  parse(object): ParsedLine | undefined {
    if (typeof object.LogLevel !== 'string' || typeof object.Category !== 'string') return undefined;
    if (!('Message' in object)) return undefined;
    const consumed = ['Message'];
    const levelname = LEVELS.get(object.LogLevel);
    if (levelname !== undefined) consumed.push('LogLevel');
    const name = object.Category === '' ? undefined : object.Category;
    if (name !== undefined) consumed.push('Category');
    const exc_info = stackText(object.Exception);
    if (exc_info !== undefined) consumed.push('Exception');
    return {
      message: messageText(object.Message),
      levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
      name,
      exc_info,
      fields: withMessageObject(without(object, consumed), object.Message),
    };
  },
};
