import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { splitStack } from './stacks.js';

/**
 * Amazon.Lambda.Logging.AspNetCore's text lines (ILogger in .NET Lambda functions, text log
 * format): the parts `[LogLevel]`, scopes and `=>`, `Category:`, `[EventId]:`, the message and the
 * exception, joined by single spaces: `[Information] Orders.Function: Processing order 42`. On
 * .NET 6+ the runtime adds its own prefix (`<ISO>\t<id>\tinfo\t`), whose body this is.
 * The category is the record's `name`; the exception (`System.X: msg` + `   at …`) is exc_info;
 * the event id (`[1001]:`, `[12: Name]:`) is kept as `event_id` (a number when it is one) and
 * one-word scopes (`RequestId:abc => `) as `scopes`, in order.
 * Checked against aws/aws-lambda-dotnet Libraries/src/Amazon.Lambda.Logging.AspNetCore/
 * LambdaILogger.cs (`Log`, the text branch) and LambdaLoggerOptions.cs (defaults).
 */

const NAME = 'dotnet-lambda-ilogger';

// Microsoft.Extensions.Logging.LogLevel's names, as `$"[{logLevel}]"` prints them.
const LEVELS = levelSpellings(['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical']);
// Scopes of one line; more stay in the message (still kept, just not split out).
const MAX_SCOPES = 16;

export const lambdaAspNetCore: TextFormat = {
  name: NAME,
  parse(line): ParsedLine | undefined {
    if (line.charCodeAt(0) !== 0x5b /* [ */) return undefined;
    const close = line.indexOf('] ');
    if (close < 0 || close > 12) return undefined;
    const level = LEVELS.get(line.slice(1, close));
    if (level === undefined) return undefined;
    let i = close + 2;
    // Scopes end with ` => `; categories hold no spaces and end with `:`.
    const scopes: string[] = [];
    for (;;) {
      const arrow = line.indexOf(' => ', i);
      if (arrow < 0 || arrow !== line.indexOf(' ', i) || scopes.length >= MAX_SCOPES) break;
      scopes.push(line.slice(i, arrow));
      i = arrow + 4;
    }
    let name: string | undefined;
    const end = line.indexOf(' ', i);
    const token = end < 0 ? line.slice(i) : line.slice(i, end);
    if (token.length > 1 && token.endsWith(':') && !token.startsWith('[')) {
      name = token.slice(0, -1);
      i = end < 0 ? line.length : end + 1;
    }
    // `[EventId]:` — `[0]:` or `[12: Name]:`.
    let eventId: string | number | undefined;
    if (line.charCodeAt(i) === 0x5b) {
      const eventEnd = line.indexOf(']: ', i);
      if (eventEnd > 0 && eventEnd - i < 128) {
        const text = line.slice(i + 1, eventEnd);
        eventId = /^\d+$/.test(text) ? Number(text) : text;
        i = eventEnd + 3;
      }
    }
    const { message, exc_info } = splitStack(line.slice(i).trimEnd());
    const fields: Record<string, unknown> = {};
    if (scopes.length > 0) fields.scopes = scopes;
    if (eventId !== undefined) fields.event_id = eventId;
    return {
      message,
      levelname: level,
      name,
      exc_info,
      fields: Object.keys(fields).length === 0 ? undefined : fields,
    };
  },
};
