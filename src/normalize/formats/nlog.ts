import { levelSpellings } from '../levels.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { isWordChar } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * NLog's text layouts, as its targets write them to a console or a file:
 * - the default layout of every NLog target, `${longdate}|${level:uppercase=true}|${logger}|${message:withexception=true}`
 *   (NLog wiki, SimpleLayout: "Many NLog Targets has their Layout-option configured to this
 *   default-value"), which the AWS.Logger.NLog `AWSTarget` writes to CloudWatch Logs unless told
 *   otherwise (the AWS Toolkit for Visual Studio's Lambda tutorial, "Using Amazon Logging
 *   Frameworks with Amazon Lambda", gives it no layout; aws/aws-logging-dotnet's `AWSTarget` is a
 *   `TargetWithLayout`): `2023-11-01 10:47:57.0811|ERROR|MyApp.Worker|Failed to process|System.InvalidOperationException: boom`.
 *   `${longdate}` is `yyyy-MM-dd HH:mm:ss.ffff`; `withexception` appends the exception's
 *   `ToString()` after `ExceptionSeparator`, `|` since NLog 5 and a line break before
 *   (NLog src/NLog/LayoutRenderers/MessageLayoutRenderer.cs); NLog 4's default had no exception;
 *   `${level}` without `uppercase` writes `Info`, `Warn`;
 * - NLog.Web's getting-started `nlog.config`, with the ASP.NET Core event id after the time,
 *   `${longdate}|${event-properties:item=EventId_Id:whenEmpty=0}|${level:uppercase=true}|${logger}|${message} ${exception:format=tostring}`
 *   (`2021-03-24 14:01:35.3760|0|INFO|Microsoft.Hosting.Lifetime|Now listening on: …`), the
 *   event id kept as `event_id`, the exception after a space;
 * - the space-separated layout the tutorials and many configurations use,
 *   `${longdate} ${uppercase:${level}} ${logger} ${message} ${exception:format=tostring}`, read
 *   only when the logger is a namespace-qualified class name (`MyApp.Worker`, what
 *   `GetCurrentClassLogger` names): a bare word there may be the message's first.
 *
 * Read: the level (TRACE DEBUG, WARN WARNING, FATAL CRITICAL), the logger as `name`, the message;
 * the exception (`System.X: msg` and its `   at …` frames, whichever separator wrote it) as
 * exc_info. The time is the container's clock and is dropped for the event's.
 */

const NAME = 'nlog';

const LEVELS = levelSpellings([
  'TRACE',
  'DEBUG',
  'INFO',
  'WARN',
  'ERROR',
  'FATAL',
  'Trace',
  'Debug',
  'Info',
  'Warn',
  'Error',
  'Fatal',
]);

// `${longdate}|[event id|]LEVEL|logger|`: anchored at the start, one pass.
const PIPES =
  /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{4}\|(?:(\d{0,10})\|)?([A-Za-z]{4,5})\|([^|\s]{1,512})\|/y;
// `${longdate} LEVEL Namespace.Class `: the logger has a dot.
const SPACES =
  /\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{4} ([A-Z]{4,5}) ([A-Za-z_][\w`+<>]{0,255}(?:\.[\w`+<>]{1,255}){1,32})(?: |$)/y;

const EXCEPTION = 'Exception';
// How far back from `Exception` a type name is read (`System.Net.Http.HttpRequestException`).
const MAX_TYPE = 512;

function isTypeChar(code: number): boolean {
  return isWordChar(code) || code === 0x2e /* . */ || code === 0x60 /* ` */ || code === 0x2b; /* + */
}

/**
 * Where the exception's `ToString()` starts in `text`, and the separator's length before it: a
 * namespace-qualified type ending in `Exception` (`System.InvalidOperationException`), followed
 * by `:` or the end of a line, after `|`, a space or a line break. -1 when there is none.
 */
function exceptionAt(text: string): { start: number; separator: number } | undefined {
  let at = text.indexOf(EXCEPTION);
  while (at >= 0) {
    const end = at + EXCEPTION.length;
    const next = text.charCodeAt(end);
    if (Number.isNaN(next) || next === 0x3a /* : */ || next === 0x0a || next === 0x0d) {
      let start = at;
      const floor = Math.max(0, at - MAX_TYPE);
      while (start > floor && isTypeChar(text.charCodeAt(start - 1))) start--;
      const before = text.charCodeAt(start - 1);
      const qualified = text.slice(start, end).includes('.') && text.charCodeAt(start) !== 0x2e;
      if (qualified && (before === 0x7c /* | */ || before === 0x20 || before === 0x0a)) {
        return { start, separator: before === 0x0a && text.charCodeAt(start - 2) === 0x0d ? 2 : 1 };
      }
    }
    at = text.indexOf(EXCEPTION, end);
  }
  return undefined;
}

/** The message and the exception written after it. */
function splitException(rest: string): { message: string; exc_info?: string | undefined } {
  const text = rest.trimEnd();
  const found = exceptionAt(text);
  if (found === undefined) return splitStack(text);
  return {
    message: text.slice(0, found.start - found.separator).trimEnd(),
    exc_info: text.slice(found.start),
  };
}

function parsePipes(line: string): ParsedLine | undefined {
  PIPES.lastIndex = 0;
  const head = PIPES.exec(line);
  if (head === null) return undefined;
  const levelname = LEVELS.get(head[2] ?? '');
  if (levelname === undefined) return undefined;
  const { message, exc_info } = splitException(line.slice(PIPES.lastIndex));
  const eventId = head[1];
  return {
    message,
    levelname,
    name: head[3],
    exc_info,
    fields: eventId === undefined || eventId === '' ? undefined : { event_id: Number(eventId) },
  };
}

function parseSpaces(line: string): ParsedLine | undefined {
  SPACES.lastIndex = 0;
  const head = SPACES.exec(line);
  if (head === null) return undefined;
  const levelname = LEVELS.get(head[1] ?? '');
  if (levelname === undefined) return undefined;
  const { message, exc_info } = splitException(line.slice(SPACES.lastIndex));
  return { message, levelname, name: head[2], exc_info };
}

export const nlog: TextFormat = {
  name: NAME,
  parse(line) {
    // `yyyy-MM-dd HH:mm:ss.ffff` then `|` or a space: the four-digit fraction is NLog's.
    if (line.charCodeAt(10) !== 0x20 || line.charCodeAt(19) !== 0x2e || line.charCodeAt(4) !== 0x2d)
      return undefined;
    const after = line.charCodeAt(24);
    if (after === 0x7c /* | */) return parsePipes(line);
    if (after === 0x20) return parseSpaces(line);
    return undefined;
  },
};
