/**
 * The record the forwarder ships: python-json-logger's core fields plus provenance (SPEC §3).
 *
 * Key order (what a reader of the NDJSON sees first): `asctime`, `name`, `levelname`, `message`,
 * `exc_info`, `@timestamp`, `aws_request_id`, `cloudwatch`, `log_format`, then the line's other
 * fields in their own order, then `message_fields` and `original_fields`.
 */

/** The only level names a record carries (Python's logging levels). */
export const LEVEL_NAMES = ['DEBUG', 'INFO', 'WARNING', 'ERROR', 'CRITICAL'] as const;
export type LevelName = (typeof LEVEL_NAMES)[number];

/** Where an event came from; `id` is CloudWatch's unique event id, the de-duplication key. */
export interface CloudWatchOrigin {
  logGroup: string;
  logStream: string;
  owner: string;
  id: string;
  /** With REJOIN_MULTILINE: ids of the later events folded into this record's `exc_info`. */
  folded_ids?: string[];
}

export interface ForwarderRecord {
  /** `%Y-%m-%dT%H:%M:%S%z`, e.g. `2020-05-11T12:44:44+0000`; a python-json-logger line's own is kept. */
  asctime: string;
  name: string;
  levelname: LevelName;
  message: string;
  exc_info?: string;
  /** ISO 8601 UTC with milliseconds, from the CloudWatch event timestamp. */
  '@timestamp': string;
  aws_request_id?: string;
  cloudwatch: CloudWatchOrigin;
  /** The name of the format that parsed the line (`lambda-json`, `pino`, `text`, …). */
  log_format?: string;
  /** A `message` that was a JSON object, whole (its compact JSON text is `message`). */
  message_fields?: Record<string, unknown>;
  /** A line's own values for keys the record reserves; see {@link COLLISIONS_KEY}. */
  original_fields?: Record<string, unknown>;
  /** Other fields of a structured line, kept as they came. */
  [field: string]: unknown;
}

/** Where a message object is kept (see `fields.ts` `withMessageObject`). */
export const MESSAGE_FIELDS_KEY = 'message_fields';

/** Keys the forwarder itself sets; a line's own value for one of them moves to {@link COLLISIONS_KEY}. */
export const RESERVED_KEYS: ReadonlySet<string> = new Set([
  'asctime',
  'name',
  'levelname',
  'message',
  'exc_info',
  '@timestamp',
  'aws_request_id',
  'cloudwatch',
  'log_format',
  MESSAGE_FIELDS_KEY,
  'forwarder_error',
  // The marks of a record cut to fit Firehose's record limit (batch/encodeRecord.ts): a line's
  // own `truncated` must never read as the forwarder's claim that the line was cut.
  'truncated',
  'original_size',
  // Set on the parts of a rejoined group split to fit the record limit (rejoin.ts).
  'rejoin_part',
]);

/**
 * Collisions: a structured line's own values for keys the record reserves (say an application's
 * own `cloudwatch` or `@timestamp` field, or a `log_format` key) that its format did not consume
 * are kept here, under their original keys, never silently overwritten: the record's core and
 * provenance fields win, `original_fields.cloudwatch` holds the application's value. A line's
 * own `original_fields` key is kept here too, as `original_fields.original_fields`.
 * (python-json-logger's `asctime`, `name`, `levelname`, `message`, `exc_info` are no collision:
 * its format consumes them as the record's own.)
 */
export const COLLISIONS_KEY = 'original_fields';
