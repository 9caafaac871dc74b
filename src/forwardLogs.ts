import type { EncodedRecord } from './batch/encodeRecord.js';
import { createRecordEncoder } from './batch/recordEncoder.js';
import type { ForwarderConfig } from './config.js';
import { createPayloadControls, emptyControlCounts, type ControlCounts } from './controls/applyControls.js';
import { decodeSlicedPayload, type SlicedDataMessage } from './decode/eventSlices.js';
import { isOwnLogGroup } from './decode/ownLogGroup.js';
import type { DataMessage, LogEvent, LogSource, MalformedLogEvent } from './decode/subscriptionPayload.js';
import { countByErrorCode, messageByErrorCode, type DeliveryReport } from './deliver/deliveryReport.js';
import { startRecordDelivery, type FirehoseSender, type RetryNotice } from './deliver/putRecordBatches.js';
import { DeliveryError } from './errors.js';
import { forEachRecord } from './normalize/normalizePayload.js';
import type { ForwarderRecord } from './normalize/record.js';

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
  /**
   * Events multi-line rejoin (`REJOIN_MULTILINE`) folded into the record of an earlier event:
   * each is in that record's `cloudwatch.folded_ids`, not a record of its own.
   */
  rejoined: number;
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
  /**
   * Awaited between two slices of a payload's events while its first batches are delivered
   * (default: one turn of the event loop, `setImmediate`).
   */
  readonly nextTurn?: () => Promise<void>;
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
  const payload = decodeSlicedPayload(event, config);
  if (payload.messageType === 'CONTROL_MESSAGE') {
    const control: ForwardSummary = {
      messageType: payload.messageType,
      events: 0,
      records: 0,
      truncated: 0,
      droppedOwnLogGroup: 0,
      ...emptyControlCounts(),
      rejoined: 0,
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
      events: payload.eventCount,
      records: 0,
      truncated: 0,
      droppedOwnLogGroup: payload.eventCount,
      ...emptyControlCounts(),
      rejoined: 0,
      ...summaryOf(EMPTY_REPORT),
    };
    deps.warn?.({
      message:
        `dropped ${payload.eventCount} events from the forwarder's own log group ${payload.logGroup}: ` +
        'forwarding them would feed the forwarder its own output; remove the subscription filter on that group',
      reason: 'own-log-group',
      logGroup: payload.logGroup,
      owner: payload.owner,
      events: payload.eventCount,
    });
    deps.onSummary?.(dropped);
    return dropped;
  }
  const { records, truncated, counts, rejoined, report } = await encodeAndDeliver(payload, deps);
  const summary: ForwardSummary = {
    messageType: payload.messageType,
    logGroup: payload.logGroup,
    logStream: payload.logStream,
    events: payload.eventCount,
    records,
    truncated,
    droppedOwnLogGroup: 0,
    ...counts,
    rejoined,
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
  /** Events multi-line rejoin folded into an earlier event's record (see ForwardSummary). */
  readonly rejoined: number;
}

interface PayloadEncoder {
  /**
   * Normalizes, controls and encodes the next events of the payload, in order: all of them at
   * once with `rejoinMultiline` (its groups span events), else any slice of them.
   */
  readonly encode: (events: DataMessage['logEvents']) => void;
  /** Hands over what is still held (a fold's last invocation, the last group); call once. */
  readonly end: () => Omit<EncodedPayload, 'encoded'>;
}

function createPayloadEncoder(
  payload: LogSource,
  config: ForwarderConfig,
  sink: (line: EncodedRecord) => void,
): PayloadEncoder {
  // Records are encoded as they are built, a group at a time (batch/recordEncoder.ts), so the
  // record objects die young and the full set of them is never alive at once: peak RSS on the
  // max payload (npm run bench --quick), pipeline 117 → 92 MiB, whole handler 138 → 132 MiB.
  let truncated = 0;
  let rejoined = 0;
  const counts = emptyControlCounts();
  const encoder = createRecordEncoder((line) => {
    if (line.truncated) truncated++;
    sink(line);
  });
  const controls = createPayloadControls(
    config.controls.forLogGroup(payload.logGroup),
    payload.logStream,
    encoder.push,
    counts,
  );
  // The own-log-group guard runs before (with the account compared too), not by name alone.
  const options = { ownLogGroup: undefined, rejoinMultiline: config.rejoinMultiline };
  // Before the controls, `folded_ids` holds only what rejoin folded in: exactly the events that
  // are no record of their own (a split group's later parts are records, their ids not in it).
  // Counted here, so they are counted whether the controls then keep the record or drop it.
  const push = config.rejoinMultiline
    ? (record: ForwarderRecord) => {
        rejoined += record.cloudwatch.folded_ids?.length ?? 0;
        controls.push(record);
      }
    : controls.push;
  const { owner, logGroup, logStream, subscriptionFilters } = payload;
  // The timestamp of the last good event so far: a malformed entry without one takes it.
  let lastTime = 0;
  return {
    encode: (logEvents) => {
      const slice: DataMessage = {
        messageType: 'DATA_MESSAGE',
        owner,
        logGroup,
        logStream,
        subscriptionFilters,
        logEvents,
      };
      lastTime = forEachRecord(slice, options, push, 0, logEvents.length, lastTime);
    },
    end() {
      controls.end();
      encoder.flush();
      return { truncated, counts, rejoined };
    },
  };
}

