/**
 * The main job, locally: starts the local Firehose endpoint, replays every subscription event in
 * `events/` (or the files given) through `serverless invoke local`, and shows, per file, what
 * arrived: events → records, their levels, one line per record, and the NDJSON objects written.
 *
 *   npm start                              # every events/*.json
 *   npm start -- events/pino.json          # just these
 *   npm start -- --json > records.ndjson   # the raw records on stdout, the summary on stderr
 *   npm start -- --param="rejoinMultiline=true"   # any serverless param, as for a deploy
 *
 * No AWS account is used: dummy credentials, and the SDK's own AWS_ENDPOINT_URL_FIREHOSE points
 * at the endpoint on 127.0.0.1. The files are shared among one `serverless invoke local` process
 * per core (scripts/replay/invokeEach.cjs), each invoking the handler once per file.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { startLocalFirehose, type AcceptedRecord } from '../tools/local-firehose/startLocalFirehose.js';
import {
  decodeSubscriptionEvent,
  type SubscriptionEvent,
} from '../tools/subscription-event/encodeSubscriptionEvent.js';
import { outcomeLine, splitInvocations, type Invocation } from './replay/invocationOutput.js';
import { levelCounts, recordLines } from './replay/recordLines.js';

const USAGE = `Usage: npm start -- [options] [events/<file>.json ...]

Replays subscription events (default: every events/*.json) through \`serverless invoke local\`
into a local Firehose on 127.0.0.1 and shows what was delivered. No AWS account is used.

  --json                 print the delivered records themselves (NDJSON) on stdout; the summary goes to stderr
  --param "name=value"   a serverless param for the run, as for a deploy (repeatable), e.g. rejoinMultiline=true
  --help                 show this text`;

const OUTPUT_DIR = resolve('.local-firehose');
const SERVERLESS = resolve('node_modules/osls/bin/serverless.js');
const INVOKE_EACH = resolve('scripts/replay/invokeEach.cjs');

interface Worker {
  readonly code: number | null;
  readonly invocations: Invocation[];
  readonly output: string;
}

/** One `serverless invoke local` process that invokes the forwarder once per file, in order. */
function runWorker(
  index: number,
  files: readonly string[],
  params: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<Worker> {
  const args = ['-r', INVOKE_EACH, SERVERLESS, 'invoke', 'local', '-f', 'forwarder', '-p', files[0] ?? ''];
  for (const param of params) args.push(`--param=${param}`);
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, {
      env: {
        ...env,
        CWLF_REPLAY_FILES: JSON.stringify(files),
        ESBUILD_WORK_FOLDER: `.esbuild-replay-${index}`,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) => {
      done({ code, invocations: splitInvocations(output), output });
    });
  });
}

/** The subscription payloads a sample holds: one (`awslogs`) or one per Kinesis record. */
function payloadsOf(event: unknown): unknown[] {
  const records = (event as { Records?: { kinesis?: { data?: unknown } }[] }).Records;
  if (Array.isArray(records)) {
    return records.map((record): unknown =>
      JSON.parse(gunzipSync(Buffer.from(String(record.kinesis?.data), 'base64')).toString('utf8')),
    );
  }
  return [decodeSubscriptionEvent(event as SubscriptionEvent)];
}

/** Which event file each CloudWatch event id comes from (ids are unique across events/). */
function eventFilesById(files: readonly string[]): Map<string, string> {
  const byId = new Map<string, string>();
  for (const file of files) {
    try {
      for (const payload of payloadsOf(JSON.parse(readFileSync(file, 'utf8')))) {
        for (const event of (payload as { logEvents?: { id?: unknown }[] }).logEvents ?? []) {
          byId.set(String(event.id), file);
        }
      }
    } catch {
      // Not a decodable event: its invocation will say why.
    }
  }
  return byId;
}

function parsed(record: AcceptedRecord): Record<string, unknown> {
  try {
    return JSON.parse(record.data.toString('utf8')) as Record<string, unknown>;
  } catch {
    return { levelname: '?', name: '?', message: record.data.toString('utf8') };
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    args: process.argv.slice(2),
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      param: { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  const params = values.param ?? [];
  const stream =
    params.find((param) => param.startsWith('deliveryStreamName='))?.slice('deliveryStreamName='.length) ??
    'logging-test';
  const files =
    positionals.length > 0
      ? positionals
      : readdirSync('events')
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join('events', f));
  // With --json the records own stdout; the person's view goes to stderr.
  const say = (line: string): void => {
    if (values.json === true) console.error(line);
    else console.log(line);
  };

  const started = Date.now();
  const firehose = await startLocalFirehose({ streams: [stream], dir: OUTPUT_DIR });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_FIREHOSE: firehose.url,
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
    NODE_NO_WARNINGS: '1',
  };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  const processes = Math.max(1, Math.min(files.length, availableParallelism()));
  say(
    `local Firehose on ${firehose.url}, stream "${stream}"; replaying ${files.length} event file(s) ` +
      `through serverless invoke local (${processes} process${processes === 1 ? '' : 'es'})\n`,
  );
  // Round-robin, so both processes get a share of the large files.
  const shares = Array.from({ length: processes }, (_, i) => files.filter((_, j) => j % processes === i));
  let workers: Worker[];
  try {
    workers = await Promise.all(shares.map((share, i) => runWorker(i, share, params, env)));
  } finally {
    await firehose.close();
  }

  const byId = eventFilesById(files);
  const recordsByFile = new Map<string, AcceptedRecord[]>();
  for (const record of firehose.records(stream)) {
    const id = (parsed(record).cloudwatch as { id?: unknown } | undefined)?.id;
    const file = byId.get(String(id)) ?? '(unattributed)';
    recordsByFile.set(file, [...(recordsByFile.get(file) ?? []), record]);
  }
  const invocations = new Map(workers.flatMap((worker) => worker.invocations).map((i) => [i.file, i]));
  let failures = 0;
  for (const file of files) {
    const invocation = invocations.get(file);
    const records = recordsByFile.get(file) ?? [];
    const views = records.map(parsed);
    if (invocation === undefined) {
      failures++;
      say(`── ${file}: not run (the serverless invoke local process stopped before it)`);
      continue;
    }
    if (invocation.code !== 0) failures++;
    const levels = views.length > 0 ? `  (${levelCounts(views)})` : '';
    say(`── ${file}: ${outcomeLine(invocation)}${levels}`);
    if (values.json === true)
      for (const record of records) process.stdout.write(record.data.toString('utf8'));
    else for (const view of views) for (const line of recordLines(view)) say(line);
    const objects = [...new Set(records.map((record) => record.file).filter((f) => f !== undefined))];
    for (const object of objects) say(`  → ${relative(process.cwd(), object)}`);
  }
  // A process that failed before any invocation (e.g. serverless.yml or a param refused).
  for (const worker of workers) {
    if (worker.code !== 0 && worker.invocations.length === 0) {
      say(`\nserverless invoke local failed:\n${worker.output.trim()}`);
    }
  }
  const stats = firehose.stats();
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  say(
    `\n${stats.recordsAccepted} records delivered in ${stats.calls} PutRecordBatch call(s) from ${files.length} file(s) in ${seconds} s.`,
  );
  say(
    `NDJSON objects, laid out like Firehose's S3 backup: ${relative(process.cwd(), join(OUTPUT_DIR, stream))}/`,
  );
  if (failures > 0 || workers.some((worker) => worker.code !== 0)) {
    say(`\n${failures} file(s) failed; see their errors above.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
