/** The outcome of delivering one payload's records, as data (the handler decides what fails). */
export interface DeliveryReport {
  /** Records Firehose accepted. */
  delivered: number;
  /** Records still undelivered when attempts or time ran out, with the last error of each. */
  failed: FailedRecord[];
  /** PutRecordBatch calls made, retries included. */
  calls: number;
  /** Record sends after the first (a record sent three times counts two). */
  retriedRecords: number;
  /** Bytes of record data sent, retries included (before base64). */
  bytesSent: number;
  /** Firehose billing units of the delivered records (each rounded up to 5 KB). */
  billedUnits: number;
}

export interface FailedRecord {
  /** CloudWatch event id of the record. */
  readonly id: string;
  readonly errorCode: string;
  readonly errorMessage: string;
}

/** Failed records counted by error code, for the error message and the metrics. */
export function countByErrorCode(failed: readonly FailedRecord[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const record of failed) counts[record.errorCode] = (counts[record.errorCode] ?? 0) + 1;
  return counts;
}

/** The first error message of each error code (they repeat per record), for `DeliveryError`. */
export function messageByErrorCode(failed: readonly FailedRecord[]): Record<string, string> {
  const messages: Record<string, string> = {};
  for (const record of failed) messages[record.errorCode] ??= record.errorMessage;
  return messages;
}