/**
 * The pure part of the pipeline for one decoded payload: normalize → controls → encode. Shared
 * by the subscription input and the Kinesis input (src/input/forwardKinesisBatch.ts), which packs
 * the records of many payloads into the same PutRecordBatch calls.
 */
export function encodePayloadRecords(
  payload: DataMessage | SlicedDataMessage,
  config: ForwarderConfig,
): EncodedPayload {
  const encoded: EncodedRecord[] = [];
  const encoder = createPayloadEncoder(payload, config, (line) => encoded.push(line));
  if ('logEvents' in payload) encoder.encode(payload.logEvents);
  else {
    for (const events of slicesOf(payload, config)) encoder.encode(events);
  }
  return { encoded, ...encoder.end() };
}

interface DeliveredPayload extends Omit<EncodedPayload, 'encoded'> {
  readonly records: number;
  readonly report: DeliveryReport;
}

/**
 * Events normalized between two turns of the event loop while a payload is delivered: each turn
 * lets the calls already handed to the SDK go out and their answers come in, so the network's
 * time overlaps the encoding of the rest instead of following it, and a delivered batch's bytes
 * can be collected before the last one is encoded. About 5 ms of work per slice (the pipeline
 * runs ~10 µs an event); on the max payload (npm run bench --quick, one run before and after)
 * the whole handler's peak RSS with Lambda's 128 MB heap flags went from 108.4 to 98.2 MiB
 * (external memory 19.9 → 11.0 MiB) and its warm time from 592 to 517 ms; same 37 calls.
 * It is also how many events are parsed at a time (decode/eventSlices.ts): whole-handler CPU
 * time, Lambda's 128 MB heap flags, medians of 25 warm invocations in 5 alternated processes,
 * 593 → 521 ms, peak RSS 100 → 96 MiB.
 */
const EVENTS_PER_TURN = 500;

/**
 * The payload's events, {@link EVENTS_PER_TURN} at a time (rejoined groups span events: with
 * rejoin the payload comes whole), read until a slice comes back empty, so the payload's count is
 * known once every event was read (see SlicedDataMessage.eventCount).
 */
function* slicesOf(
  payload: SlicedDataMessage,
  config: ForwarderConfig,
): Generator<readonly (LogEvent | MalformedLogEvent)[]> {
  const step = config.rejoinMultiline ? Infinity : EVENTS_PER_TURN;
  for (let from = 0; ; from += step) {
    const events = payload.events(from, from + step);
    if (events.length === 0) return;
    yield events;
  }
}

/**
 * The WARN line of a delivery's first retried failure: a stream that throttles, or an endpoint
 * that does not answer, shows in the function's log while the retries last (a local run used to
 * print nothing until its timeout). Once per invocation: later failures are in the final error.
 */
export function retryWarning(
  warn: ForwardDependencies['warn'],
): ((failure: RetryNotice) => void) | undefined {
  if (warn === undefined) return undefined;
  return (failure) => {
    warn({
      message: 'Firehose delivery failed; retrying while the invocation has time',
      error_code: failure.code,
      error_message: failure.message,
      records: failure.records,
      remaining_ms: failure.remainingMs,
    });
  };
}

/** One turn of the event loop: lets calls handed to the SDK go out and their answers come in. */
export const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * Encodes the payload and delivers it as it goes: each batch is sent as soon as it is full, while
 * the next ones are encoded. The same batches, in the same order, as packing all the records at
 * the end (batch/packBatches.ts).
 */
async function encodeAndDeliver(
  payload: SlicedDataMessage,
  deps: ForwardDependencies,
): Promise<DeliveredPayload> {
  const { config } = deps;
  const delivery = startRecordDelivery(deps.firehose, {
    deliveryStreamName: config.deliveryStreamName,
    concurrency: config.deliveryConcurrency,
    remainingTimeMs: deps.remainingTimeMs,
    onFirstRetry: retryWarning(deps.warn),
  });
  let records = 0;
  const encoder = createPayloadEncoder(payload, config, (line) => {
    records++;
    delivery.push(line);
  });
  const turn = deps.nextTurn ?? nextTurn;
  let ended: ReturnType<PayloadEncoder['end']>;
  try {
    let first = true;
    for (const events of slicesOf(payload, config)) {
      if (!first) await turn();
      first = false;
      encoder.encode(events);
    }
    ended = encoder.end();
    delivery.flush();
  } catch (error) {
    // Nothing of this invocation may run on after it ends (Lambda would thaw it inside the next
    // one): the calls already under way finish before the error goes up.
    await delivery.finish();
    throw error;
  }
  // With no record sent, the report is all zeros: nothing delivered, nothing failed.
  return { records, ...ended, report: await delivery.finish() };
}

/** The delivery figures of a summary (both inputs'). */
export function summaryOf(report: DeliveryReport) {
  return {
    delivered: report.delivered,
    failed: report.failed.length,
    calls: report.calls,
    retriedRecords: report.retriedRecords,
    bytesSent: report.bytesSent,
    billedUnits: report.billedUnits,
  };
}
