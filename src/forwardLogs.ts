import type { EncodedRecord } from './batch/encodeRecord.js';
import { createRecordEncoder } from './batch/recordEncoder.js';
import { packBatches } from './batch/packBatches.js';
import type { ForwarderConfig } from './config.js';
import { createPayloadControls, emptyControlCounts, type ControlCounts } from './controls/applyControls.js';
import { decodePayload } from './decode/decodePayload.js';
import { isOwnLogGroup } from './decode/ownLogGroup.js';
import type { DataMessage } from './decode/subscriptionPayload.js';
import { countByErrorCode, messageByErrorCode, type DeliveryReport } from './deliver/deliveryReport.js';
import { deliverBatches, type FirehoseSender } from './deliver/putRecordBatches.js';
import { DeliveryError } from './errors.js';
import { forEachRecord } from './normalize/normalizePayload.js';

/** What one invocation did; logged as one line and returned to the caller. */
export interface ForwardSummary {
  messageType: 'DATA_MESSAGE' | 'CONTROL_MESSAGE';
  logGroup?: string;
  logStream?: string;
  events: number;
  records: number;
  truncated: number;
  /** Events not forwarded because the payload came from the forwarder's own log group. */
  droppedOwnLogGroup: number;
  /** Records the controls dropped on purpose, by reason (SPEC §6). */
  dropped: ControlCounts['dropped'];
  /** START / END records folded into their REPORT record. */
  folded: number;
  /** Values replaced by `[REDACTED:…]`. */
  redacted: number;
  delivered: number;
  failed: number;
  calls: number;
  retriedRecords: number;
  bytesSent: number;
  billedUnits: number;
}

export interface ForwardDependencies {
  readonly config: ForwarderConfig;
  readonly firehose: FirehoseSender;
  /** Milliseconds left in the invocation. */
  readonly remainingTimeMs: () => number;
  /**
   * Told the summary of a decoded payload once delivery is over, before `forwardLogs` returns or
   * throws its `DeliveryError`: the edge's hook for metrics, which must count failed
   * invocations too.
   */
  readonly onSummary?: (summary: ForwardSummary) => void;
  /** The account the function runs in (from its ARN), to tell its own log group apart. */
  readonly ownAccountId?: string | undefined;
  /** Told one line of fields for something a person should see (the edge logs it as WARN). */
  readonly warn?: (fields: Record<string, unknown>) => void;
}

const EMPTY_REPORT: DeliveryReport = {
  delivered: 0,
  failed: [],
  calls: 0,
  retriedRecords: 0,
  bytesSent: 0,
  billedUnits: 0,
};

/**
 * The whole pipeline for one subscription event: decode → normalize → controls → encode → batch →
 * deliver.
 * Returns the summary when every record was delivered; throws `DecodeError` for a payload that
 * cannot be read and `DeliveryError` when records remain undelivered, so Lambda's retry and the
 * on-failure destination take over.
 */
export async function forwardLogs(event: unknown, deps: ForwardDependencies): Promise<ForwardSummary> {
  const { config } = deps;
  const payload = decodePayload(event, config);
  if (payload.messageType === 'CONTROL_MESSAGE') {
    const control: ForwardSummary = {
      messageType: payload.messageType,
      events: 0,
      records: 0,
      truncated: 0,
      droppedOwnLogGroup: 0,
      ...emptyControlCounts(),
      ...summaryOf(EMPTY_REPORT),
    };
    deps.onSummary?.(control);
    return control;
  }
  if (isOwnLogGroup(payload, { name: config.ownLogGroup, accountId: deps.ownAccountId })) {
    // Dropped whole, but never silently: counted (RecordsDropped{reason=own-log-group}) and named.
    const dropped: ForwardSummary = {
      messageType: payload.messageType,
      logGroup: payload.logGroup,
      logStream: payload.logStream,
      events: payload.logEvents.length,
      records: 0,
      truncated: 0,
      droppedOwnLogGroup: payload.logEvents.length,
      ...emptyControlCounts(),
      ...summaryOf(EMPTY_REPORT),
    };
    deps.warn?.({
      message:
        `dropped ${payload.logEvents.length} events from the forwarder's own log group ${payload.logGroup}: ` +
        'forwarding them would feed the forwarder its own output; remove the subscription filter on that group',
      reason: 'own-log-group',
      logGroup: payload.logGroup,
      owner: payload.owner,
      events: payload.logEvents.length,
    });
    deps.onSummary?.(dropped);
    return dropped;
  }
  const { encoded, truncated, counts } = encodePayloadRecords(payload, config);
  const report =
    encoded.length === 0
      ? EMPTY_REPORT
      : await deliverBatches(deps.firehose, packBatches(encoded), {
          deliveryStreamName: config.deliveryStreamName,
          concurrency: config.deliveryConcurrency,
          remainingTimeMs: deps.remainingTimeMs,
        });
  const summary: ForwardSummary = {
    messageType: payload.messageType,
    logGroup: payload.logGroup,
    logStream: payload.logStream,
    events: payload.logEvents.length,
    records: encoded.length,
    truncated,
    droppedOwnLogGroup: 0,
    ...counts,
    ...summaryOf(report),
  };
  deps.onSummary?.(summary);
  if (report.failed.length > 0) {
    throw new DeliveryError(
      config.deliveryStreamName,
      report.delivered,
      report.failed.length,
      countByErrorCode(report.failed),
      report.failed.map((record) => record.id),
      messageByErrorCode(report.failed),
    );
  }
  return summary;
}

/** The encoded records of one decoded payload, in order, and how many of them were cut to fit. */
export interface EncodedPayload {
  readonly encoded: EncodedRecord[];
  readonly truncated: number;
  /** What the controls (SPEC §6) dropped, folded and redacted in this payload. */
  readonly counts: ControlCounts;
}

/**
 * The pure part of the pipeline for one decoded payload: normalize → controls → encode. Shared
 * by the subscription input and the Kinesis input (src/input/forwardKinesisBatch.ts), which packs
 * the records of many payloads into the same PutRecordBatch calls.
 */
export function encodePayloadRecords(payload: DataMessage, config: ForwarderConfig): EncodedPayload {
  // Records are encoded as they are built, a group at a time (batch/recordEncoder.ts), so the
  // record objects die young and the full set of them is never alive at once: peak RSS on the
  // max payload (npm run bench --quick), pipeline 117 → 92 MiB, whole handler 138 → 132 MiB.
  const encoded: EncodedRecord[] = [];
  let truncated = 0;
  const counts = emptyControlCounts();
  const encoder = createRecordEncoder((line) => {
    if (line.truncated) truncated++;
    encoded.push(line);
  });
  const controls = createPayloadControls(
    config.controls.forLogGroup(payload.logGroup),
    payload.logStream,
    encoder.push,
    counts,
  );
  forEachRecord(
    payload,
    // The own-log-group guard runs before (with the account compared too), not by name alone.
    { ownLogGroup: undefined, rejoinMultiline: config.rejoinMultiline },
    controls.push,
  );
  controls.end();
  encoder.flush();
  return { encoded, truncated, counts };
}

function summaryOf(report: DeliveryReport) {
  return {
    delivered: report.delivered,
    failed: report.failed.length,
    calls: report.calls,
    retriedRecords: report.retriedRecords,
    bytesSent: report.bytesSent,
    billedUnits: report.billedUnits,
  };
}
