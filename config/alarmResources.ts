/**
 * CloudWatch alarms on every way a log can stop on its way to Kibana: invocations that failed,
 * payloads Lambda gave up on (now in the on-failure bucket, waiting for a replay), failed payloads
 * Lambda could not even write there (lost), a backlog in Lambda's asynchronous queue or behind
 * the Kinesis stream, throttling by Firehose, and the created stream failing to index into
 * OpenSearch. Pure: the resolver (config/alarms.cjs) gives it the validated params.
 *
 * Metrics: AWS/Lambda (https://docs.aws.amazon.com/lambda/latest/dg/monitoring-metrics-types.html),
 * AWS/Firehose (https://docs.aws.amazon.com/firehose/latest/dev/monitoring-with-cloudwatch-metrics.html).
 */
import type { Input } from './inputSettings.js';
import { flag, InputParamError, text } from './inputSettings.js';

export const ALARM_PARAMS = ['alarms', 'alarmTopicArn'] as const;

export interface AlarmSettings {
  readonly enabled: boolean;
  /** SNS topic told when an alarm goes to ALARM and back to OK; undefined: none. */
  readonly topicArn: string | undefined;
}

export interface AlarmContext {
  readonly service: string;
  readonly stage: string;
  readonly input: Input;
  /** The Firehose stream the forwarder writes to (created by the stack or not). */
  readonly deliveryStreamName: string;
  /** param createDeliveryStream: the stack's stream delivers to OpenSearch. */
  readonly createsDeliveryStream: boolean;
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
interface Resource {
  Type: 'AWS::CloudWatch::Alarm';
  Properties: Record<string, Json>;
}
export interface AlarmResources {
  readonly Resources: Record<string, Resource>;
}

/** Logical ids, referenced by tests and the README. */
export const ALARM_ID = Object.freeze({
  errors: 'ForwarderErrorsAlarm',
  payloadsToFailureBucket: 'ForwarderPayloadsToFailureBucketAlarm',
  failureDestination: 'ForwarderFailureDestinationAlarm',
  asyncEventAge: 'ForwarderAsyncEventAgeAlarm',
  iteratorAge: 'ForwarderIteratorAgeAlarm',
  undecodableKinesis: 'ForwarderUndecodableKinesisAlarm',
  throttled: 'DeliveryStreamThrottledAlarm',
  freshness: 'DeliveryStreamFreshnessAlarm',
  indexing: 'DeliveryStreamIndexingAlarm',
});

/** The function's logical id, as osls names it. */
const FUNCTION = 'ForwarderLambdaFunction';

/**
 * The forwarder's own metrics (src/metrics/forwarderMetrics.ts, kinesisMetrics.ts: namespace and
 * `service` dimension when POWERTOOLS_METRICS_NAMESPACE / POWERTOOLS_SERVICE_NAME are unset, which
 * the template never sets); a unit test holds these to those modules.
 */
export const FORWARDER_METRICS = Object.freeze({
  namespace: 'CwlForwarder',
  service: 'cwl-forwarder',
  undecodableKinesisRecords: 'KinesisRecordsUndecodable',
});

/** Every alarm looks at 5-minute sums or extremes: soon enough to act, few false alarms. */
const PERIOD_SECONDS = 300;
/**
 * Lambda keeps an asynchronous event up to 6 hours by default (MaximumEventAgeInSeconds, not set
 * by failed-payloads-bucket.yml) before sending it to the on-failure bucket; half an hour of
 * backlog means logs reach Kibana late and the queue is not keeping up (throttles, reserved
 * concurrency too low).
 */
const ASYNC_EVENT_AGE_MS = 30 * 60 * 1000;
/** An hour behind leaves most of the shortest Kinesis retention (24 h) to catch up before records expire. */
const ITERATOR_AGE_MS = 60 * 60 * 1000;
/**
 * Firehose's own advice: alarm when data freshness passes the largest buffering interval
 * (900 s; https://docs.aws.amazon.com/firehose/latest/dev/firehose-cloudwatch-metrics-best-practices.html).
 */
const DATA_FRESHNESS_SECONDS = 900;

/** A standard SNS topic (CloudWatch alarms cannot notify a FIFO topic). */
const TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/** Reads params `alarms` (default true) and `alarmTopicArn` (default none); a bad value is refused, named. */
export function readAlarmSettings(params: Readonly<Record<string, unknown>>): AlarmSettings {
  const enabled = flag(params, 'alarms', true);
  const topic = text(params, 'alarmTopicArn', '');
  if (topic !== '' && !TOPIC_ARN.test(topic)) {
    throw new InputParamError(
      'alarmTopicArn',
      "a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<topic>), or '' for none",
      params.alarmTopicArn,
    );
  }
  return Object.freeze({ enabled, topicArn: topic === '' ? undefined : topic });
}

interface AlarmSpec {
  readonly namespace: 'AWS/Lambda' | 'AWS/Firehose' | typeof FORWARDER_METRICS.namespace;
  readonly metric: string;
  readonly statistic: 'Sum' | 'Maximum' | 'Minimum';
  readonly comparison: 'GreaterThanOrEqualToThreshold' | 'LessThanThreshold';
  readonly threshold: number;
  readonly description: string;
  readonly name: string;
}

/** The alarms for this stage; `{ Resources: {} }` with `alarms: false`. */
export function alarmResources(settings: AlarmSettings, context: AlarmContext): AlarmResources {
  const Resources: Record<string, Resource> = {};
  if (!settings.enabled) return { Resources };
  const prefix = `${context.service}-${context.stage}`;
  // No topic: the alarms still show in the console and the CLI, and notify no one.
  const actions: Record<string, Json> =
    settings.topicArn === undefined
      ? {}
      : { AlarmActions: [settings.topicArn], OKActions: [settings.topicArn] };
  const add = (id: string, spec: AlarmSpec, dimension: Json): void => {
    Resources[id] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: `${prefix}-${spec.name}`,
        AlarmDescription: spec.description,
        Namespace: spec.namespace,
        MetricName: spec.metric,
        Dimensions: [dimension],
        Statistic: spec.statistic,
        Period: PERIOD_SECONDS,
        EvaluationPeriods: 1,
        Threshold: spec.threshold,
        ComparisonOperator: spec.comparison,
        // No datapoint: nothing happened (no invocation, no delivery), which is not a failure.
        TreatMissingData: 'notBreaching',
        ...actions,
      },
    };
  };
  const fn: Json = { Name: 'FunctionName', Value: { Ref: FUNCTION } };
  const stream: Json = { Name: 'DeliveryStreamName', Value: context.deliveryStreamName };
  const replay =
    context.input === 'kinesis'
      ? 'The event source mapping retries the records until kinesisMaxRetryAttempts or kinesisMaxRecordAgeSeconds, then writes the batch to the on-failure bucket (FailedPayloadsBucket).'
      : 'Lambda retries each twice, then writes the payload to the on-failure bucket (FailedPayloadsBucket).';

  add(
    ALARM_ID.errors,
    {
      namespace: 'AWS/Lambda',
      metric: 'Errors',
      statistic: 'Sum',
      comparison: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      name: 'forwarder-errors',
      description: `The forwarder failed invocations (records Firehose did not take before the time ran out, or an undecodable payload: the function's log says which). ${replay}`,
    },
    fn,
  );
  if (context.input === 'subscription') {
    add(
      ALARM_ID.payloadsToFailureBucket,
      {
        namespace: 'AWS/Lambda',
        metric: 'AsyncEventsDropped',
        statistic: 'Sum',
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        name: 'payloads-to-failure-bucket',
        description:
          'Lambda gave up on subscription payloads after its retries: their logs are not in Kibana. They are in the on-failure bucket (FailedPayloadsBucket); fix the cause, then replay them with npm run replay:failed -- --bucket <name> before failedPayloadsRetentionDays.',
      },
      fn,
    );
    add(
      ALARM_ID.asyncEventAge,
      {
        namespace: 'AWS/Lambda',
        metric: 'AsyncEventAge',
        statistic: 'Maximum',
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: ASYNC_EVENT_AGE_MS,
        name: 'async-backlog',
        description:
          "Payloads waited over 30 minutes in Lambda's asynchronous queue (throttling or reserved concurrency too low): logs reach Kibana late, and after 6 hours Lambda sends them to the on-failure bucket.",
      },
      fn,
    );
  } else {
    add(
      ALARM_ID.iteratorAge,
      {
        namespace: 'AWS/Lambda',
        metric: 'IteratorAge',
        statistic: 'Maximum',
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: ITERATOR_AGE_MS,
        name: 'kinesis-backlog',
        description:
          "The forwarder is over an hour behind the Kinesis stream: records the stream's retention passes before they are read are lost. Raise kinesisParallelization or memorySize, or look for failing batches.",
      },
      fn,
    );
    add(
      ALARM_ID.undecodableKinesis,
      {
        namespace: FORWARDER_METRICS.namespace,
        metric: FORWARDER_METRICS.undecodableKinesisRecords,
        statistic: 'Sum',
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: 1,
        name: 'kinesis-undecodable',
        description:
          'Kinesis records that are no subscription payload were saved to the on-failure bucket under kinesis-undecodable/ and acknowledged (or, when saving failed, left to the mapping retries): their logs are not in Kibana. Look at them, then replay with npm run replay:failed -- --bucket <name> --prefix kinesis-undecodable/.',
      },
      { Name: 'service', Value: FORWARDER_METRICS.service },
    );
  }
  add(
    ALARM_ID.failureDestination,
    {
      namespace: 'AWS/Lambda',
      metric: 'DestinationDeliveryFailures',
      statistic: 'Sum',
      comparison: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      name: 'failure-bucket-unwritable',
      description:
        'Lambda could not write a failed payload (or a failed Kinesis batch) to the on-failure bucket: those logs are lost unless the source still holds them. Check the bucket and the function role.',
    },
    fn,
  );
  add(
    ALARM_ID.throttled,
    {
      namespace: 'AWS/Firehose',
      metric: 'ThrottledRecords',
      statistic: 'Sum',
      comparison: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      name: 'firehose-throttled',
      description: `Firehose stream ${context.deliveryStreamName} throttled records (its ingestion quota): the forwarder retries them while the invocation has time, so delivery slows and failed invocations follow. Ask for a higher quota.`,
    },
    stream,
  );
  if (context.createsDeliveryStream) {
    add(
      ALARM_ID.freshness,
      {
        namespace: 'AWS/Firehose',
        metric: 'DeliveryToAmazonOpenSearchService.DataFreshness',
        statistic: 'Maximum',
        comparison: 'GreaterThanOrEqualToThreshold',
        threshold: DATA_FRESHNESS_SECONDS,
        name: 'opensearch-late',
        description: `Records waited over 15 minutes in Firehose stream ${context.deliveryStreamName} before reaching OpenSearch: the domain is slow or refusing requests.`,
      },
      stream,
    );
    add(
      ALARM_ID.indexing,
      {
        namespace: 'AWS/Firehose',
        metric: 'DeliveryToAmazonOpenSearchService.Success',
        statistic: 'Minimum',
        comparison: 'LessThanThreshold',
        threshold: 1,
        name: 'opensearch-indexing-failed',
        description: `OpenSearch refused documents from Firehose stream ${context.deliveryStreamName} after its retries: they are in the backup bucket (BackupBucket, under its failed prefix), not in Kibana.`,
      },
      stream,
    );
  }
  return { Resources };
}
