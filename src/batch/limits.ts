/**
 * PutRecordBatch quotas, in bytes of the record's data before base64 encoding.
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html
 * https://docs.aws.amazon.com/firehose/latest/dev/limits.html
 */

/** Records per PutRecordBatch call. */
export const MAX_RECORDS_PER_BATCH = 500;
/** Bytes of record data per PutRecordBatch call: 4 MiB. */
export const MAX_BYTES_PER_BATCH = 4 * 1024 * 1024;
/** Bytes of one record: 1,000 KiB. */
export const MAX_BYTES_PER_RECORD = 1000 * 1024;
/** Firehose bills ingestion per record rounded up to the next 5 KB. https://aws.amazon.com/firehose/pricing/ */
export const BILLING_UNIT_BYTES = 5 * 1024;
