import { levelSpellings } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { envelope, requestIdBefore, timeAndRequestIdEnd } from './envelope.js';
import { DOTNET_LEVELS } from './lambdaJsonDotnet.js';

/**
 * The .NET runtime's text lines (.NET 6 and later): `<ISO time>\t<request id>\t<level>\t<message>`
 * with the console labels of Microsoft.Extensions.Logging (`trce` `dbug` `info` `warn` `fail`
 * `crit`); `Console.Error.WriteLine` is `fail`; `LambdaLogger.Log` writes no level at all
 * (`<ISO time>\t<request id>\t<message>`); the request id is empty outside an invocation. A logged
 * exception follows the message after `\n` as `Exception.ToString()` (`System.X: msg` and
 * `   at …` frames).
 * Checked against aws/aws-lambda-dotnet Libraries/src/Amazon.Lambda.RuntimeSupport/Helpers/
 * ConsoleLoggerWriter.cs (`WrapperTextWriter.FormattedWriteLine`, `ConvertLogLevelToLabel`) and
 * Helpers/Logging/DefaultLogMessageFormatter.cs.
 */

const NAME = 'lambda-dotnet';

const LABELS = levelSpellings([
  'trce',
  'dbug',
  'info',
  'warn',
  'fail',
  'crit',
  // Level names the runtime passes through when they are not its enum's (`LambdaLogger.Log(level, …)`).
  ...DOTNET_LEVELS,
]);

// `Information` is the longest label.
const MAX_LABEL = 11;

/**
 * Where the level column starting at `start` ends: at a tab, or at a line break when the message
 * itself starts on the next line (a pretty-printed JSON message, as Powertools for .NET writes
 * it); -1 when no label-sized column is there.
 */
function labelEnd(line: string, start: number): number {
  const limit = Math.min(line.length, start + MAX_LABEL + 1);
  for (let i = start; i < limit; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x09 || c === 0x0a) return i;
  }
  return -1;
}

export const dotnetRuntime: TextFormat = {
  name: NAME,
  parse(line, context) {
    const idEnd = timeAndRequestIdEnd(line, 0);
    if (idEnd < 0) return undefined;
    const requestId = requestIdBefore(line, idEnd);
    const levelEnd = labelEnd(line, idEnd + 1);
    const levelText = levelEnd < 0 ? undefined : line.slice(idEnd + 1, levelEnd);
    const level = levelText === undefined ? undefined : LABELS.get(levelText);
    const body = level === undefined ? line.slice(idEnd + 1) : line.slice(levelEnd + 1);
    return envelope(NAME, context.parseBody(body), level, requestId, levelText);
  },
};
