import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { splitStack } from './stacks.js';

/**
 * Microsoft.Extensions.Logging's console output (ASP.NET Core in containers, .NET workers), the
 * simple formatter: `info: MyApp.Worker[0]` then the message on the next lines indented by six
 * spaces, or with `SingleLine = true` `info: MyApp.Worker[0] message`; an exception follows the
 * message (`System.X: msg` and `   at …` frames). The category is the record's `name`, the event
 * id is kept as `event_id`.
 * Checked against dotnet/runtime src/libraries/Microsoft.Extensions.Logging.Console/src/
 * SimpleConsoleFormatter.cs (`GetLogLevelString`, `_messagePadding`, `WriteMessage`).
 */

const NAME = 'dotnet-console';

const LABELS = levelSpellings(['trce', 'dbug', 'info', 'warn', 'fail', 'crit']);

const PADDING = '      ';

export const dotnetConsole: TextFormat = {
  name: NAME,
  parse(line) {
    if (line.charCodeAt(4) !== 0x3a /* : */ || line.charCodeAt(5) !== 0x20) return undefined;
    const level = LABELS.get(line.slice(0, 4));
    if (level === undefined) return undefined;
    const open = line.indexOf('[', 6);
    if (open < 0 || open > 512) return undefined;
    const close = line.indexOf(']', open);
    if (close < 0 || close - open > 12) return undefined;
    const eventId = Number(line.slice(open + 1, close));
    const category = line.slice(6, open);
    if (!Number.isInteger(eventId) || category === '' || category.includes(' ')) return undefined;
    let body = line.slice(close + 1);
    if (body.startsWith(' ')) body = body.slice(1);
    else if (body.startsWith('\r\n')) body = body.slice(2);
    else if (body.startsWith('\n')) body = body.slice(1);
    // The multi-line layout indents every line of the message and exception by six spaces.
    if (body.startsWith(PADDING)) body = body.split(/\r?\n/).map(unpad).join('\n');
    const { message, exc_info } = splitStack(body);
    return {
      message: message.trim(),
      levelname: level,
      name: category,
      exc_info,
      fields: { event_id: eventId },
    };
  },
};

function unpad(line: string): string {
  return line.startsWith(PADDING) ? line.slice(PADDING.length) : line;
}
