/**
 * Wire model of a CloudWatch Logs subscription payload, after base64 and gzip.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#LambdaFunctionExample
 */

/** One log event as CloudWatch Logs delivers it. */
export interface LogEvent {
  readonly id: string;
  /** Milliseconds since the epoch, UTC. */
  readonly timestamp: number;
  readonly message: string;
}

/** Where a batch of events came from. */
export interface LogSource {
  readonly owner: string;
  readonly logGroup: string;
  readonly logStream: string;
  readonly subscriptionFilters: readonly string[];
}

/** An event of the payload that did not have the documented shape; forwarded, never dropped. */
export interface MalformedLogEvent {
  readonly index: number;
  readonly reason: string;
  /** The entry as it came, serialized. */
  readonly raw: string;
  readonly id: string | undefined;
  readonly timestamp: number | undefined;
}

export interface DataMessage extends LogSource {
  readonly messageType: 'DATA_MESSAGE';
  /** The events, in payload order; malformed entries stay in place, marked. */
  readonly logEvents: readonly (LogEvent | MalformedLogEvent)[];
}

/** CloudWatch Logs' health check of the destination; acknowledged, never forwarded. */
export interface ControlMessage {
  readonly messageType: 'CONTROL_MESSAGE';
}

export type SubscriptionPayload = DataMessage | ControlMessage;

/** True for an entry of `logEvents` that had the documented shape. */
export function isLogEvent(event: LogEvent | MalformedLogEvent): event is LogEvent {
  return !('reason' in event);
}
