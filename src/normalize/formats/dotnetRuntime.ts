import type { LevelName } from '../record.js';
import type { TextFormat } from '../logFormat.js';
import { envelope, isIsoTimestampAt, isRequestIdColumn, requestIdOf } from './envelope.js';

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

const LABELS: ReadonlyMap<string, LevelName> = new Map<string, LevelName>([
  ['trce', 'DEBUG'],
  ['dbug', 'DEBUG'],
  ['info', 'INFO'],
  ['warn', 'WARNING'],
  ['fail', 'ERROR'],
  ['crit', 'CRITICAL'],
  // Level names the runtime passes through when they are not its enum's (`LambdaLogger.Log(level, …)`).
  ['Trace', 'DEBUG'],
  ['Debug', 'DEBUG'],
  ['Information', 'INFO'],
  ['Warning', 'WARNING'],
  ['Error', 'ERROR'],
  ['Critical', 'CRITICAL'],
]);

export const dotnetRuntime: TextFormat = {
  name: NAME,
  parse(line, context) {
    const timeEnd = line.indexOf('\t');
    if (timeEnd < 19 || timeEnd > 40 || !isIsoTimestampAt(line, 0, timeEnd)) return undefined;
    const idEnd = line.indexOf('\t', timeEnd + 1);
    if (idEnd < 0 || !isRequestIdColumn(line, timeEnd + 1, idEnd)) return undefined;
    const requestId = requestIdOf(line.slice(timeEnd + 1, idEnd));
    const levelEnd = line.indexOf('\t', idEnd + 1);
    const level =
      levelEnd > 0 && levelEnd - idEnd <= 12 ? LABELS.get(line.slice(idEnd + 1, levelEnd)) : undefined;
    const body = level === undefined ? line.slice(idEnd + 1) : line.slice(levelEnd + 1);
    return envelope(NAME, context.parseBody(body), level, requestId);
  },
};
