import { toLevelName } from '../levels.js';
import type { TextFormat } from '../logFormat.js';
import { envelope } from './envelope.js';

/**
 * Lines that Lambda extensions write into the function's log stream, named after the extension:
 * - `[AWS Parameters and Secrets Lambda Extension] 2023/02/21 11:21:30 PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL is info.`
 *   (the extension's name in brackets, then its own line; the AWS-provided extensions and the
 *   samples of aws-samples/aws-lambda-extensions print `[<extension name>] …`);
 * - Datadog's `2023-01-01 12:00:00 UTC | DD_EXTENSION | DEBUG | message`
 *   (DataDog/datadog-agent pkg/config/setup log format `%Date(…) UTC | %LoggerName | %LEVEL | %Msg`).
 * The extension is the record's `name`; the rest of the line is parsed as a line of its own.
 */

const NAME = 'lambda-extension';
const MAX_NAME = 100;

export const lambdaExtension: TextFormat = {
  name: NAME,
  parse(line, context) {
    if (line.charCodeAt(0) === 0x5b /* [ */) {
      const close = line.indexOf('] ');
      if (close < 0 || close > MAX_NAME) return undefined;
      const extension = line.slice(1, close);
      // A name of words (`AWS Parameters and Secrets Lambda Extension`), not a level or a time.
      if (!extension.includes(' ') || !/^[A-Za-z][\w .-]*$/.test(extension)) return undefined;
      const body = envelope(NAME, context.parseBody(line.slice(close + 2)), undefined, undefined);
      body.name ??= extension;
      return body;
    }
    const c = line.charCodeAt(0);
    if (c < 0x30 || c > 0x39) return undefined;
    const first = line.indexOf(' | ');
    if (first < 0 || first > 40) return undefined;
    const second = line.indexOf(' | ', first + 3);
    if (second < 0 || second - first > MAX_NAME) return undefined;
    const logger = line.slice(first + 3, second);
    if (!logger.endsWith('_EXTENSION')) return undefined;
    const third = line.indexOf(' | ', second + 3);
    if (third < 0 || third - second > 12) return undefined;
    const level = toLevelName(line.slice(second + 3, third));
    if (level === undefined) return undefined;
    const body = envelope(NAME, context.parseBody(line.slice(third + 3)), level, undefined);
    body.name ??= logger;
    return body;
  },
};
