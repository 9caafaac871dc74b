/**
 * The params of SPEC §7 (how logs reach the forwarder), read and validated once while Serverless
 * resolves the template (config/inputResources.cjs, config/subscriptions.cjs), so a bad value
 * stops `serverless package`/`deploy` with the param's name and what was expected.
 */
import { LOG_GROUP_NAME_PATTERN } from './validateLogGroupList.js';

/** A param value that cannot be used; the message names the param. */
export class InputParamError extends Error {
  override name = 'ParamError';
  constructor(
    readonly param: string,
    expected: string,
    received: unknown,
  ) {
    super(`param ${param}: expected ${expected}, got ${JSON.stringify(received)}`);
  }
}

export type Input = 'subscription' | 'kinesis';
export type StartingPosition = 'TRIM_HORIZON' | 'LATEST';

/** How the Kinesis event source mapping reads the stream. */
export interface KinesisMappingSettings {
  readonly batchSize: number;
  readonly batchWindowSeconds: number;
  readonly parallelizationFactor: number;
  readonly startingPosition: StartingPosition;
  readonly maximumRetryAttempts: number;
  readonly maximumRecordAgeSeconds: number;
}

/** A KMS key ARN, split where the grants need its parts. */
export interface KmsKeyArn {
  readonly arn: string;
  readonly partition: string;
  readonly region: string;
}

export interface InputSettings {
  readonly input: Input;
  /** An existing stream to read; `undefined`: the stack creates one. */
  readonly kinesisStreamArn: string | undefined;
  /**
   * The customer managed KMS key the existing stream is encrypted with; `undefined`: none (or the
   * AWS managed `alias/aws/kinesis`, which needs no grant of ours).
   */
  readonly kinesisStreamKmsKeyArn: KmsKeyArn | undefined;
  /** Shards of the created stream; 0 = on-demand capacity. */
  readonly kinesisShardCount: number;
  /** Retention of the created stream, hours. */
  readonly kinesisRetentionHours: number;
  readonly mapping: KinesisMappingSettings;
  readonly subscribeAccount: boolean;
  /** Filter pattern of the account policy ('' = every event). */
  readonly accountFilterPattern: string;
  /** Log groups the account policy leaves out, beside the forwarder's own. */
  readonly excludeLogGroups: readonly string[];
  /** Accounts allowed to send logs through the CloudWatch Logs destination. */
  readonly sourceAccounts: readonly string[];
}

/** The params as Serverless resolves them: strings from `--param`, YAML scalars from `params:`. */
export type RawInputParams = Readonly<Record<string, unknown>>;

/**
 * Event source mapping limits for Kinesis.
 * https://docs.aws.amazon.com/lambda/latest/api/API_CreateEventSourceMapping.html
 */
export const KINESIS_MAPPING_LIMITS = Object.freeze({
  /** Records per batch: 1-10,000. */
  batchSize: [1, 10_000],
  /** MaximumBatchingWindowInSeconds: 0-300 s. */
  batchWindowSeconds: [0, 300],
  /** ParallelizationFactor: 1-10 concurrent batches per shard. */
  parallelizationFactor: [1, 10],
  /** MaximumRetryAttempts: 0-10,000 (-1, infinite, is refused here: a poison batch would block its shard). */
  maximumRetryAttempts: [0, 10_000],
  /** MaximumRecordAgeInSeconds: 60-604,800 s (-1, infinite, is refused here too). */
  maximumRecordAgeSeconds: [60, 604_800],
});

/** Kinesis stream retention: 24-8,760 hours. https://docs.aws.amazon.com/kinesis/latest/APIReference/API_IncreaseStreamRetentionPeriod.html */
export const KINESIS_RETENTION_HOURS = [24, 8_760] as const;

/** Selection criteria of an account policy: at most 25 KB (UTF-8). https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutAccountPolicy.html */
export const MAX_SELECTION_CRITERIA_BYTES = 25 * 1024;

/** Filter patterns: at most 1,024 characters. https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutSubscriptionFilter.html */
const MAX_FILTER_PATTERN_LENGTH = 1024;

