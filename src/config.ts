import {
  bundledArtefactText,
  readControlsArtefact,
  type ControlsByLogGroup,
} from './controls/controlsArtefact.js';
import { ConfigError } from './errors.js';

/** The forwarder's settings, read once at cold start from the environment. */
export interface ForwarderConfig {
  /** Firehose delivery stream that receives the records (`DELIVERY_STREAM_NAME`). */
  readonly deliveryStreamName: string;
  /** Upper bound of decompressed payload bytes (`MAX_PAYLOAD_BYTES`); a gzip bomb is refused. */
  readonly maxPayloadBytes: number;
  /** Fold stack traces split over several events into one record (`REJOIN_MULTILINE`). */
  readonly rejoinMultiline: boolean;
  /** PutRecordBatch calls in flight at once (`DELIVERY_CONCURRENCY`). */
  readonly deliveryConcurrency: number;
  /** The forwarder's own log group, whose events are never forwarded (loop guard). */
  readonly ownLogGroup: string | undefined;
  /** The controls of SPEC §6 per log group, from the artefact packaging bundled (src/controls/). */
  readonly controls: ControlsByLogGroup;
}

/**
 * CloudWatch Logs delivers at most 1 MB of uncompressed events per subscription payload... but
 * the JSON wrapper adds to it; 32 MiB leaves wide room while refusing gzip bombs.
 */
export const DEFAULT_MAX_PAYLOAD_BYTES = 32 * 1024 * 1024;

type Env = Readonly<Record<string, string | undefined>>;

function positiveInt(env: Env, variable: string, fallback: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ConfigError(variable, `a whole number from 1 to ${max}`, raw);
  }
  return value;
}

function flag(env: Env, variable: string, fallback: boolean): boolean {
  const raw = env[variable];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(variable, 'true or false', raw);
}

/**
 * Reads and validates the configuration. Throws {@link ConfigError} naming the variable and
 * what was expected, so a misconfigured function fails at cold start, not on the first payload.
 */
export function readConfig(
  env: Env = process.env,
  controlsArtefact: string | undefined = bundledArtefactText(),
): ForwarderConfig {
  const deliveryStreamName = env.DELIVERY_STREAM_NAME?.trim();
  // Firehose stream names: 1-64 characters of [a-zA-Z0-9_.-].
  // https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html
  if (deliveryStreamName === undefined || !/^[a-zA-Z0-9_.-]{1,64}$/.test(deliveryStreamName)) {
    throw new ConfigError(
      'DELIVERY_STREAM_NAME',
      'a Firehose delivery stream name (1-64 characters of letters, digits, _ . -)',
      env.DELIVERY_STREAM_NAME,
    );
  }
  const functionName = env.AWS_LAMBDA_FUNCTION_NAME;
  return Object.freeze({
    deliveryStreamName,
    maxPayloadBytes: positiveInt(env, 'MAX_PAYLOAD_BYTES', DEFAULT_MAX_PAYLOAD_BYTES),
    rejoinMultiline: flag(env, 'REJOIN_MULTILINE', false),
    deliveryConcurrency: positiveInt(env, 'DELIVERY_CONCURRENCY', 4, 64),
    ownLogGroup:
      env.AWS_LAMBDA_LOG_GROUP_NAME ??
      (functionName === undefined ? undefined : `/aws/lambda/${functionName}`),
    controls: readControlsArtefact(controlsArtefact),
  });
}
