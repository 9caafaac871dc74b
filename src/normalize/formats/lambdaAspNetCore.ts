import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { splitStack } from './stacks.js';

/**
 * Amazon.Lambda.Logging.AspNetCore's text lines (ILogger in .NET Lambda functions, text log
 * format): the parts `[LogLevel]`, scopes and `=>`, `Category:`, `[EventId]:`, the message and the
 * exception, joined by single spaces: `[Information] Orders.Function: Processing order 42`. On
 * .NET 6+ the runtime adds its own prefix (`<ISO>\t<id>\tinfo\t`), whose body this is.
 * The category is the record's `name`; the exception (`System.X: msg` + `   at …`) is exc_info.
 * Checked against aws/aws-lambda-dotnet Libraries/src/Amazon.Lambda.Logging.AspNetCore/
 * LambdaILogger.cs (`Log`, the text branch) and LambdaLoggerOptions.cs (defaults).
 */

const NAME = 'dotnet-lambda-ilogger';

// Microsoft.Extensions.Logging.LogLevel's names, as `$"[{logLevel}]"` prints them.
const LEVELS = levelSpellings(['Trace', 'Debug', 'Information', 'Warning', 'Error', 'Critical']);

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
    const arrow = line.indexOf(' => ', i);
    const space = line.indexOf(' ', i);
    if (arrow >= 0 && arrow === space) i = arrow + 4;
    let name: string | undefined;
    const end = line.indexOf(' ', i);
    const token = end < 0 ? line.slice(i) : line.slice(i, end);
    if (token.length > 1 && token.endsWith(':') && !token.startsWith('[')) {
      name = token.slice(0, -1);
      i = end < 0 ? line.length : end + 1;
    }
    // `[EventId]:` — `[0]:` or `[12: Name]:`.
    if (line.charCodeAt(i) === 0x5b) {
      const eventEnd = line.indexOf(']: ', i);
      if (eventEnd > 0 && eventEnd - i < 128) i = eventEnd + 3;
    }
    const { message, exc_info } = splitStack(line.slice(i).trimEnd());
    return { message, levelname: level, name, exc_info };
  },
};
