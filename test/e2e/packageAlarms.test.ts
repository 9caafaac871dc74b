import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  resourcesOfType,
  serverlessPackage,
  templateOf,
  type Packaged,
} from '../helpers/serverlessPackage.js';

/**
 * `serverless package` on the real serverless.yml: the CloudWatch alarms it writes for each kind
 * of stage (params `alarms`, `alarmTopicArn`), read back from the CloudFormation template.
 */

const work = mkdtempSync(join(tmpdir(), 'cwlf-package-alarms-'));
const THREE = '--param=logGroupsFile=test/fixtures/log-groups/three.yml';
const TOPIC = 'arn:aws:sns:us-east-1:123456789012:logging-oncall';
const runs = {} as Record<'subscription' | 'kinesisStream' | 'off' | 'badTopic', Packaged>;

beforeAll(async () => {
  // One after the other: each run is CPU-bound on a shared machine.
  runs.subscription = await serverlessPackage(work, 'alarms-subscription', [THREE]);
  runs.kinesisStream = await serverlessPackage(work, 'alarms-kinesis', [
    '--param=input=kinesis',
    '--param=createDeliveryStream=true',
    '--param=openSearchDomainArn=arn:aws:es:us-east-1:123456789012:domain/team-logs',
    '--param=deliveryStreamName=app-stream',
    `--param=alarmTopicArn=${TOPIC}`,
  ]);
  runs.off = await serverlessPackage(work, 'alarms-off', [THREE, '--param=alarms=false']);
  runs.badTopic = await serverlessPackage(work, 'alarms-bad-topic', [
    THREE,
    '--param=alarmTopicArn=logging-oncall',
  ]);
}, 600_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

type AlarmProperties = Record<string, unknown> & { MetricName: string; Namespace: string };

function alarms(packaged: Packaged): Record<string, AlarmProperties> {
  return Object.fromEntries(
    resourcesOfType(templateOf(packaged), 'AWS::CloudWatch::Alarm').map(([id, r]) => [
      id,
      r.Properties as AlarmProperties,
    ]),
  );
}

describe('serverless package: alarms', () => {
  it('a subscription stage alarms on failed invocations, payloads left in the failure bucket or lost, a backlog and throttling, by default', () => {
    const found = alarms(runs.subscription);
    expect(
      Object.values(found)
        .map((a) => `${a.Namespace} ${a.MetricName}`)
        .sort(),
    ).toEqual([
      'AWS/Firehose ThrottledRecords',
      'AWS/Lambda AsyncEventAge',
      'AWS/Lambda AsyncEventsDropped',
      'AWS/Lambda DestinationDeliveryFailures',
      'AWS/Lambda Errors',
    ]);
    const template = templateOf(runs.subscription);
    // The dimension names the function the template creates, and the stream it writes to.
    expect(template.Resources.ForwarderLambdaFunction?.Type).toBe('AWS::Lambda::Function');
    expect(found.ForwarderPayloadsToFailureBucketAlarm).toMatchObject({
      AlarmName: 'cwl-forwarder-alarms-subscription-payloads-to-failure-bucket',
      Dimensions: [{ Name: 'FunctionName', Value: { Ref: 'ForwarderLambdaFunction' } }],
    });
    expect(found.DeliveryStreamThrottledAlarm).toMatchObject({
      Dimensions: [{ Name: 'DeliveryStreamName', Value: 'logging-test' }],
    });
    for (const alarm of Object.values(found)) expect(alarm.AlarmActions).toBeUndefined();
  });

  it('a Kinesis stage with its own stream to OpenSearch alarms on the iterator age and on indexing, and notifies the topic', () => {
    const found = alarms(runs.kinesisStream);
    const metrics = Object.values(found).map((a) => a.MetricName);
    expect(metrics).toContain('IteratorAge');
    expect(metrics).toContain('KinesisRecordsUndecodable');
    expect(metrics).toContain('DeliveryToAmazonOpenSearchService.Success');
    expect(metrics).toContain('DeliveryToAmazonOpenSearchService.DataFreshness');
    expect(metrics).not.toContain('AsyncEventsDropped');
    expect(found.DeliveryStreamIndexingAlarm).toMatchObject({
      Dimensions: [{ Name: 'DeliveryStreamName', Value: 'app-stream' }],
    });
    // The alarmed stream is the one the stack creates.
    const stream = templateOf(runs.kinesisStream).Resources.DeliveryStream;
    expect(stream?.Properties.DeliveryStreamName).toBe('app-stream');
    for (const alarm of Object.values(found)) {
      expect(alarm).toMatchObject({ AlarmActions: [TOPIC], OKActions: [TOPIC] });
    }
  });

  it('alarms: false writes no alarm', () => {
    expect(runs.off.code).toBe(0);
    expect(alarms(runs.off)).toEqual({});
  });

  it('a topic that is not an SNS topic ARN is refused, naming the param', () => {
    expect(runs.badTopic.code).not.toBe(0);
    expect(runs.badTopic.output).toMatch(
      /param alarmTopicArn: expected a standard SNS topic ARN.*"logging-oncall"/,
    );
  });
});
