import { describe, expect, it } from 'vitest';
import {
  ALARM_ID,
  alarmResources,
  FORWARDER_METRICS,
  readAlarmSettings,
  type AlarmContext,
} from '../../../config/alarmResources.js';
import { InputParamError } from '../../../config/inputSettings.js';
import { DEFAULT_METRICS_NAMESPACE, DEFAULT_SERVICE_NAME } from '../../../src/metrics/forwarderMetrics.js';
import { KINESIS_METRIC } from '../../../src/metrics/kinesisMetrics.js';

const subscription: AlarmContext = {
  service: 'cwl-forwarder',
  stage: 'prod',
  input: 'subscription',
  deliveryStreamName: 'app-logs',
  createsDeliveryStream: false,
};
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:oncall';

function metricsOf(context: AlarmContext, params: Record<string, unknown> = {}): Record<string, string> {
  const { Resources } = alarmResources(readAlarmSettings(params), context);
  return Object.fromEntries(
    Object.entries(Resources).map(([id, r]) => [id, r.Properties.MetricName as string]),
  );
}

function refusal(params: Record<string, unknown>): InputParamError {
  try {
    readAlarmSettings(params);
  } catch (error) {
    expect(error).toBeInstanceOf(InputParamError);
    return error as InputParamError;
  }
  throw new Error('expected the params to be refused');
}

describe('readAlarmSettings', () => {
  it('turns the alarms on, notifying no one, when nothing is set', () => {
    expect(readAlarmSettings({})).toEqual({ enabled: true, topicArn: undefined });
    expect(readAlarmSettings({ alarms: '', alarmTopicArn: '' })).toEqual({
      enabled: true,
      topicArn: undefined,
    });
  });

  it('reads the switch as the other params do, and a standard SNS topic in any partition', () => {
    expect(readAlarmSettings({ alarms: false }).enabled).toBe(false);
    expect(readAlarmSettings({ alarms: 'off' }).enabled).toBe(false);
    expect(readAlarmSettings({ alarms: 'YES' }).enabled).toBe(true);
    expect(readAlarmSettings({ alarmTopicArn: ` ${TOPIC} ` }).topicArn).toBe(TOPIC);
    const china = 'arn:aws-cn:sns:cn-north-1:123456789012:oncall';
    expect(readAlarmSettings({ alarmTopicArn: china }).topicArn).toBe(china);
  });

  it('refuses a switch that is not a boolean, naming the param', () => {
    expect(refusal({ alarms: 'sometimes' }).message).toBe(
      'param alarms: expected true or false, got "sometimes"',
    );
  });

  it('refuses what is not a standard SNS topic ARN: a name alone, a FIFO topic, another service', () => {
    for (const bad of ['oncall', `${TOPIC}.fifo`, 'arn:aws:sqs:eu-west-1:123456789012:oncall']) {
      const error = refusal({ alarmTopicArn: bad });
      expect(error.param).toBe('alarmTopicArn');
      expect(error.message).toContain(JSON.stringify(bad));
    }
  });
});

