import { levelSpellings } from '../levels.js';
import type { LevelName } from '../record.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { parseLambdaErrorPayload } from './lambdaErrorPayload.js';
import { isUuidAt, skipSpaces } from './scan.js';
import { isMultiLine, splitLines, splitStack, type MessageAndStack } from './stacks.js';

/**
 * Ruby's `Logger` text, as Ruby functions on Lambda write it:
 * - Ruby's default formatter: `I, [2020-05-11T12:44:44.123456 #8]  INFO -- progname: message`
 *   (`Format = "%.1s, [%s #%d] %5s -- %s: %s\n"`, datetime `%Y-%m-%dT%H:%M:%S.%6N`);
 * - the Lambda runtime's `LambdaLogFormatter`:
 *   `I, [2019-10-26T10:04:01.689856 #8]  INFO 6573a3a0-2fb1-4e78-a582-2c769282e0bd -- : message`
 *   (`'%<sev>s, [%<datetime>s#%<process>d] %<severity>5s %<request_id>s -- %<progname>s: %<msg>s'`).
 * The progname, when set, is the logger's name; the process id (`#8`) is kept as `pid`. An error logged with its backtrace keeps the
 * backtrace on the following lines: it moves to exc_info. The runtime's own handler errors
 * (`Error raised from handler method` / `Init error when loading handler …`, then the error as
 * pretty-printed JSON) are ERROR.
 * Checked against ruby/logger lib/logger/formatter.rb (`msg2str`), aws/aws-lambda-ruby-runtime-interface-client
 * lib/aws_lambda_ric/logger_patch.rb / lambda_log_formatter.rb and lambda_logger.rb, and the
 * Lambda Ruby logging guide's sample output.
 */

const NAME = 'ruby-logger';

const SEVERITIES: ReadonlyMap<string, LevelName> = new Map([
  ...levelSpellings(['DEBUG', 'INFO', 'WARN', 'ERROR', 'FATAL']),
  // Logger::UNKNOWN prints `ANY`: a message logged whatever the level.
  ['ANY', 'INFO'],
]);

const RUNTIME_ERRORS = [
  'Error raised from handler method',
  'Critical exception from handler',
  'Init error when loading handler',
];

/**
 * `logger.error(exception)` writes `msg2str(exception)`: `message (Class)` and the backtrace,
 * one `/path.rb:3:in 'm'` per line; the first line is the message, all of it is exc_info.
 */
function rubyStack(body: string): MessageAndStack {
  if (!isMultiLine(body)) return { message: body };
  const lines = splitLines(body);
  const first = lines[0] ?? '';
  const second = lines[1] ?? '';
  if (first.endsWith(')') && first.includes(' (') && second.includes('.rb:')) {
    return { message: first, exc_info: lines.join('\n').trimEnd() };
  }
  return splitStack(body);
}

function parseLogger(line: string): ParsedLine | undefined {
  // `I, [` — the severity's first letter.
  if (line.charCodeAt(1) !== 0x2c || line.charCodeAt(2) !== 0x20 || line.charCodeAt(3) !== 0x5b)
    return undefined;
  const close = line.indexOf(']', 4);
  const hash = line.indexOf('#', 4);
  if (close < 0 || close > 80 || hash > close) return undefined;
  const pid = hash < 0 ? undefined : Number(line.slice(hash + 1, close));
  let i = skipSpaces(line, close + 1);
  const severityEnd = line.indexOf(' ', i);
  if (severityEnd < 0 || severityEnd - i > 5) return undefined;
  const level = SEVERITIES.get(line.slice(i, severityEnd));
  if (level === undefined) return undefined;
  i = skipSpaces(line, severityEnd);
  let requestId: string | undefined;
  if (isUuidAt(line, i)) {
    requestId = line.slice(i, i + 36);
    i = skipSpaces(line, i + 36);
  }
  if (!line.startsWith('-- ', i)) return undefined;
  const progEnd = line.indexOf(': ', i + 3);
  const bareEnd = progEnd < 0 && line.endsWith(':') ? line.length - 1 : progEnd;
  if (bareEnd < 0 || bareEnd - i > 256) return undefined;
  const progname = line.slice(i + 3, bareEnd);
  const { message, exc_info } = rubyStack(line.slice(Math.min(line.length, bareEnd + 2)));
  return {
    message,
    levelname: level,
    name: progname === '' ? undefined : progname,
    exc_info,
    aws_request_id: requestId,
    fields: pid === undefined || !Number.isSafeInteger(pid) ? undefined : { pid },
  };
}

export const rubyRuntime: TextFormat = {
  name: NAME,
  parse(line) {
    const c = line.charCodeAt(0);
    if ('DIWEFA'.includes(line.charAt(0)) && line.length > 4) {
      const parsed = parseLogger(line);
      if (parsed !== undefined) return parsed;
    }
    if (c === 0x45 /* E */ || c === 0x49 /* I */ || c === 0x43 /* C */) {
      for (const text of RUNTIME_ERRORS) {
        if (!line.startsWith(text)) continue;
        // The error's JSON is a write of its own, but lands in this event when both were buffered.
        const brace = line.indexOf('\n{');
        const payload = brace < 0 ? undefined : parseLambdaErrorPayload(line.slice(brace + 1).trim(), text);
        if (payload !== undefined) {
          // `Init error when loading handler lambda_function.handler`: the handler it names stays.
          const handler = line.slice(text.length, brace).trim();
          if (handler !== '') payload.fields = { ...payload.fields, handler };
          return { ...payload, format: 'lambda-ruby' };
        }
        return { message: line.trimEnd(), levelname: 'ERROR', format: 'lambda-ruby' };
      }
    }
    return undefined;
  },
};
