import type { ParsedLine, TextFormat } from '../logFormat.js';

/**
 * Lambda's own text lines in a function's log stream (LogFormat: Text):
 * `START RequestId: <id> Version: $LATEST`, `END RequestId: <id>`,
 * `REPORT RequestId: <id>\tDuration: 1.23 ms\tBilled Duration: …`, `INIT_START Runtime Version: …`,
 * `<ISO> <id> Task timed out after 3.00 seconds`.
 * https://docs.aws.amazon.com/lambda/latest/dg/monitoring-cloudwatchlogs.html
 */

const REQUEST_ID = /RequestId: ([0-9a-fA-F-]{36}|[^\s]+)/;

function requestId(line: string): string | undefined {
  return REQUEST_ID.exec(line)?.[1];
}

function parseReport(line: string): ParsedLine {
  const fields: Record<string, unknown> = {};
  // `REPORT RequestId: id\tDuration: 102.35 ms\tBilled Duration: 103 ms\tMemory Size: 128 MB\t…`
  for (const part of line.split('\t').slice(1)) {
    const colon = part.indexOf(': ');
    if (colon < 0) continue;
    const key = part.slice(0, colon).trim().toLowerCase().replace(/ /g, '_');
    const value = part.slice(colon + 2).trim();
    const number = Number.parseFloat(value);
    fields[key] = Number.isNaN(number) || key === 'status' ? value : number;
  }
  const status = typeof fields.status === 'string' ? fields.status : undefined;
  const failed = status !== undefined && status !== 'success';
  return {
    message: line.trimEnd(),
    levelname: failed ? 'ERROR' : 'INFO',
    aws_request_id: requestId(line),
    fields: { lambda: { type: 'platform.report', ...fields } },
  };
}

// `2020-05-11T12:44:44.123Z 8f5…c3 Task timed out after 3.00 seconds`
const TIMED_OUT = /^(?:\S+ )?(?:(\S+) )?Task timed out after ([\d.]+) seconds/;

export const lambdaPlatform: TextFormat = {
  name: 'lambda-platform',
  parse(line) {
    const c = line.charCodeAt(0);
    if (c === 0x53 /* S */ && line.startsWith('START RequestId: ')) {
      return {
        message: line.trimEnd(),
        aws_request_id: requestId(line),
        fields: { lambda: { type: 'platform.start' } },
      };
    }
    if (c === 0x45 /* E */ && line.startsWith('END RequestId: ')) {
      return {
        message: line.trimEnd(),
        aws_request_id: requestId(line),
        fields: { lambda: { type: 'platform.end' } },
      };
    }
    if (c === 0x52 /* R */ && line.startsWith('REPORT RequestId: ')) return parseReport(line);
    if (c === 0x49 /* I */ && line.startsWith('INIT_START ')) {
      return { message: line.trimEnd(), fields: { lambda: { type: 'platform.initStart' } } };
    }
    if (line.includes('Task timed out after ')) {
      const match = TIMED_OUT.exec(line);
      if (match !== null) {
        return {
          message: line.slice(line.indexOf('Task timed out')).trimEnd(),
          levelname: 'ERROR',
          aws_request_id: match[1],
          fields: { lambda: { type: 'platform.timeout', timeout_seconds: Number(match[2]) } },
        };
      }
    }
    return undefined;
  },
};
