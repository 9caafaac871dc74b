/**
 * Replays the payloads of failed forwarder invocations through the same pipeline
 * (`forwardLogs`, real Firehose client), from the on-failure destination's records:
 *
 *   npm run replay:failed -- --bucket <FailedPayloadsBucketName> [--prefix aws/lambda/async/] [--dry-run]
 *   npm run replay:failed -- failed.json [more.ndjson ...] [--dry-run]
 *   npm run replay:failed -- --queue-url https://sqs.<region>.amazonaws.com/<account>/<queue> [--dry-run]
 *
 * The bucket is the stack's on-failure destination: Lambda writes each failed invocation's record
 * as one JSON object under `aws/lambda/async/<function-name>/YYYY/MM/DD/YYYY-MM-DDTHH.MM.SS-<uuid>`
 * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html). An object
 * is deleted only after every record in it was accepted by Firehose; one with a record that
 * failed or could not be read stays. The queue is the former destination, still read.
 *
 * A record is the JSON Lambda sends to an on-failure destination of an asynchronous
 * invocation, whose `requestPayload` is the original subscription event:
 * `{"version":"1.0","timestamp":..,"requestContext":{"requestId","functionArn",
 * "condition":"RetriesExhausted"|"EventAgeExceeded","approximateInvokeCount"},
 * "requestPayload":{"awslogs":{"data":..}},"responseContext":{"statusCode","executedVersion",
 * "functionError"},"responsePayload":{"errorType","errorMessage",..}}`
 * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-retain-records.html
 * A bare subscription event (`{"awslogs":{"data":..}}`) is accepted as well, and so is a Kinesis
 * record the Kinesis input saved as undecodable (`--prefix kinesis-undecodable/`). Files hold one
 * record, a JSON array of records, or NDJSON; `-` reads standard input.
 *
 * From the queue, a message is deleted only after its payload was delivered in full; one that
 * fails stays in the queue (visible again after `--visibility-timeout`). `--dry-run` runs the
 * pipeline up to the PutRecordBatch calls, sends nothing, deletes nothing, and prints what it
 * would send (`wouldSend`, never `delivered`). One JSON line per payload on stdout (and one per
 * bucket object: `deleted` or `kept`), then a total; exit code 1 if any failed, 2 for a usage
 * error; an error that stops the run (a missing file, an unreachable endpoint) is one line on
 * stderr.
 * Delivery is at-least-once: a replayed payload may repeat records that already arrived
 * (`cloudwatch.id` is the de-duplication key).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { PutRecordBatchCommand, PutRecordBatchOutput } from '@aws-sdk/client-firehose';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import {
  ChangeMessageVisibilityCommand,
  DeleteMessageCommand,
  ReceiveMessageCommand,
  SQSClient,
  type Message,
} from '@aws-sdk/client-sqs';
import { readConfig, type ForwarderConfig } from '../src/config.js';
import { createFirehoseClient, type FirehoseSender } from '../src/deliver/putRecordBatches.js';
import { ForwarderError } from '../src/errors.js';
import { forwardLogs, type ForwardSummary } from '../src/forwardLogs.js';

/** Where Lambda's S3 on-failure destination writes the invocation records of asynchronous invocations. */
const DEFAULT_PREFIX = 'aws/lambda/async/';

const USAGE = `usage: npm run replay:failed -- [--bucket NAME] [<file|-> ...] [--queue-url URL] [options]
  --bucket <name>             read the records from the on-failure S3 bucket (stack output
                              FailedPayloadsBucketName); an object is deleted once all of it is replayed
  --prefix <prefix>           only the objects under it (default ${DEFAULT_PREFIX}, where Lambda writes;
                              kinesis-undecodable/ for the records the Kinesis input could not decode)
  <file|->                    on-failure records: one JSON record, a JSON array, or NDJSON (- = stdin)
  --queue-url <url>           read the records from the former on-failure SQS queue (deleted once replayed)
  --dry-run                   send nothing, delete nothing: print what would be sent
  --stream <name>             Firehose delivery stream (default: $DELIVERY_STREAM_NAME)
  --max-messages <n>          stop after n queue messages (default: until the queue is empty)
  --visibility-timeout <s>    seconds a received message stays hidden while replayed (default 300)
  --time-budget <s>           seconds each payload may take, retries included (default 120)
The Firehose endpoint, region and credentials come from the AWS SDK's usual variables
(AWS_REGION, AWS_PROFILE, AWS_ENDPOINT_URL_FIREHOSE, AWS_ENDPOINT_URL_S3, AWS_ENDPOINT_URL_SQS...).`;

