import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { KinesisBatchSummary } from '../input/forwardKinesisBatch.js';
import { addForwardMetrics } from './forwarderMetrics.js';

/** Metric names of the Kinesis input, beside the forwarder's own (`METRIC`). */
export const KINESIS_METRIC = Object.freeze({
  kinesisRecords: 'KinesisRecordsIn',
  undecodable: 'KinesisRecordsUndecodable',
  undecodableSaved: 'KinesisRecordsSavedToFailureBucket',
  batchItemFailures: 'KinesisBatchItemFailures',
});

/**
 * Stores one Kinesis batch's figures: the forwarder's metrics summed over the batch's payloads,
 * and the Kinesis input's own. An undecodable record is counted whether it was saved (then it
 * left the stream for the failure bucket) or not (then it is also a batch item failure).
 */
export function addKinesisMetrics(metrics: Metrics, summary: KinesisBatchSummary): void {
  addForwardMetrics(metrics, { ...summary, messageType: 'DATA_MESSAGE' });
  metrics.addMetric(KINESIS_METRIC.kinesisRecords, MetricUnit.Count, summary.kinesisRecords);
  metrics.addMetric(KINESIS_METRIC.undecodable, MetricUnit.Count, summary.undecodable);
  metrics.addMetric(KINESIS_METRIC.undecodableSaved, MetricUnit.Count, summary.undecodableSaved);
  metrics.addMetric(KINESIS_METRIC.batchItemFailures, MetricUnit.Count, summary.batchItemFailures);
}
