import {
  MAX_BYTES_PER_CALL,
  MAX_BYTES_PER_RECORD,
  MAX_RECORDS_PER_CALL,
  STREAM_NAME_PATTERN,
} from './limits.js';
import { invalidArgument, serialization, type WireError } from './wireError.js';

/** The two write operations; both carry records of base64 `Data`. */
export type PutOperation = 'PutRecord' | 'PutRecordBatch';

/** A write request that passed the service's validation. */
export interface PutRequest {
  readonly stream: string;
  /** Decoded record data, in request order. */
  readonly records: readonly Buffer[];
}

// The SDK sends standard base64 with padding (smithy's toBase64).
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Coral-style validation messages, as the service words them, e.g. "1 validation error detected:
 * Value 'java.nio.HeapByteBuffer[pos=0 lim=1045710 cap=1045710]' at 'records.97.member.data'
 * failed to satisfy constraint: Member must have length less than or equal to 1024000".
 */
function validationFailure(problems: readonly string[]): WireError {
  const count = `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected`;
  return invalidArgument(`${count}: ${problems.join('; ')}`);
}

function decodeData(value: unknown, path: string, problems: string[]): Buffer | undefined {
  if (value === undefined || value === null) {
    problems.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
    return undefined;
  }
  if (typeof value !== 'string' || value.length % 4 !== 0 || !BASE64.test(value)) {
    throw serialization(`Base64 encoded Data at '${path}' is not valid base64`);
  }
  const data = Buffer.from(value, 'base64');
  if (data.length > MAX_BYTES_PER_RECORD) {
    problems.push(
      `Value 'java.nio.HeapByteBuffer[pos=0 lim=${data.length} cap=${data.length}]' at '${path}' ` +
        `failed to satisfy constraint: Member must have length less than or equal to ${MAX_BYTES_PER_RECORD}`,
    );
  }
  return data;
}

function streamName(body: Record<string, unknown>, problems: string[]): string {
  const name = body.DeliveryStreamName;
  if (name === undefined || name === null) {
    problems.push(`Value null at 'deliveryStreamName' failed to satisfy constraint: Member must not be null`);
    return '';
  }
  if (typeof name !== 'string') throw serialization(`DeliveryStreamName must be a string`);
  if (!STREAM_NAME_PATTERN.test(name)) {
    problems.push(
      `Value '${name}' at 'deliveryStreamName' failed to satisfy constraint: ` +
        `Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]{1,64}`,
    );
  }
  return name;
}

function batchRecords(body: Record<string, unknown>, problems: string[]): Buffer[] {
  const records = body.Records;
  if (records === undefined || records === null) {
    problems.push(`Value null at 'records' failed to satisfy constraint: Member must not be null`);
    return [];
  }
  if (!Array.isArray(records)) throw serialization(`Records must be a list`);
  if (records.length < 1 || records.length > MAX_RECORDS_PER_CALL) {
    problems.push(
      `Value '[${records.length} records]' at 'records' failed to satisfy constraint: ` +
        (records.length < 1
          ? `Member must have length greater than or equal to 1`
          : `Member must have length less than or equal to ${MAX_RECORDS_PER_CALL}`),
    );
    return [];
  }
  const decoded: Buffer[] = [];
  records.forEach((record: unknown, i) => {
    // Coral numbers list members from 1 in its messages.
    const path = `records.${i + 1}.member.data`;
    if (!isObject(record)) throw serialization(`Records[${i}] must be a structure`);
    const data = decodeData(record.Data, path, problems);
    if (data !== undefined) decoded.push(data);
  });
  return decoded;
}

/**
 * Reads and validates a PutRecord or PutRecordBatch body as the service does: shape and
 * constraints first (all violations in one InvalidArgumentException), then the 4 MiB total of a
 * batch ("Records size exceeds 4 MB limit"). Throws {@link WireError}.
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_PutRecordBatch.html
 */
export function parsePutRequest(operation: PutOperation, body: unknown): PutRequest {
  if (!isObject(body)) throw serialization(`The request body must be a JSON object`);
  const problems: string[] = [];
  const stream = streamName(body, problems);
  let records: Buffer[];
  if (operation === 'PutRecord') {
    const record = body.Record;
    if (record === undefined || record === null) {
      problems.push(`Value null at 'record' failed to satisfy constraint: Member must not be null`);
      records = [];
    } else {
      if (!isObject(record)) throw serialization(`Record must be a structure`);
      const data = decodeData(record.Data, 'record.data', problems);
      records = data === undefined ? [] : [data];
    }
  } else {
    records = batchRecords(body, problems);
  }
  if (problems.length > 0) throw validationFailure(problems);
  const total = records.reduce((sum, data) => sum + data.length, 0);
  if (total > MAX_BYTES_PER_CALL) throw invalidArgument('Records size exceeds 4 MB limit');
  return { stream, records };
}