/** What the record says about the failed invocation, for the summary line. */
interface Invocation {
  readonly requestId?: string;
  readonly condition?: string;
  readonly approximateInvokeCount?: number;
  readonly errorMessage?: string;
}

/** One payload to replay, from a file or a queue message. */
interface Replayable {
  readonly source: string;
  readonly invocation: Invocation;
  /** The original subscription event, or why there is none. */
  readonly payload: { readonly event: unknown } | { readonly problem: string };
}

type Outcome = 'replayed' | 'would-send' | 'failed' | 'skipped';

interface Line {
  readonly source: string;
  readonly outcome: Outcome;
  readonly requestId?: string;
  readonly condition?: string;
  readonly logGroup?: string;
  readonly logStream?: string;
  readonly events?: number;
  readonly records?: number;
  readonly delivered?: number;
  /** --dry-run: records that would be sent (nothing was delivered). */
  readonly wouldSend?: number;
  readonly failed?: number;
  readonly calls?: number;
  readonly bytes?: number;
  readonly truncated?: number;
  readonly error?: string;
  readonly firstRecord?: unknown;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A Kinesis record the Kinesis input could not decode, as it saved it under
 * `kinesis-undecodable/` (src/deliver/saveUndecodableRecord.ts): its `kinesis.data` is what
 * CloudWatch Logs put, the base64 of a gzipped subscription payload, exactly as `awslogs.data`
 * carries one. Replayed once what refused it is fixed (a raised `maxPayloadBytes`, a forwarder
 * fix); a record that still cannot be decoded fails again and its object stays.
 */
function fromUndecodable(value: Record<string, unknown>, source: string): Replayable {
  const invocation: Invocation = {
    condition: 'KinesisRecordUndecodable',
    errorMessage: typeof value.reason === 'string' ? value.reason : undefined,
  };
  const record = isObject(value.record) ? value.record : {};
  const data = isObject(record.kinesis) ? record.kinesis.data : undefined;
  if (typeof data !== 'string') {
    return { source, invocation, payload: { problem: 'no kinesis.data in the saved Kinesis record' } };
  }
  return { source, invocation, payload: { event: { awslogs: { data } } } };
}

/** Reads one on-failure record (or a bare subscription event) into what can be replayed. */
function toReplayable(value: unknown, source: string): Replayable {
  if (!isObject(value)) return { source, invocation: {}, payload: { problem: 'not a JSON object' } };
  if (isObject(value.awslogs)) return { source, invocation: {}, payload: { event: value } };
  if (value.kind === 'kinesis-undecodable') return fromUndecodable(value, source);
  const context = isObject(value.requestContext) ? value.requestContext : {};
  const response = isObject(value.responsePayload) ? value.responsePayload : {};
  const invocation: Invocation = {
    requestId: typeof context.requestId === 'string' ? context.requestId : undefined,
    condition: typeof context.condition === 'string' ? context.condition : undefined,
    approximateInvokeCount:
      typeof context.approximateInvokeCount === 'number' ? context.approximateInvokeCount : undefined,
    errorMessage: typeof response.errorMessage === 'string' ? response.errorMessage : undefined,
  };
  const request = value.requestPayload;
  if (!isObject(request) || !isObject(request.awslogs) || typeof request.awslogs.data !== 'string') {
    return {
      source,
      invocation,
      payload: {
        problem:
          'no CloudWatch Logs subscription event in requestPayload (not a forwarder record, or the payload was left out)',
      },
    };
  }
  return { source, invocation, payload: { event: request } };
}

/** Records of a file: one JSON value (a record or an array of them), else NDJSON. */
function parseRecordsText(text: string, name: string): Replayable[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  let whole: unknown;
  let isWhole = true;
  try {
    whole = JSON.parse(trimmed);
  } catch {
    isWhole = false;
  }
  if (isWhole) {
    return Array.isArray(whole)
      ? whole.map((value, i) => toReplayable(value, `${name}[${i}]`))
      : [toReplayable(whole, name)];
  }
  const out: Replayable[] = [];
  for (const [i, line] of text.split('\n').entries()) {
    if (line.trim() === '') continue;
    const source = `${name}:${i + 1}`;
    try {
      out.push(toReplayable(JSON.parse(line), source));
    } catch (error) {
      out.push({ source, invocation: {}, payload: { problem: `not JSON: ${(error as Error).message}` } });
    }
  }
  return out;
}

/** A Firehose stand-in for --dry-run: accepts every record, keeps what it was given. */
function dryRunSender(): { sender: FirehoseSender; sent: () => Buffer[]; clear: () => void } {
  let sent: Buffer[] = [];
  const sender: FirehoseSender = {
    send: (command: PutRecordBatchCommand): Promise<PutRecordBatchOutput> => {
      const records = command.input.Records ?? [];
      for (const record of records) sent.push(Buffer.from(record.Data ?? new Uint8Array()));
      return Promise.resolve({
        FailedPutCount: 0,
        RequestResponses: records.map((_, i) => ({
          RecordId: `dry-run-${sent.length - records.length + i}`,
        })),
      });
    },
  };
  return {
    sender,
    sent: () => sent,
    clear: () => {
      sent = [];
    },
  };
}

interface Replayer {
  replay(item: Replayable): Promise<Line>;
}

function createReplayer(config: ForwarderConfig, dryRun: boolean, timeBudgetMs: number): Replayer {
  const dry = dryRun ? dryRunSender() : undefined;
  const firehose = dry?.sender ?? createFirehoseClient();
  return {
    async replay(item) {
      const base = {
        source: item.source,
        requestId: item.invocation.requestId,
        condition: item.invocation.condition,
      };
      if ('problem' in item.payload) return { ...base, outcome: 'skipped', error: item.payload.problem };
      dry?.clear();
      const deadline = Date.now() + timeBudgetMs;
      let summary: ForwardSummary | undefined;
      try {
        await forwardLogs(item.payload.event, {
          config,
          firehose,
          remainingTimeMs: () => deadline - Date.now(),
          onSummary: (figures) => {
            summary = figures;
          },
        });
      } catch (error) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        return { ...base, ...figuresOf(summary), outcome: 'failed', error: message };
      }
      if (dry === undefined) return { ...base, ...figuresOf(summary), outcome: 'replayed' };
      const first = dry.sent()[0];
      // Nothing was delivered: the dry-run sender accepted the records without sending them.
      const { delivered, failed: _none, ...figures } = figuresOf(summary);
      return {
        ...base,
        ...figures,
        wouldSend: delivered,
        outcome: 'would-send',
        firstRecord: first === undefined ? undefined : (JSON.parse(first.toString('utf8')) as unknown),
      };
    },
  };
}