describe('alarmResources', () => {
  it('watches a subscription stage for failed invocations, payloads sent to the failure bucket or lost, a backlog and throttling', () => {
    expect(metricsOf(subscription)).toEqual({
      [ALARM_ID.errors]: 'Errors',
      [ALARM_ID.payloadsToFailureBucket]: 'AsyncEventsDropped',
      [ALARM_ID.asyncEventAge]: 'AsyncEventAge',
      [ALARM_ID.failureDestination]: 'DestinationDeliveryFailures',
      [ALARM_ID.throttled]: 'ThrottledRecords',
    });
  });

  it('watches the Kinesis input by the iterator age, not by the asynchronous queue it does not use', () => {
    const metrics = metricsOf({ ...subscription, input: 'kinesis' });
    expect(metrics[ALARM_ID.iteratorAge]).toBe('IteratorAge');
    expect(metrics[ALARM_ID.payloadsToFailureBucket]).toBeUndefined();
    expect(metrics[ALARM_ID.asyncEventAge]).toBeUndefined();
    expect(metrics[ALARM_ID.failureDestination]).toBe('DestinationDeliveryFailures');
    // Undecodable records are acknowledged (never blocking the shard): only this alarm tells.
    expect(metrics[ALARM_ID.undecodableKinesis]).toBe('KinesisRecordsUndecodable');
    expect(metricsOf(subscription)[ALARM_ID.undecodableKinesis]).toBeUndefined();
  });

  it("alarms on the forwarder's own metric under the namespace and dimension the function writes it with", () => {
    expect(FORWARDER_METRICS).toEqual({
      namespace: DEFAULT_METRICS_NAMESPACE,
      service: DEFAULT_SERVICE_NAME,
      undecodableKinesisRecords: KINESIS_METRIC.undecodable,
    });
    const { Resources } = alarmResources(readAlarmSettings({}), { ...subscription, input: 'kinesis' });
    expect(Resources[ALARM_ID.undecodableKinesis]?.Properties).toMatchObject({
      Namespace: 'CwlForwarder',
      Dimensions: [{ Name: 'service', Value: 'cwl-forwarder' }],
    });
  });

  it('adds indexing failures and late delivery when the stack creates the stream to OpenSearch', () => {
    const metrics = metricsOf({ ...subscription, createsDeliveryStream: true });
    expect(metrics[ALARM_ID.freshness]).toBe('DeliveryToAmazonOpenSearchService.DataFreshness');
    expect(metrics[ALARM_ID.indexing]).toBe('DeliveryToAmazonOpenSearchService.Success');
    const { Resources } = alarmResources(readAlarmSettings({}), {
      ...subscription,
      createsDeliveryStream: true,
    });
    // Success is the share of documents indexed: under 1 means some went to the backup bucket.
    expect(Resources[ALARM_ID.indexing]?.Properties).toMatchObject({
      Statistic: 'Minimum',
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      Dimensions: [{ Name: 'DeliveryStreamName', Value: 'app-logs' }],
    });
  });

  it("alarms on the function by its logical id and on the forwarder's stream by name, ignoring periods without data", () => {
    const { Resources } = alarmResources(readAlarmSettings({}), subscription);
    expect(Resources[ALARM_ID.payloadsToFailureBucket]?.Properties).toMatchObject({
      AlarmName: 'cwl-forwarder-prod-payloads-to-failure-bucket',
      Namespace: 'AWS/Lambda',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'ForwarderLambdaFunction' } }],
      Statistic: 'Sum',
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
    });
    expect(Resources[ALARM_ID.payloadsToFailureBucket]?.Properties.AlarmDescription).toContain(
      'npm run replay:failed',
    );
    expect(Resources[ALARM_ID.throttled]?.Properties).toMatchObject({
      Namespace: 'AWS/Firehose',
      Dimensions: [{ Name: 'DeliveryStreamName', Value: 'app-logs' }],
    });
    for (const alarm of Object.values(Resources)) {
      expect(alarm.Properties.AlarmActions).toBeUndefined();
      expect(alarm.Properties.AlarmName as string).toMatch(/^cwl-forwarder-prod-/);
    }
  });

  it('notifies the topic on ALARM and on OK when one is given', () => {
    const { Resources } = alarmResources(readAlarmSettings({ alarmTopicArn: TOPIC }), subscription);
    expect(Object.keys(Resources)).not.toHaveLength(0);
    for (const alarm of Object.values(Resources)) {
      expect(alarm.Properties).toMatchObject({ AlarmActions: [TOPIC], OKActions: [TOPIC] });
    }
  });

  it('creates no alarm with alarms: false', () => {
    expect(alarmResources(readAlarmSettings({ alarms: 'false' }), subscription)).toEqual({ Resources: {} });
  });
});
