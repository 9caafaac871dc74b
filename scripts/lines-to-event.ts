/**
 * Turns your own log lines into CloudWatch Logs subscription events to replay locally:
 *
 *   npm run event:from-lines -- my.log --log-group /aws/lambda/my-fn --out events/mine.json
 *   npx serverless invoke local -f forwarder -p events/mine.json
 *
 * Input: a text file with one event per line (each at the time it starts with, when it has one;
 * else one millisecond after the line before, the first at --start or now), or the JSON of
 * `aws logs filter-log-events` / `aws logs get-log-events` (multi-line events stay whole, each
 * keeps its time, id and `logStreamName`). `-` reads standard input. CloudWatch Logs sends one
 * payload per log stream, so events of several streams become one event file per stream.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { encodeSubscriptionEvent } from '../tools/subscription-event/encodeSubscriptionEvent.js';
import { byLogStream, readLogLines } from '../tools/subscription-event/readLogLines.js';

const USAGE = `usage: npm run event:from-lines -- <file|-> --log-group NAME [options]

  --log-group NAME   the log group the lines come from (required: it is the record's provenance,
                     and the name of plain lines from /aws/lambda/<function> groups)
  --log-stream NAME  stream of events that name none (default 2020/05/11/[$LATEST]0123…)
  --owner ACCOUNT    account id (default 123456789012)
  --start ISO-TIME   time of a first line that carries none (default now)
  --out FILE         write there (several streams: FILE-1.json, FILE-2.json, …); default stdout`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function main(): void {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'log-group': { type: 'string' },
      'log-stream': { type: 'string', default: '2020/05/11/[$LATEST]0123456789abcdef0123456789abcdef' },
      owner: { type: 'string', default: '123456789012' },
      start: { type: 'string' },
      out: { type: 'string', short: 'o' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const input = positionals[0];
  if (input === undefined) fail('give the file to read (or - for standard input)');
  const logGroup = values['log-group'];
  if (logGroup === undefined || logGroup.trim() === '') fail('--log-group is required');
  const startTime = values.start === undefined ? Date.now() : Date.parse(values.start);
  if (Number.isNaN(startTime))
    fail(`--start: expected an ISO 8601 time, got ${JSON.stringify(values.start)}`);

  const lines = readLogLines(readFileSync(input === '-' ? 0 : input, 'utf8'));
  const streams = byLogStream(lines, values['log-stream']);
  if (streams.length > 1 && values.out === undefined) {
    fail(
      `the input holds events of ${streams.length} log streams: give --out FILE for one event file per stream`,
    );
  }
  streams.forEach(({ logStream, events }, index) => {
    const event = encodeSubscriptionEvent({ logGroup, logStream, owner: values.owner, startTime, events });
    const json = `${JSON.stringify(event, null, 2)}\n`;
    const out =
      values.out === undefined || streams.length === 1
        ? values.out
        : values.out.replace(/(\.json)?$/, `-${index + 1}.json`);
    if (out === undefined) process.stdout.write(json);
    else writeFileSync(out, json);
    const dated = events.filter((e) => e.timestamp !== undefined).length;
    console.error(
      `${out ?? 'stdout'}: ${events.length} event(s) of ${logGroup}, stream ${logStream} ` +
        `(${dated} at their own time, ${events.length - dated} timed from the line before or --start)`,
    );
  });
}

main();