function figuresOf(summary: ForwardSummary | undefined): Partial<Line> {
  if (summary === undefined) return {};
  return {
    logGroup: summary.logGroup,
    logStream: summary.logStream,
    events: summary.events,
    records: summary.records,
    delivered: summary.delivered,
    failed: summary.failed,
    calls: summary.calls,
    bytes: summary.bytesSent,
    truncated: summary.truncated,
  };
}

interface Options {
  readonly files: readonly string[];
  readonly queueUrl: string | undefined;
  readonly bucket: string | undefined;
  readonly prefix: string;
  readonly dryRun: boolean;
  readonly maxMessages: number;
  readonly visibilityTimeoutS: number;
  readonly timeBudgetMs: number;
  readonly stream: string | undefined;
}

class UsageError extends ForwarderError {
  override name = 'UsageError';
}

function wholeNumber(
  flag: string,
  raw: string | undefined,
  fallback: number,
  min: number,
  max: number,
): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(
      `--${flag}: expected a whole number from ${min} to ${max}, got ${JSON.stringify(raw)}`,
    );
  }
  return value;
}

function parseOptions(argv: readonly string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        'queue-url': { type: 'string' },
        bucket: { type: 'string' },
        prefix: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        stream: { type: 'string' },
        'max-messages': { type: 'string' },
        'visibility-timeout': { type: 'string' },
        'time-budget': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';
  const queueUrl = values['queue-url'];
  const bucket = values.bucket;
  if (positionals.length === 0 && queueUrl === undefined && bucket === undefined) {
    throw new UsageError('give --bucket (the on-failure bucket), on-failure record files, or --queue-url');
  }
  // S3 bucket names: 3-63 characters of lowercase letters, digits, dots and hyphens.
  // https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
  if (bucket !== undefined && !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new UsageError(
      `--bucket: expected an S3 bucket name (the stack output FailedPayloadsBucketName), got ${JSON.stringify(bucket)}`,
    );
  }
  if (queueUrl !== undefined && !/^https?:\/\/[^/]+\/.+/.test(queueUrl)) {
    throw new UsageError(
      `--queue-url: expected an SQS queue URL (https://sqs.<region>.amazonaws.com/<account>/<name>), got ${JSON.stringify(queueUrl)}`,
    );
  }
  return {
    files: positionals,
    queueUrl,
    bucket,
    prefix: values.prefix ?? DEFAULT_PREFIX,
    dryRun: values['dry-run'],
    maxMessages: wholeNumber(
      'max-messages',
      values['max-messages'],
      Number.MAX_SAFE_INTEGER,
      1,
      Number.MAX_SAFE_INTEGER,
    ),
    // SQS's own bounds on a visibility timeout: 0 to 43,200 seconds (12 hours).
    visibilityTimeoutS: wholeNumber('visibility-timeout', values['visibility-timeout'], 300, 1, 43_200),
    timeBudgetMs: wholeNumber('time-budget', values['time-budget'], 120, 1, 3_600) * 1_000,
    stream: values.stream,
  };
}

