import { gunzipSync } from 'node:zlib';
import {
  encodeSubscriptionEvent,
  type EventInput,
  type SubscriptionEvent,
} from '../tools/subscription-event/encodeSubscriptionEvent.js';
import { APPLICATION_FORMATS, Dice, platformLines, seededRandom, type Invocation } from './logLines.js';

/**
 * Largest event Lambda accepts for an asynchronous invocation, which is how CloudWatch Logs
 * invokes a subscribed function: 1 MB ("For asynchronous invocations, the maximum payload size
 * is 1 MB", https://docs.aws.amazon.com/lambda/latest/dg/API_Invoke.html; it was 256 KB before
 * 2025). Taken as 1 MiB, the larger reading; the generator fills the whole event JSON up to it.
 */
export const MAX_ASYNC_EVENT_BYTES = 1024 * 1024;

/** The stress payload holds this many times the events of the maximum one. */
export const STRESS_FACTOR = 10;

export const FUNCTION_NAME = 'orders-api';
export const LOG_GROUP = `/aws/lambda/${FUNCTION_NAME}`;

/** A generated subscription event and what it holds. */
export interface GeneratedPayload {
  readonly name: string;
  readonly event: SubscriptionEvent;
  /** Bytes of the whole event JSON, as Lambda receives it. */
  readonly eventBytes: number;
  /** Bytes of gzip data (base64-decoded `awslogs.data`). */
  readonly gzipBytes: number;
  /** UTF-8 bytes of the decompressed payload JSON. */
  readonly jsonBytes: number;
  readonly logEvents: number;
}

/**
 * An endless, seeded stream of log events: invocations of a function, each START, a few
 * application lines in one of the known formats (a function keeps its logger, so the format
 * changes between invocations, not within one), END and REPORT.
 */
function* logEvents(seed: number): Generator<EventInput> {
  const dice = new Dice(seededRandom(seed));
  let time = Date.UTC(2026, 10, 23, 2, 0, 0);
  for (;;) {
    const inv: Invocation = {
      requestId: dice.uuid(),
      time,
      dice,
      functionName: FUNCTION_NAME,
      traceId: `1-${dice.hex(8)}-${dice.hex(24)}`,
    };
    const format = dice.pick(APPLICATION_FORMATS);
    const json = format.name === 'lambda JSON';
    const platform = platformLines(inv, json, dice.int(1, 900) + dice.int(0, 99) / 100);
    yield { message: platform.start, timestamp: inv.time };
    const lines = dice.int(1, 12);
    for (let i = 0; i < lines; i++) {
      inv.time += dice.int(0, 40);
      yield { message: format.line(inv), timestamp: inv.time };
    }
    inv.time += dice.int(0, 5);
    for (const message of platform.end) yield { message, timestamp: inv.time };
    time = inv.time + dice.int(0, 200);
  }
}

/** The first `count` events of the seeded stream. */
export function takeEvents(seed: number, count: number): EventInput[] {
  const out: EventInput[] = [];
  for (const event of logEvents(seed)) {
    if (out.length >= count) break;
    out.push(event);
  }
  return out;
}

function encode(events: readonly EventInput[], name: string): GeneratedPayload {
  const event = encodeSubscriptionEvent({
    logGroup: LOG_GROUP,
    logStream: '2026/11/23/[$LATEST]0f4a5e6d7c8b9a0f1e2d3c4b5a697887',
    owner: '123456789012',
    subscriptionFilters: ['cwl-forwarder'],
    events,
  });
  const compressed = Buffer.from(event.awslogs.data, 'base64');
  return {
    name,
    event,
    eventBytes: Buffer.byteLength(JSON.stringify(event)),
    gzipBytes: compressed.length,
    jsonBytes: 0,
    logEvents: events.length,
  };
}

function withJsonBytes(payload: GeneratedPayload): GeneratedPayload {
  const json = gunzipSync(Buffer.from(payload.event.awslogs.data, 'base64'));
  return { ...payload, jsonBytes: json.length };
}

/**
 * The largest subscription event whose whole JSON fits `maxEventBytes`: the most events the
 * seeded stream can put in it. Found by bisection on the event count, after a first guess from
 * the compression ratio of a sample.
 */
export function generateMaxPayload(
  seed: number,
  maxEventBytes: number = MAX_ASYNC_EVENT_BYTES,
): {
  payload: GeneratedPayload;
  events: EventInput[];
} {
  const sample = encode(takeEvents(seed, 2_000), 'sample');
  const guess = Math.floor((2_000 * maxEventBytes) / sample.eventBytes);
  const pool = takeEvents(seed, Math.ceil(guess * 1.5) + 100);
  let lo = 1; // fits
  let hi = pool.length + 1; // does not fit (or beyond the pool)
  // Start the bracket around the guess so only a few gzip passes are needed.
  const fits = (n: number): boolean => encode(pool.slice(0, n), 'probe').eventBytes <= maxEventBytes;
  let probe = Math.min(guess, pool.length);
  if (fits(probe)) lo = probe;
  else hi = probe;
  probe = Math.min(pool.length, Math.floor(lo === probe ? probe * 1.05 : probe * 0.95));
  if (probe > lo && probe < hi) {
    if (fits(probe)) lo = probe;
    else hi = probe;
  }
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (fits(mid)) lo = mid;
    else hi = mid;
  }
  const events = pool.slice(0, lo);
  return { payload: withJsonBytes(encode(events, 'max (1 MB event)')), events };
}

/** `factor` times the events of the maximum payload, from the same seeded stream. */
export function generateStressPayload(
  seed: number,
  maxEvents: number,
  factor: number = STRESS_FACTOR,
): GeneratedPayload {
  const events = takeEvents(seed, maxEvents * factor);
  return withJsonBytes(encode(events, `stress (${factor}× events)`));
}
