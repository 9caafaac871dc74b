import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { ForwardSummary } from '../forwardLogs.js';

/** Namespace of the metrics when `POWERTOOLS_METRICS_NAMESPACE` is not set. */
export const DEFAULT_METRICS_NAMESPACE = 'CwlForwarder';
/** `service` dimension when `POWERTOOLS_SERVICE_NAME` is not set. */
export const DEFAULT_SERVICE_NAME = 'cwl-forwarder';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The forwarder's own metrics, written as CloudWatch Embedded Metric Format: one JSON line on
 * stdout per invocation, which CloudWatch Logs turns into metrics (no API call, no extra
 * latency). Namespace and `service` dimension follow Powertools' variables
 * (`POWERTOOLS_METRICS_NAMESPACE`, `POWERTOOLS_SERVICE_NAME`), with the forwarder's defaults;
 * `POWERTOOLS_METRICS_DISABLED=true` turns the line off.
 * https://docs.aws.amazon.com/powertools/typescript/latest/core/metrics/
 */
export function createForwarderMetrics(env: Env = process.env): Metrics {
  return new Metrics({
    namespace: env.POWERTOOLS_METRICS_NAMESPACE?.trim() || DEFAULT_METRICS_NAMESPACE,
    serviceName: env.POWERTOOLS_SERVICE_NAME?.trim() || DEFAULT_SERVICE_NAME,
  });
}

/** Metric names, as they appear in CloudWatch. */
export const METRIC = Object.freeze({
  eventsIn: 'EventsIn',
  recordsDelivered: 'RecordsDelivered',
  recordsRetried: 'RecordsRetried',
  recordsFailed: 'RecordsFailed',
  recordsTruncated: 'RecordsTruncated',
  putRecordBatchCalls: 'PutRecordBatchCalls',
  bytesSent: 'BytesSent',
  billedUnits: 'FirehoseBilled5KBUnits',
  failedInvocations: 'FailedInvocations',
  recordsDropped: 'RecordsDropped',
  recordsFolded: 'RecordsFolded',
  recordsRejoined: 'RecordsRejoined',
  valuesRedacted: 'ValuesRedacted',
});

/** `reason` dimension values of {@link METRIC.recordsDropped}: why the controls removed records. */
export type DropReason = 'level' | 'sampled' | 'platform' | 'own-log-group';

/**
 * Records dropped on purpose, with a `reason` dimension. Each reason is its own EMF line
 * (Powertools' single metric, written at once), as a line's dimensions apply to all its metrics.
 */
export function addDroppedRecords(metrics: Metrics, reason: string, count: number): void {
  const single = metrics.singleMetric();
  single.addDimension('reason', reason);
  single.addMetric(METRIC.recordsDropped, MetricUnit.Count, count);
}

/**
 * Stores one invocation's figures (from the pipeline's summary, delivered or not). Every metric
 * is written, zeros included, so a dashboard's sums and alarms see every invocation. Flushing is
 * the caller's, once per invocation and also when it fails (see `functions/forwarder.ts`).
 */
export function addForwardMetrics(metrics: Metrics, summary: ForwardSummary): void {
  metrics.addMetric(METRIC.eventsIn, MetricUnit.Count, summary.events);
  metrics.addMetric(METRIC.recordsDelivered, MetricUnit.Count, summary.delivered);
  metrics.addMetric(METRIC.recordsRetried, MetricUnit.Count, summary.retriedRecords);
  metrics.addMetric(METRIC.recordsFailed, MetricUnit.Count, summary.failed);
  metrics.addMetric(METRIC.recordsTruncated, MetricUnit.Count, summary.truncated);
  metrics.addMetric(METRIC.putRecordBatchCalls, MetricUnit.Count, summary.calls);
  metrics.addMetric(METRIC.bytesSent, MetricUnit.Bytes, summary.bytesSent);
  metrics.addMetric(METRIC.billedUnits, MetricUnit.Count, summary.billedUnits);
  metrics.addMetric(METRIC.recordsFolded, MetricUnit.Count, summary.folded);
  metrics.addMetric(METRIC.recordsRejoined, MetricUnit.Count, summary.rejoined);
  metrics.addMetric(METRIC.valuesRedacted, MetricUnit.Count, summary.redacted);
  // Only reasons that dropped something: with the controls off, the one EMF line stays the only one.
  for (const reason of ['level', 'sampled', 'platform'] as const satisfies readonly DropReason[]) {
    if (summary.dropped[reason] > 0) addDroppedRecords(metrics, reason, summary.dropped[reason]);
  }
  if (summary.droppedOwnLogGroup > 0) addDroppedRecords(metrics, 'own-log-group', summary.droppedOwnLogGroup);
}

/** Counts an invocation that ends with an error (undecodable payload, undelivered records). */
export function addFailedInvocation(metrics: Metrics): void {
  metrics.addMetric(METRIC.failedInvocations, MetricUnit.Count, 1);
}
