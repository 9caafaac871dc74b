/**
 * The record the forwarder ships: python-json-logger's core fields plus provenance (SPEC §3).
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
}

export interface ForwarderRecord {
  /** `%Y-%m-%dT%H:%M:%S%z`, e.g. `2020-05-11T12:44:44+0000`. */
  asctime: string;
  name: string;
  levelname: LevelName;
  message: string;
  exc_info?: string;
  /** ISO 8601 UTC with milliseconds, from the CloudWatch event timestamp. */
  '@timestamp': string;
  aws_request_id?: string;
  cloudwatch: CloudWatchOrigin;
  /** Other fields of a structured line, kept as they came. */
  [field: string]: unknown;
}

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
]);

/**
 * A structured line's own values for keys the record reserves (say a `cloudwatch` field of the
 * application's) are kept here, under their original keys, never silently overwritten.
 */
export const COLLISIONS_KEY = 'original_fields';
