/**
 * Turns your own log lines into a CloudWatch Logs subscription event to replay locally:
 *
 *   npx tsx scripts/lines-to-event.ts my.log --log-group /aws/lambda/my-fn > events/mine.json
 *   npx serverless invoke local -f forwarder -p events/mine.json
 *
 * Input: a text file with one event per line, or the JSON of `aws logs filter-log-events` /
 * `aws logs get-log-events` (multi-line events stay whole). `-` reads standard input.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { encodeSubscriptionEvent } from '../tools/subscription-event/encodeSubscriptionEvent.js';
import { readLogLines } from '../tools/subscription-event/readLogLines.js';

const USAGE =
  'usage: lines-to-event <file|-> [--log-group NAME] [--log-stream NAME] [--owner ACCOUNT] [--start ISO-TIME] [--out FILE]';

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'log-group': { type: 'string', default: '/aws/lambda/my-function' },
      'log-stream': { type: 'string', default: '2020/05/11/[$LATEST]0123456789abcdef0123456789abcdef' },
      owner: { type: 'string', default: '123456789012' },
      start: { type: 'string' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const input = positionals[0];
  if (values.help === true || input === undefined) {
    console.error(USAGE);
    process.exit(values.help === true ? 0 : 2);
  }
  const startTime = values.start === undefined ? Date.now() : Date.parse(values.start);
  if (Number.isNaN(startTime)) {
    console.error(`--start: expected an ISO 8601 time, got ${JSON.stringify(values.start)}`);
    process.exit(2);
  }
  const text = readFileSync(input === '-' ? 0 : input, 'utf8');
  const event = encodeSubscriptionEvent({
    logGroup: values['log-group'],
    logStream: values['log-stream'],
    owner: values.owner,
    startTime,
    events: readLogLines(text),
  });
  const json = `${JSON.stringify(event, null, 2)}\n`;
  if (values.out === undefined) process.stdout.write(json);
  else writeFileSync(values.out, json);
}

main();