const STREAM_ARN = /^arn:aws[a-z-]*:kinesis:[a-z0-9-]+:\d{12}:stream\/[a-zA-Z0-9_.-]{1,128}$/;
const ACCOUNT_ID = /^\d{12}$/;
/**
 * A key ARN (`key/<id>`, multi-Region `mrk-` ids included); an alias ARN is not one: in an IAM
 * policy's Resource it names only the alias, never the key behind it, so kms:Decrypt on it would
 * grant nothing. https://docs.aws.amazon.com/kms/latest/developerguide/alias-authorization.html
 */
const KMS_KEY_ARN = /^arn:(aws[a-z-]*):kms:([a-z0-9-]+):\d{12}:key\/[a-zA-Z0-9-]{1,128}$/;
const ARN_PARTS = /^arn:(aws[a-z-]*):[a-z]+:([a-z0-9-]+):/;

/** A param's value as trimmed text (`fallback` when unset); a list or a map is refused, named. */
export function text(raw: RawInputParams, param: string, fallback: string): string {
  const value = raw[param];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    throw new InputParamError(param, 'a single value', value);
  }
  return String(value).trim();
}

/** A true/false param, as YAML or `--param` spells it; unset or '' is `fallback`. */
export function flag(raw: RawInputParams, param: string, fallback = false): boolean {
  const value = text(raw, param, String(fallback)).toLowerCase();
  if (value === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new InputParamError(param, 'true or false', raw[param]);
}

function whole(raw: RawInputParams, param: string, fallback: number, [min, max]: readonly number[]): number {
  const value = text(raw, param, String(fallback));
  const number = value === '' ? fallback : Number(value);
  if (!Number.isInteger(number) || number < (min ?? 0) || number > (max ?? Infinity)) {
    throw new InputParamError(param, `a whole number from ${min} to ${max}`, raw[param]);
  }
  return number;
}

/** A comma- or space-separated list, or a YAML list. */
function list(raw: RawInputParams, param: string): string[] {
  const value = raw[param];
  if (Array.isArray(value)) return value.map((item) => String(item).trim()).filter((item) => item !== '');
  return text(raw, param, '')
    .split(/[\s,]+/)
    .filter((item) => item !== '');
}

/**
 * `kinesisStreamKmsKeyArn`: only beside `kinesisStreamArn` (the stream the stack creates uses the
 * AWS managed key, config/inputResources.ts), and in the stream's partition and Region: a stream
 * is encrypted with a key of its own Region, and the grants are scoped to Kinesis there.
 */
function readKmsKeyArn(raw: RawInputParams, input: Input, streamArn: string): KmsKeyArn | undefined {
  const arn = text(raw, 'kinesisStreamKmsKeyArn', '');
  if (arn === '') return undefined;
  const key = KMS_KEY_ARN.exec(arn);
  if (key === null) {
    throw new InputParamError(
      'kinesisStreamKmsKeyArn',
      'arn:aws:kms:<region>:<account>:key/<key id> (a key ARN, not an alias), or empty',
      raw.kinesisStreamKmsKeyArn,
    );
  }
  if (input !== 'kinesis' || streamArn === '') {
    throw new InputParamError(
      'kinesisStreamKmsKeyArn',
      'to be used with input=kinesis and kinesisStreamArn (the key of an existing stream; ' +
        'the stream the stack creates uses the AWS managed key, which needs no grant)',
      raw.kinesisStreamKmsKeyArn,
    );
  }
  const [, partition = '', region = ''] = key;
  const [, streamPartition, streamRegion] = ARN_PARTS.exec(streamArn) ?? [];
  if (partition !== streamPartition || region !== streamRegion) {
    throw new InputParamError(
      'kinesisStreamKmsKeyArn',
      `a key of the stream's partition and Region (arn:${streamPartition}:kms:${streamRegion}:…)`,
      raw.kinesisStreamKmsKeyArn,
    );
  }
  return Object.freeze({ arn, partition, region });
}

/** Reads and checks the input params; throws {@link InputParamError} naming the first bad one. */
export function readInputSettings(raw: RawInputParams): InputSettings {
  const input = text(raw, 'input', 'subscription');
  if (input !== 'subscription' && input !== 'kinesis') {
    throw new InputParamError('input', 'subscription or kinesis', raw.input);
  }
  const streamArn = text(raw, 'kinesisStreamArn', '');
  if (streamArn !== '' && !STREAM_ARN.test(streamArn)) {
    throw new InputParamError(
      'kinesisStreamArn',
      'arn:aws:kinesis:<region>:<account>:stream/<name>, or empty',
      raw.kinesisStreamArn,
    );
  }
  const kmsKeyArn = readKmsKeyArn(raw, input, streamArn);
  const startingPosition = text(raw, 'kinesisStartingPosition', 'TRIM_HORIZON').toUpperCase();
  if (startingPosition !== 'TRIM_HORIZON' && startingPosition !== 'LATEST') {
    throw new InputParamError(
      'kinesisStartingPosition',
      'TRIM_HORIZON or LATEST',
      raw.kinesisStartingPosition,
    );
  }
  const accountFilterPattern = text(raw, 'accountFilterPattern', '');
  if (accountFilterPattern.length > MAX_FILTER_PATTERN_LENGTH) {
    throw new InputParamError(
      'accountFilterPattern',
      `at most ${MAX_FILTER_PATTERN_LENGTH} characters`,
      accountFilterPattern,
    );
  }
  const excludeLogGroups = list(raw, 'excludeLogGroups');
  for (const group of excludeLogGroups) {
    if (!LOG_GROUP_NAME_PATTERN.test(group)) {
      throw new InputParamError(
        'excludeLogGroups',
        'log group names (1-512 of a-z A-Z 0-9 _ - / . #), comma-separated',
        group,
      );
    }
  }
  const sourceAccounts = list(raw, 'sourceAccounts');
  for (const account of sourceAccounts) {
    if (!ACCOUNT_ID.test(account)) {
      throw new InputParamError('sourceAccounts', 'AWS account ids of 12 digits, comma-separated', account);
    }
  }
  if (sourceAccounts.length > 0 && input !== 'kinesis') {
    // CloudWatch Logs destinations deliver to Kinesis Data Streams or Firehose, never to Lambda.
    throw new InputParamError(
      'sourceAccounts',
      'to be used with input=kinesis (a destination writes to a stream)',
      raw.sourceAccounts,
    );
  }
  return Object.freeze({
    input,
    kinesisStreamArn: streamArn === '' ? undefined : streamArn,
    kinesisStreamKmsKeyArn: kmsKeyArn,
    kinesisShardCount: whole(raw, 'kinesisShardCount', 0, [0, 500]),
    kinesisRetentionHours: whole(raw, 'kinesisRetentionHours', 24, KINESIS_RETENTION_HOURS),
    mapping: Object.freeze({
      batchSize: whole(raw, 'kinesisBatchSize', 100, KINESIS_MAPPING_LIMITS.batchSize),
      batchWindowSeconds: whole(raw, 'kinesisBatchWindow', 1, KINESIS_MAPPING_LIMITS.batchWindowSeconds),
      parallelizationFactor: whole(
        raw,
        'kinesisParallelization',
        1,
        KINESIS_MAPPING_LIMITS.parallelizationFactor,
      ),
      startingPosition,
      maximumRetryAttempts: whole(
        raw,
        'kinesisMaxRetryAttempts',
        10,
        KINESIS_MAPPING_LIMITS.maximumRetryAttempts,
      ),
      maximumRecordAgeSeconds: whole(
        raw,
        'kinesisMaxRecordAgeSeconds',
        86_400,
        KINESIS_MAPPING_LIMITS.maximumRecordAgeSeconds,
      ),
    }),
    subscribeAccount: flag(raw, 'subscribeAccount'),
    accountFilterPattern,
    excludeLogGroups: Object.freeze(excludeLogGroups),
    sourceAccounts: Object.freeze([...new Set(sourceAccounts)]),
  });
}

/** The params {@link readInputSettings} reads, for the resolver to ask Serverless for. */
export const INPUT_PARAMS = [
  'input',
  'kinesisStreamArn',
  'kinesisStreamKmsKeyArn',
  'kinesisShardCount',
  'kinesisRetentionHours',
  'kinesisBatchSize',
  'kinesisBatchWindow',
  'kinesisParallelization',
  'kinesisStartingPosition',
  'kinesisMaxRetryAttempts',
  'kinesisMaxRecordAgeSeconds',
  'subscribeAccount',
  'accountFilterPattern',
  'excludeLogGroups',
  'sourceAccounts',
] as const;

/** True when the log group list becomes Lambda subscription filters (osls `cloudwatchLog` events). */
export function subscribesLambdaPerGroup(settings: InputSettings): boolean {
  return settings.input === 'subscription' && !settings.subscribeAccount;
}
