import type { ParsedLine, TextFormat } from '../logFormat.js';
import type { LevelName } from '../record.js';

/**
 * The CloudWatch agent's own log (`amazon-cloudwatch-agent.log`, which users ship to CloudWatch
 * Logs itself, and the agent's container output on ECS/EKS): Telegraf's logger, which the agent
 * is built on, writes the time (RFC 3339, UTC), the level's letter and `!`, then the message; a
 * plugin's lines start with its name in brackets → `2023-11-01T23:02:23Z E! [outputs.cloudwatchlogs]
 * Aws error received when sending logs to …`. Its configuration translator logs through Go's `log`
 * package instead (`2024/08/05 18:27:58 I! Valid Json input schema.`), read the same way.
 * Checked against aws/amazon-cloudwatch-agent#943 and #1247 (agent logs pasted whole).
 *
 * Read: D DEBUG, I INFO, W WARNING, E ERROR; the plugin (`[agent]`, `[logagent]`,
 * `[inputs.logfile]`) as the name, the time as `time`.
 */

const NAME = 'cloudwatch-agent';
const LEVELS: Readonly<Record<string, LevelName>> = { D: 'DEBUG', I: 'INFO', W: 'WARNING', E: 'ERROR' };
const HEAD =
  /(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})|\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}:\d{2}) ([DIWE])! (?:\[([^\]\s]{1,128})\] )?/y;

export const cloudwatchAgent: TextFormat = {
  name: NAME,
  parse(line): ParsedLine | undefined {
    // `yyyy-` (RFC 3339) or `yyyy/` (Go's `log`), the level's `!` after the time.
    const sep = line.charCodeAt(4);
    if ((sep !== 0x2d && sep !== 0x2f) || line.indexOf('! ', 19) < 0) return undefined;
    HEAD.lastIndex = 0;
    const head = HEAD.exec(line);
    if (head === null) return undefined;
    return {
      message: line.slice(HEAD.lastIndex).trim(),
      levelname: LEVELS[head[2] as string],
      name: head[3],
      fields: { time: head[1] },
    };
  },
};
