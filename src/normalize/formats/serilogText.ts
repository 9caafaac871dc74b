import type { LevelName } from '../record.js';
import type { TextFormat } from '../logFormat.js';
import { matchShape } from './scan.js';
import { splitStack } from './stacks.js';

/**
 * Serilog's console sink with its default output template,
 * `[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}`:
 * `[12:50:51 INF] Hello, world!`, an exception's `ToString()` on the lines after the message.
 * The sink writes with `Console.Out.Write`, not `WriteLine`, so on Lambda's .NET runtime the
 * line carries no runtime prefix; without a terminal (Lambda, `awslogs`) it has no colours.
 * The level is the three-letter `u3` spelling (VRB DBG INF WRN ERR FTL); the time of day is the
 * container's clock and is dropped for the event's; the exception moves to exc_info.
 * Checked against serilog/serilog-sinks-console src/Serilog.Sinks.Console/
 * ConsoleLoggerConfigurationExtensions.cs (`DefaultConsoleOutputTemplate`),
 * Sinks/SystemConsole/ConsoleSink.cs (`Emit`: `output.Write`), Output/LevelOutputFormat.cs
 * (the `u3` names) and README.md (`[12:50:51 INF] Hello, world!`).
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

// `[HH:mm:ss LVL] `: the head is exactly this long.
const HEAD = '[00:00:00 INF] '.length;

export const serilogText: TextFormat = {
  name: NAME,
  parse(line) {
    if (line.charCodeAt(0) !== 0x5b /* [ */ || line.charCodeAt(9) !== 0x20) return undefined;
    if (line.charCodeAt(13) !== 0x5d /* ] */ || line.charCodeAt(14) !== 0x20) return undefined;
    const levelname = LEVELS.get(line.slice(10, 13));
    if (levelname === undefined || !matchShape(line, 1, 'dd:dd:dd')) return undefined;
    const { message, exc_info } = splitStack(line.slice(HEAD).trimEnd());
    return { message, levelname, exc_info };
  },
};
