import { levelSpellings } from '../levels.js';
import type { LevelName } from '../record.js';
import type { ParsedLine, TextFormat } from '../logFormat.js';
import { isDigit, matchShape } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * Serilog's console sink with its default output template,
 * `[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}`:
 * `[12:50:51 INF] Hello, world!`, an exception's `ToString()` on the lines after the message;
 * also the file sink's default, which configurations give the console sink as well,
 * `{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}`:
 * `2018-10-04 13:41:15.384 +02:00 [WRN] Disk quota 90% used`, its time (with its date and offset)
 * kept as `time`, the level also as `{Level}` writes it in full (`[Warning]`).
 * The sink writes with `Console.Out.Write`, not `WriteLine`, so on Lambda's .NET runtime the
 * line carries no runtime prefix; without a terminal (Lambda, `awslogs`) it has no colours.
 * The level is the three-letter `u3` spelling (VRB DBG INF WRN ERR FTL); the time of day is the
 * container's clock and is dropped for the event's; the exception moves to exc_info.
 * Checked against serilog/serilog-sinks-console src/Serilog.Sinks.Console/
 * ConsoleLoggerConfigurationExtensions.cs (`DefaultConsoleOutputTemplate`),
 * Sinks/SystemConsole/ConsoleSink.cs (`Emit`: `output.Write`), Output/LevelOutputFormat.cs
 * (the `u3` names) and README.md (`[12:50:51 INF] Hello, world!`), and serilog/serilog-sinks-file
 * src/Serilog.Sinks.File/FileLoggerConfigurationExtensions.cs (`DefaultOutputTemplate`).
 */

const NAME = 'serilog-text';

const LEVELS: ReadonlyMap<string, LevelName> = new Map<string, LevelName>([
  ['VRB', 'DEBUG'],
  ['DBG', 'DEBUG'],
  ['INF', 'INFO'],
  ['WRN', 'WARNING'],
  ['ERR', 'ERROR'],
  ['FTL', 'CRITICAL'],
]);

// `LogEventLevel` names, as `{Level}` without a format writes them.
const FULL_LEVELS = levelSpellings(['Verbose', 'Debug', 'Information', 'Warning', 'Error', 'Fatal']);
// `yyyy-MM-dd HH:mm:ss.fff zzz [`: the file template's head up to the level.
const DATED = 'dddd-dd-dd dd:dd:dd.ddd ';
const DATED_LEVEL = DATED.length + '+00:00 ['.length;
// `[Information] ` is the longest level.
const MAX_LEVEL = 'Information'.length;

/** `2018-10-04 13:41:15.384 +02:00 [WRN] message` (see the format's comment). */
function parseDated(line: string): ParsedLine | undefined {
  if (!matchShape(line, 0, DATED)) return undefined;
  // `zzz`: `+02:00`, `-05:00`.
  const sign = line.charAt(DATED.length);
  if ((sign !== '+' && sign !== '-') || !matchShape(line, DATED.length + 1, 'dd:dd [')) return undefined;
  // Only the level's few characters are searched for its `] `.
  const end = line.slice(DATED_LEVEL, DATED_LEVEL + MAX_LEVEL + 2).indexOf('] ');
  if (end < 0) return undefined;
  const close = DATED_LEVEL + end;
  const word = line.slice(DATED_LEVEL, close);
  const levelname = LEVELS.get(word) ?? FULL_LEVELS.get(word);
  if (levelname === undefined) return undefined;
  const { message, exc_info } = splitStack(line.slice(close + 2).trimEnd());
  return { message, levelname, exc_info, fields: { time: line.slice(0, DATED_LEVEL - 2) } };
}

// `[yyyy-MM-dd HH:mm:ss.fff zzz LVL] `: the longest time a template puts in the bracket.
const MAX_BRACKET = 48;

/**
 * The console template with a dated timestamp in the bracket, as configurations write it
 * (`[{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} {Level:u3}] {Message:lj}`):
 * `[2023-11-01 10:47:57.081 +00:00 WRN] Disk quota 90% used`; the time kept as `time`.
 */
function parseBracketedDate(line: string): ParsedLine | undefined {
  if (!isDigit(line.charCodeAt(1))) return undefined;
  const close = line.indexOf('] ', 1);
  if (close < 12 || close > MAX_BRACKET || line.charCodeAt(close - 4) !== 0x20) return undefined;
  const levelname = LEVELS.get(line.slice(close - 3, close));
  const time = line.slice(1, close - 4);
  if (levelname === undefined || !matchShape(time, time.indexOf(':') - 2, 'dd:dd')) return undefined;
  const { message, exc_info } = splitStack(line.slice(close + 2).trimEnd());
  return { message, levelname, exc_info, fields: { time } };
}

// `[HH:mm:ss LVL] `: the head is exactly this long.
const HEAD = '[00:00:00 INF] '.length;

export const serilogText: TextFormat = {
  name: NAME,
  parse(line) {
    if (isDigit(line.charCodeAt(0))) return parseDated(line);
    if (line.charCodeAt(0) !== 0x5b /* [ */) return undefined;
    if (line.charCodeAt(9) !== 0x20 || line.charCodeAt(13) !== 0x5d /* ] */ || line.charCodeAt(14) !== 0x20)
      return parseBracketedDate(line);
    const levelname = LEVELS.get(line.slice(10, 13));
    if (levelname === undefined || !matchShape(line, 1, 'dd:dd:dd')) return undefined;
    const { message, exc_info } = splitStack(line.slice(HEAD).trimEnd());
    return { message, levelname, exc_info };
  },
};
