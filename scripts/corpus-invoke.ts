/**
 * The outside check, locally: every line of the real-world corpus (`test/fixtures/corpus/`) goes
 * through `serverless invoke local` as one CloudWatch Logs subscription event, into the local
 * Firehose endpoint, and each delivered record is compared field by field (`asctime`, `name`,
 * `levelname`, `message`, `exc_info`, `aws_request_id`, `@timestamp`, `cloudwatch`) with the
 * record the corpus worked out by hand from SPEC §3.
 *
 *   npx tsx scripts/corpus-invoke.ts
 *
 * Exits 1 when a record is missing or differs. No AWS account: dummy credentials, the SDK's own
 * AWS_ENDPOINT_URL_FIREHOSE pointed at 127.0.0.1.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startLocalFirehose } from '../tools/local-firehose/startLocalFirehose.js';
import { encodeSubscriptionEvent } from '../tools/subscription-event/encodeSubscriptionEvent.js';

interface CorpusEntry {
  line: string;
  expect: Record<string, unknown>;
}

const CORPUS = resolve('test/fixtures/corpus');
const SERVERLESS = resolve('node_modules/osls/bin/serverless.js');
const STREAM = 'corpus-check';
const LOG_GROUP = '/aws/lambda/corpus-fn';
const TIMESTAMP = Date.UTC(2023, 10, 1, 10, 47, 57, 81);
const FIELDS = ['asctime', 'name', 'levelname', 'message', 'exc_info', 'aws_request_id'] as const;

function invokeLocal(file: string, env: NodeJS.ProcessEnv): Promise<number | null> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [SERVERLESS, 'invoke', 'local', '-f', 'forwarder', '-p', file, `--param=deliveryStreamName=${STREAM}`],
      {
        env,
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    child.on('error', fail);
    child.on('close', done);
  });
}

const lines: { format: string; index: number; entry: CorpusEntry; id: string }[] = [];
for (const file of readdirSync(CORPUS).sort()) {
  const entries = JSON.parse(readFileSync(join(CORPUS, file), 'utf8')) as CorpusEntry[];
  entries.forEach((entry, index) => {
    const id = `corpus-${String(lines.length).padStart(5, '0')}`;
    lines.push({ format: file.replace(/\.json$/, ''), index, entry, id });
  });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'corpus-invoke-'));
  const eventFile = join(dir, 'event.json');
  const event = encodeSubscriptionEvent({
    logGroup: LOG_GROUP,
    logStream: '2023/11/01/[$LATEST]0123456789abcdef0123456789abcdef',
    events: lines.map(({ entry, id }) => ({ message: entry.line, timestamp: TIMESTAMP, id })),
  });
  writeFileSync(eventFile, JSON.stringify(event));

  const firehose = await startLocalFirehose({ streams: [STREAM], dir: join(dir, 'firehose') });
  let code: number | null;
  try {
    code = await invokeLocal(eventFile, {
      ...process.env,
      AWS_ENDPOINT_URL_FIREHOSE: firehose.url,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      ESBUILD_WORK_FOLDER: process.env.ESBUILD_WORK_FOLDER ?? '.esbuild-corpus',
    });
  } finally {
    await firehose.close();
  }
  const records = new Map<string, Record<string, unknown>>();
  for (const accepted of firehose.records(STREAM)) {
    const record = JSON.parse(accepted.data.toString('utf8')) as Record<string, unknown>;
    records.set((record.cloudwatch as { id: string }).id, record);
  }

  const perFormat = new Map<string, { ok: number; total: number }>();
  let failures = 0;
  for (const { format, index, entry, id } of lines) {
    const want: Record<string, unknown> = {
      asctime: '2023-11-01T10:47:57+0000',
      name: 'corpus-fn',
      ...entry.expect,
    };
    const record = records.get(id);
    const diffs: string[] = [];
    if (record === undefined) diffs.push('no record delivered');
    else {
      for (const field of FIELDS) {
        if (record[field] !== want[field])
          diffs.push(`${field}: got ${JSON.stringify(record[field])} want ${JSON.stringify(want[field])}`);
      }
      if (record['@timestamp'] !== '2023-11-01T10:47:57.081Z')
        diffs.push(`@timestamp: ${String(record['@timestamp'])}`);
      const origin = record.cloudwatch as Record<string, unknown>;
      if (origin.logGroup !== LOG_GROUP || origin.owner !== '123456789012') diffs.push('cloudwatch');
    }
    const count = perFormat.get(format) ?? { ok: 0, total: 0 };
    count.total++;
    if (diffs.length === 0) count.ok++;
    else {
      failures++;
      console.log(`${format}[${index}]\n  ${diffs.join('\n  ')}`);
    }
    perFormat.set(format, count);
  }
  for (const [format, { ok, total }] of perFormat) console.log(`${format.padEnd(24)} ${ok}/${total}`);
  console.log(`invoke local exit ${String(code)}; records delivered ${records.size}/${lines.length}`);
  console.log(`field by field: ${lines.length - failures}/${lines.length} as SPEC §3 says`);
  process.exitCode = failures === 0 && code === 0 && records.size === lines.length ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
