/**
 * The main job, locally: starts the local Firehose endpoint, replays every subscription event in
 * `events/` (or the files given) through `serverless invoke local`, and prints the records that
 * arrived and where their NDJSON files are.
 *
 *   npm start                       # every events/*.json
 *   npm start -- events/nodejs.json # just these
 *
 * No AWS account is used: dummy credentials, and the SDK's own AWS_ENDPOINT_URL_FIREHOSE points
 * at the endpoint on 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { startLocalFirehose } from '../tools/local-firehose/startLocalFirehose.js';

const STREAM = process.env.DELIVERY_STREAM_NAME ?? 'logging-test';
const OUTPUT_DIR = resolve('.local-firehose');
const SERVERLESS = resolve('node_modules/osls/bin/serverless.js');

interface Invocation {
  readonly code: number | null;
  readonly output: string;
}

function invokeLocal(file: string, env: NodeJS.ProcessEnv): Promise<Invocation> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [SERVERLESS, 'invoke', 'local', '-f', 'forwarder', '-p', file], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const collect = (chunk: Buffer): void => {
      output += chunk.toString();
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', fail);
    child.on('close', (code) => {
      done({ code, output });
    });
  });
}

/** The handler's one-line summary (`{"message":"forwarded",…}`) or the error it failed with. */
function outcome(output: string): string {
  const summary = output.split('\n').find((line) => line.includes('"message":"forwarded"'));
  if (summary !== undefined) {
    const s = JSON.parse(summary) as Record<string, unknown>;
    return `${String(s.messageType ?? s.input)}: ${String(s.events)} events → ${String(s.delivered)} records delivered in ${String(s.calls)} call(s)`;
  }
  const error = /"errorMessage":\s*"([^"]*)"/.exec(output);
  return error?.[1] ?? output.trim().split('\n').slice(-5).join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const files =
    args.length > 0
      ? args
      : readdirSync('events')
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => join('events', f));
  const firehose = await startLocalFirehose({ streams: [STREAM], dir: OUTPUT_DIR });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_REGION: process.env.AWS_REGION ?? 'us-east-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_ENDPOINT_URL_FIREHOSE: firehose.url,
    DELIVERY_STREAM_NAME: STREAM,
    AWS_SDK_JS_SUPPRESS_MAINTENANCE_MODE_MESSAGE: '1',
  };
  delete env.AWS_PROFILE;
  delete env.AWS_SESSION_TOKEN;
  console.log(
    `local Firehose on ${firehose.url}, stream "${STREAM}"; replaying ${files.length} event file(s)\n`,
  );
  let failures = 0;
  try {
    for (const file of files) {
      const before = firehose.records(STREAM).length;
      const result = await invokeLocal(file, env);
      const records = firehose.records(STREAM).slice(before);
      console.log(`── ${file}: ${outcome(result.output)}`);
      if (result.code !== 0) failures++;
      for (const record of records) process.stdout.write(`   ${record.data.toString('utf8')}`);
      console.log('');
    }
  } finally {
    await firehose.close();
  }
  const stats = firehose.stats();
  const written = firehose.files(STREAM).map((f) => relative(process.cwd(), f));
  console.log(`${stats.recordsAccepted} records delivered in ${stats.calls} PutRecordBatch call(s).`);
  console.log(
    `NDJSON files (laid out like Firehose's S3 backup) under ${relative(process.cwd(), OUTPUT_DIR)}/:`,
  );
  for (const file of written) console.log(`   ${file}`);
  if (failures > 0) {
    console.error(`\n${failures} invocation(s) failed; see their errors above.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