/** Replays queue messages until the queue has none left for us (or `maxMessages`). */
async function replayQueue(
  options: Options,
  queueUrl: string,
  replayer: Replayer,
  print: (line: Line) => void,
) {
  const sqs = new SQSClient({});
  const held: Message[] = [];
  let received = 0;
  try {
    while (received < options.maxMessages) {
      const { Messages = [] } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: queueUrl,
          MaxNumberOfMessages: Math.min(10, options.maxMessages - received),
          VisibilityTimeout: options.visibilityTimeoutS,
          WaitTimeSeconds: 1,
        }),
      );
      if (Messages.length === 0) break;
      for (const message of Messages) {
        received++;
        const source = `sqs:${message.MessageId ?? '?'}`;
        let item: Replayable;
        try {
          item = toReplayable(JSON.parse(message.Body ?? ''), source);
        } catch (error) {
          item = {
            source,
            invocation: {},
            payload: { problem: `body is not JSON: ${(error as Error).message}` },
          };
        }
        const line = await replayer.replay(item);
        if (line.outcome === 'replayed' && message.ReceiptHandle !== undefined) {
          // Only now: a message is never removed before its records were all accepted.
          await sqs.send(
            new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message.ReceiptHandle }),
          );
        } else {
          held.push(message);
        }
        print(line);
      }
    }
  } finally {
    if (options.dryRun) {
      // A dry run leaves the queue as it found it: make what it received visible again at once.
      for (const message of held) {
        if (message.ReceiptHandle === undefined) continue;
        await sqs.send(
          new ChangeMessageVisibilityCommand({
            QueueUrl: queueUrl,
            ReceiptHandle: message.ReceiptHandle,
            VisibilityTimeout: 0,
          }),
        );
      }
    }
    sqs.destroy();
  }
}

/** A client for a custom endpoint (moto, LocalStack) addresses buckets by path: no DNS per bucket. */
function createS3Client(): S3Client {
  const custom = (process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL ?? '') !== '';
  return new S3Client({ forcePathStyle: custom });
}

/** One bucket object, replayed: a line per record, then whether the object was deleted. */
interface ObjectLine {
  readonly object: string;
  readonly records: number;
  readonly deleted: boolean;
  readonly reason?: string;
}

/**
 * Replays every object under the prefix, oldest key first within each listing page. An object
 * is deleted only when every record in it was replayed (accepted by Firehose in full).
 */
