import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Builds CloudWatch Logs subscription events the way CloudWatch Logs sends them to Lambda:
 * `{ "awslogs": { "data": base64(gzip(JSON payload)) } }`.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample
 */

export interface EventInput {
  readonly message: string;
  /** Epoch milliseconds; defaults to one millisecond after the previous event. */
  readonly timestamp?: number;
  /** CloudWatch event id; defaults to a 56-digit id derived from the timestamp, as CloudWatch's are. */
  readonly id?: string;
}

export interface PayloadInput {
  readonly logGroup: string;
  readonly logStream: string;
  readonly owner?: string;
  readonly subscriptionFilters?: readonly string[];
  /** First event's time when events carry none (epoch ms). */
  readonly startTime?: number;
  readonly events: readonly (string | EventInput)[];
}

export interface SubscriptionEvent {
  awslogs: { data: string };
}

/** A CloudWatch-like event id: 56 digits, time-ordered, unique within the payload. */
export function eventId(timestamp: number, index: number): string {
  const time = String(Math.max(0, Math.trunc(timestamp))).padStart(20, '0');
  return `${time}${String(index).padStart(36, '0')}`.slice(0, 56);
}

/** The decoded payload (`DATA_MESSAGE`) for the given events. */
export function subscriptionPayload(input: PayloadInput): Record<string, unknown> {
  let time = input.startTime ?? Date.UTC(2020, 4, 11, 12, 44, 44);
  const logEvents = input.events.map((event, index) => {
    const e: EventInput = typeof event === 'string' ? { message: event } : event;
    time = e.timestamp ?? (index === 0 ? time : time + 1);
    return { id: e.id ?? eventId(time, index), timestamp: time, message: e.message };
  });
  return {
    messageType: 'DATA_MESSAGE',
    owner: input.owner ?? '123456789012',
    logGroup: input.logGroup,
    logStream: input.logStream,
    subscriptionFilters: input.subscriptionFilters ?? ['cwl-forwarder'],
    logEvents,
  };
}

/** Wraps any payload object (even a malformed one, for tests) as Lambda receives it. */
export function encodePayload(payload: unknown): SubscriptionEvent {
  return { awslogs: { data: gzipSync(JSON.stringify(payload)).toString('base64') } };
}

/** The subscription event for the given events. */
export function encodeSubscriptionEvent(input: PayloadInput): SubscriptionEvent {
  return encodePayload(subscriptionPayload(input));
}

/** The payload inside a subscription event (for tools that show what an event holds). */
export function decodeSubscriptionEvent(event: SubscriptionEvent): unknown {
  return JSON.parse(gunzipSync(Buffer.from(event.awslogs.data, 'base64')).toString('utf8'));
}
