import { isObject, without, type JsonObject } from '../fields.js';
import { levelSpellings, toLevelName } from '../levels.js';
import type { JsonFormat, ParseContext, ParsedLine, TextFormat } from '../logFormat.js';
import { envelope } from './envelope.js';

/**
 * Lines that Lambda extensions write into the function's log stream, named after the extension:
 * - `[AWS Parameters and Secrets Lambda Extension] 2023/02/21 11:21:30 PARAMETERS_SECRETS_EXTENSION_LOG_LEVEL is info.`
 *   (the extension's name in brackets, then its own line; the AWS-provided extensions and the
 *   samples of aws-samples/aws-lambda-extensions print `[<extension name>] …`); New Relic's puts
 *   its level last in the brackets, `[NR_EXT ERROR] …` (newrelic/newrelic-lambda-extension
 *   util/logger.go);
 * - Datadog's `2023-01-01 12:00:00 UTC | DD_EXTENSION | DEBUG | message`
 *   (DataDog/datadog-agent pkg/config/setup log format `%Date(…) UTC | %LoggerName | %LEVEL | %Msg`);
 *   its Rust extension (bottlecap) writes `DD_EXTENSION | DEBUG | message` without the date, and
 *   since early 2026 as JSON, `{"level":"DEBUG","message":"DD_EXTENSION | DEBUG | …"}`, then with
 *   `status` in place of `level` (DataDog/datadog-lambda-extension bottlecap/src/logger.rs
 *   `Formatter::format_event`): the message's columns are read the same way, the JSON line's
 *   other keys (`status`) kept.
 * The extension is the record's `name`; the rest of the line is parsed as a line of its own.
 */

const NAME = 'lambda-extension';
const BRACKET_LEVELS = levelSpellings(['TRACE', 'DEBUG', 'INFO', 'WARN', 'WARNING', 'ERROR', 'FATAL']);
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
      // A padded level (`[INFO ] `, Log4j 2's `[%-5level]`) names no extension.
      if (BRACKET_LEVELS.has(extension.trimEnd())) return undefined;
      // New Relic's `[NR_EXT ERROR] …`: the level is the bracket's last word.
      const space = extension.lastIndexOf(' ');
      const levelText = extension.slice(space + 1);
      const level = BRACKET_LEVELS.get(levelText);
      const body = envelope(NAME, context.parseBody(line.slice(close + 2)), level, undefined, levelText);
      body.name ??= level === undefined ? extension : extension.slice(0, space);
      return body;
    }
    const c = line.charCodeAt(0);
    if (c === 0x44 /* D */) return line.startsWith(DATADOG) ? parseColumns(line, 0, context) : undefined;
    if (c < 0x30 || c > 0x39) return undefined;
    const first = line.indexOf(' | ');
    if (first < 0 || first > 40) return undefined;
    return parseColumns(line, first + 3, context);
  },
};

const DATADOG = 'DD_EXTENSION | ';

/** `<NAME>_EXTENSION | <LEVEL> | <message>` from `start`: the logger, its level, the message. */
function parseColumns(line: string, start: number, context: ParseContext): ParsedLine | undefined {
  const second = line.indexOf(' | ', start);
  if (second < 0 || second - start > MAX_NAME) return undefined;
  const logger = line.slice(start, second);
  if (!logger.endsWith('_EXTENSION')) return undefined;
  const third = line.indexOf(' | ', second + 3);
  if (third < 0 || third - second > 12) return undefined;
  const levelText = line.slice(second + 3, third);
  const level = toLevelName(levelText);
  if (level === undefined) return undefined;
  const body = envelope(NAME, context.parseBody(line.slice(third + 3)), level, undefined, levelText);
  body.name ??= logger;
  return body;
}

/**
 * The Datadog extension's JSON line: `message` holds its text columns. Its other keys (`status`,
 * `level`: the same level) stay fields; a key the message's own line also has leaves the line
 * to the other formats (nothing is merged over).
 */
export const lambdaExtensionJson: JsonFormat = {
  name: NAME,
  parse(object: JsonObject, context: ParseContext): ParsedLine | undefined {
    const message = object.message;
    if (typeof message !== 'string' || !message.startsWith(DATADOG)) return undefined;
    const parsed = parseColumns(message, 0, context);
    if (parsed === undefined) return undefined;
    const rest = without(object, ['message']);
    if (rest === undefined) return parsed;
    const fields: JsonObject = isObject(parsed.fields) ? { ...parsed.fields } : {};
    for (const key of Object.keys(rest)) {
      if (key in fields) return undefined;
      fields[key] = rest[key];
    }
    parsed.fields = fields;
    return parsed;
  },
};