async function replayBucket(
  options: Options,
  bucket: string,
  replayer: Replayer,
  print: (line: Line) => void,
  printObject: (line: ObjectLine) => void,
): Promise<void> {
  const s3 = createS3Client();
  try {
    let token: string | undefined;
    do {
      const page = await s3.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix: options.prefix, ContinuationToken: token }),
      );
      for (const { Key: key } of page.Contents ?? []) {
        if (key === undefined) continue;
        const name = `s3://${bucket}/${key}`;
        const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
        const text = (await object.Body?.transformToString('utf8')) ?? '';
        const items = parseRecordsText(text, name);
        const outcomes: Outcome[] = [];
        for (const item of items) {
          const line = await replayer.replay(item);
          outcomes.push(line.outcome);
          print(line);
        }
        const whole = items.length > 0 && outcomes.every((outcome) => outcome === 'replayed');
        if (whole) {
          // Only now: an object is never removed before its records were all accepted.
          await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
          printObject({ object: name, records: items.length, deleted: true });
        } else {
          printObject({
            object: name,
            records: items.length,
            deleted: false,
            reason: options.dryRun
              ? 'dry run'
              : items.length === 0
                ? 'no records in the object'
                : 'not every record was delivered',
          });
        }
      }
      token = page.IsTruncated === true ? page.NextContinuationToken : undefined;
    } while (token !== undefined);
  } finally {
    s3.destroy();
  }
}

/**
 * An error that stops the run, as one line: what failed and why, without the SDK's stack and
 * `$metadata` (a missing file, an unreachable or refusing endpoint, an unknown bucket).
 */
function oneLine(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const e = error as Error & {
    code?: string;
    path?: string;
    syscall?: string;
    $metadata?: { httpStatusCode?: number };
  };
  const first = (e.message.split('\n', 1)[0] ?? '').trim();
  if (e.code === 'ENOENT' && e.path !== undefined) return `cannot read ${e.path}: no such file`;
  if (e.code === 'EACCES' && e.path !== undefined) return `cannot read ${e.path}: permission denied`;
  if (e.code !== undefined && /^E[A-Z]+$/.test(e.code)) {
    const endpoint =
      process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL_SQS ?? process.env.AWS_ENDPOINT_URL;
    return `cannot reach the AWS endpoint${endpoint === undefined ? '' : ` ${endpoint}`} (${e.code}): ${first}`;
  }
  const status = e.$metadata?.httpStatusCode;
  return `${e.name}${status === undefined ? '' : ` (HTTP ${status})`}: ${first || 'no message'}`;
}

async function main(argv: readonly string[]): Promise<number> {
  let options: Options | 'help';
  let config: ForwarderConfig;
  try {
    options = parseOptions(argv);
    if (options === 'help') {
      console.log(USAGE);
      return 0;
    }
    const env =
      options.stream === undefined ? process.env : { ...process.env, DELIVERY_STREAM_NAME: options.stream };
    config = readConfig(env);
  } catch (error) {
    if (!(error instanceof ForwarderError)) throw error;
    console.error(`${error.message}\n\n${USAGE}`);
    return 2;
  }
  const replayer = createReplayer(config, options.dryRun, options.timeBudgetMs);
  const totals: Record<Outcome, number> = { replayed: 0, 'would-send': 0, failed: 0, skipped: 0 };
  const print = (line: Line): void => {
    totals[line.outcome]++;
    console.log(JSON.stringify(line));
  };
  const objects = { deleted: 0, kept: 0 };
  const printObject = (line: ObjectLine): void => {
    objects[line.deleted ? 'deleted' : 'kept']++;
    console.log(JSON.stringify(line));
  };
  for (const file of options.files) {
    const text = readFileSync(file === '-' ? 0 : file, 'utf8');
    for (const item of parseRecordsText(text, file === '-' ? 'stdin' : file))
      print(await replayer.replay(item));
  }
  if (options.bucket !== undefined) await replayBucket(options, options.bucket, replayer, print, printObject);
  if (options.queueUrl !== undefined) await replayQueue(options, options.queueUrl, replayer, print);
  console.log(
    JSON.stringify({
      total: totals,
      ...(options.bucket === undefined ? {} : { objects }),
      stream: config.deliveryStreamName,
      dryRun: options.dryRun,
    }),
  );
  return totals.failed + totals.skipped > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`replay:failed: ${oneLine(error)}`);
    process.exitCode = 1;
  },
);
