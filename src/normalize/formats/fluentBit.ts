import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';

/**
 * Fluent Bit's own log, as the log router of ECS FireLens (AWS for Fluent Bit) and of EKS
 * clusters writes it to CloudWatch Logs: `[2023/11/01 10:47:57] [ info] [fluent bit] version=2.1.10`.
 * fluent/fluent-bit src/flb_log.c (`flb_log_construct`) writes the local time in brackets, the
 * level's title right-aligned to five (`error`, ` warn`, ` info`, `debug`, `trace`, `help`), then
 * the message; the core and every plugin start theirs with their own name in brackets
 * (`[engine]`, `[output:cloudwatch_logs:cloudwatch_logs.0]`), read as the name. Colours only on a
 * terminal. The time is kept as `time`.
 */

const LEVELS: Readonly<Record<string, LevelName>> = {
  error: 'ERROR',
  warn: 'WARNING',
  info: 'INFO',
  debug: 'DEBUG',
  trace: 'DEBUG',
  help: 'INFO',
};
const HEAD =
  /\[(\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2})\] \[ {0,1}(error|warn|info|debug|trace|help)\] (?:\[([^\]\n]{1,128})\] )?/y;

export const fluentBit: TextFormat = {
  name: 'fluent-bit',
  parse(line): ParsedLine | undefined {
    if (line.charCodeAt(5) !== 0x2f /* / */ || line.charCodeAt(21) !== 0x20) return undefined;
    HEAD.lastIndex = 0;
    const head = HEAD.exec(line);
    if (head === null) return undefined;
    const fields: Record<string, unknown> = { time: head[1] };
    // `help` has no level word of its own: kept as written.
    if (head[2] === 'help') fields.level = head[2];
    return {
      message: line.slice(HEAD.lastIndex).trim(),
      levelname: LEVELS[head[2] as string],
      name: head[3],
      fields,
    };
  },
};
