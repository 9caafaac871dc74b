import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { splitStack } from './stacks.js';

/**
 * Microsoft.Extensions.Logging's console output (ASP.NET Core in containers, .NET workers), the
 * simple formatter: `info: MyApp.Worker[0]` then the message on the next lines indented by six
 * spaces, or with `SingleLine = true` `info: MyApp.Worker[0] message`; an exception follows the
 * message (`System.X: msg` and `   at …` frames). The category is the record's `name`, the event
 * id is kept as `event_id`. A `TimestampFormat` (`HH:mm:ss `, an ISO time) written before the label
 * is kept as written in `time`.
 * Checked against dotnet/runtime src/libraries/Microsoft.Extensions.Logging.Console/src/
 * SimpleConsoleFormatter.cs (`GetLogLevelString`, `_messagePadding`, `WriteMessage`).
 */

const NAME = 'dotnet-console';

const LABELS = levelSpellings(['trce', 'dbug', 'info', 'warn', 'fail', 'crit']);

const PADDING = '      ';
// `yyyy-MM-ddTHH:mm:ss.fffffffzzz ` is 34 characters; a time format is never much longer.
const MAX_TIMESTAMP = 48;

export const dotnetConsole: TextFormat = {
  name: NAME,
  parse(line) {
    const at = labelStart(line);
    if (at < 0) return undefined;
    const level = LABELS.get(line.slice(at, at + 4));
    if (level === undefined) return undefined;
    const open = line.indexOf('[', at + 6);
    if (open < 0 || open - at > 512) return undefined;
    const close = line.indexOf(']', open);
    if (close < 0 || close - open > 12) return undefined;
    const eventId = Number(line.slice(open + 1, close));
    const category = line.slice(at + 6, open);
    if (!Number.isInteger(eventId) || category === '' || category.includes(' ')) return undefined;
    let body = line.slice(close + 1);
    if (body.startsWith(' ')) body = body.slice(1);
    else if (body.startsWith('\r\n')) body = body.slice(2);
    else if (body.startsWith('\n')) body = body.slice(1);
    // The multi-line layout indents every line of the message and exception by six spaces.
    if (body.startsWith(PADDING)) body = body.split(/\r?\n/).map(unpad).join('\n');
    const { message, exc_info } = splitStack(body);
    const fields: Record<string, unknown> = { event_id: eventId };
    if (at > 0) fields.time = line.slice(0, at - 1);
    return { message: message.trim(), levelname: level, name: category, exc_info, fields };
  },
};

/**
 * Where the level label starts: at 0, or after the `TimestampFormat` the options may set
 * (`HH:mm:ss `, `yyyy-MM-ddTHH:mm:ss.fffZ `, `[HH:mm:ss] `; the formatter writes it as given, then
 * the label). A time is short, starts with a digit or `[` and holds a digit; -1 when there is no
 * label.
 */
function labelStart(line: string): number {
  if (line.charCodeAt(4) === 0x3a /* : */ && line.charCodeAt(5) === 0x20) return 0;
  const c = line.charCodeAt(0);
  if (c !== 0x5b /* [ */ && (c < 0x30 || c > 0x39)) return -1;
  const colon = line.indexOf(': ', 5);
  if (colon < 5 || colon > MAX_TIMESTAMP + 5 || line.charCodeAt(colon - 5) !== 0x20) return -1;
  const time = line.slice(0, colon - 5);
  return /\d/.test(time) && !time.includes(': ') ? colon - 4 : -1;
}

function unpad(line: string): string {
  return line.startsWith(PADDING) ? line.slice(PADDING.length) : line;
}
