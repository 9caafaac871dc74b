/**
 * The quotas the local endpoint enforces, as the real service states them. They are defined here
 * on purpose rather than imported from `src/batch/limits.ts`: the endpoint is the independent
 * check of the forwarder's batching, so a wrong constant there must not silence it here.
 *
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html
 * https://docs.aws.amazon.com/firehose/latest/dev/limits.html
 */

/** Records per PutRecordBatch call. */
export const MAX_RECORDS_PER_CALL = 500;
/** Bytes of decoded record data per PutRecordBatch call: 4 MiB. */
export const MAX_BYTES_PER_CALL = 4 * 1024 * 1024;
/** Bytes of one decoded record: 1,000 KiB. */
export const MAX_BYTES_PER_RECORD = 1000 * 1024;
/** Firehose stream names: 1-64 characters of `[a-zA-Z0-9_.-]`. */
export const STREAM_NAME_PATTERN = /^[a-zA-Z0-9_.-]{1,64}$/;
/**
 * Largest HTTP request body read, in bytes. Not a Firehose quota: a bound on what the dev tool
 * buffers, wide enough for an over-limit batch (base64 makes 4 MiB about 5.6 MB) to be read and
 * refused with the service's own error rather than cut off.
 */
export const MAX_REQUEST_BODY_BYTES = 32 * 1024 * 1024;
