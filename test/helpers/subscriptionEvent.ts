import {
  encodePayload,
  subscriptionPayload,
} from '../../tools/subscription-event/encodeSubscriptionEvent.js';

/** One log event of a test payload; omitted fields get deterministic defaults. */
export interface TestLogEvent {
  readonly id?: string;
  /** Milliseconds since the epoch. */
  readonly timestamp?: number;
  readonly message: string;
}

export interface SubscriptionEventInput {
  readonly logGroup: string;
  readonly logStream: string;
  /** Account id of the log group (default `123456789012`). */
  readonly owner?: string;
  readonly messages: readonly (string | TestLogEvent)[];
}

/** The invocation event CloudWatch Logs sends a subscribed Lambda function. */
export interface SubscriptionEvent {
  readonly awslogs: { readonly data: string };
}

/** Timestamp of the first default event: 2026-11-23T02:00:00Z; each next event is 1 ms later. */
export const FIRST_EVENT_TIME = Date.UTC(2026, 10, 23, 2, 0, 0);

/**
 * A CloudWatch Logs event id: 56 decimal digits, as the service sends them. Test ids are unique
 * per index and sort in payload order.
 */
export function eventId(index: number): string {
  return `3${String(index).padStart(55, '0')}`;
}

/**
 * Builds a `DATA_MESSAGE` subscription event the way CloudWatch Logs does: JSON of the payload,
 * gzip, base64, under `awslogs.data`. Plain strings become events with default ids and timestamps.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample
 */
export function makeSubscriptionEvent(input: SubscriptionEventInput): SubscriptionEvent {
  return encodePayload(
    subscriptionPayload({
      logGroup: input.logGroup,
      logStream: input.logStream,
      owner: input.owner,
      subscriptionFilters: ['test-subscription'],
      events: input.messages.map((entry, i) => {
        const event = typeof entry === 'string' ? { message: entry } : entry;
        return {
          id: event.id ?? eventId(i),
          timestamp: event.timestamp ?? FIRST_EVENT_TIME + i,
          message: event.message,
        };
      }),
    }),
  );
}
