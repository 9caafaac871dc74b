/**
 * The CloudFormation of SPEC §7 beside what osls generates: the Kinesis Data Stream, its event
 * source mapping and IAM, per-group subscription filters to the stream, the account-level
 * subscription filter policy, and the CloudWatch Logs destination for other accounts. Pure: the
 * resolver (config/inputResources.cjs) gives it the validated params and log group list.
 */
import { createHash } from 'node:crypto';
import { MAX_SELECTION_CRITERIA_BYTES, type InputSettings } from './inputSettings.js';
import type { LogGroupSubscription } from './validateLogGroupList.js';
import { InputParamError } from './inputSettings.js';

export interface InputResourcesContext {
  readonly service: string;
  readonly stage: string;
  /** `/aws/lambda/<function name>`: never subscribed, always excluded. */
  readonly ownLogGroup: string;
  /** The Firehose stream's name: its error log group is excluded from the account policy. */
  readonly deliveryStreamName: string;
  /** The validated log group list (used when the groups get filters to the stream). */
  readonly subscriptions: readonly LogGroupSubscription[];
}

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Resource = { Type: string; Properties: Record<string, Json>; DependsOn?: string[] };

export interface InputResources {
  readonly Resources: Record<string, Resource>;
  readonly Outputs: Record<string, { Description: string; Value: Json }>;
}

/** Logical ids, referenced by tests and the README. */
export const LOGICAL_ID = Object.freeze({
  stream: 'LogsStream',
  logsRole: 'LogsToKinesisRole',
  readPolicy: 'ForwarderKinesisReadPolicy',
  mapping: 'ForwarderKinesisEventSourceMapping',
  accountPolicy: 'AccountSubscriptionFilterPolicy',
  accountPermission: 'AccountSubscriptionInvokePermission',
  destination: 'LogsDestination',
  /** From deploy/cloudformation/failed-payloads-bucket.yml (the failure bucket). */
  failureBucket: 'FailedPayloadsBucket',
  /** osls's names for the function and its role. */
  function: 'ForwarderLambdaFunction',
  functionRole: 'IamRoleLambdaExecution',
});

const getAtt = (id: string, attribute = 'Arn'): Json => ({ 'Fn::GetAtt': [id, attribute] });
const sub = (template: string): Json => ({ 'Fn::Sub': template });

/** A value of a JSON document that CloudFormation fills in (see {@link jsonString}). */
class Embedded {
  constructor(readonly value: Json) {}
}
const embed = (value: Json): Embedded => new Embedded(value);

/**
 * A JSON document as a CloudFormation string in which the {@link embed}ded values are
 * intrinsics, joined in (`Fn::Join`), so no user text (a filter pattern, a log group name) is
 * ever read as `Fn::Sub` syntax. Embedded values must be strings once resolved (ARNs).
 */
function jsonString(document: unknown): Json {
  const values: Json[] = [];
  const text = JSON.stringify(document, (_key, value: unknown) =>
    value instanceof Embedded ? `\u0000${values.push(value.value) - 1}\u0000` : value,
  );
  const parts: Json[] = [];
  let last = 0;
  // JSON.stringify writes U+0000 as the six characters \u0000.
  for (const match of text.matchAll(/\\u0000(\d+)\\u0000/g)) {
    parts.push(text.slice(last, match.index), values[Number(match[1])] ?? null);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return { 'Fn::Join': ['', parts] };
}

/** A logical id from a log group and filter: stable when other entries of the list change. */
function filterLogicalId(subscription: LogGroupSubscription): string {
  const letters = subscription.logGroup.replace(/[^A-Za-z0-9]/g, '').slice(0, 180);
  const hash = createHash('sha256')
    .update(`${subscription.logGroup}\n${subscription.filter}`)
    .digest('hex')
    .slice(0, 8);
  return `KinesisSubscription${letters}${hash}`;
}

/** `LogGroupName NOT IN [...]`: the only selection criteria account policies support. */
export function selectionCriteria(excluded: readonly string[]): string {
  const criteria = `LogGroupName NOT IN [${[...new Set(excluded)].map((name) => JSON.stringify(name)).join(', ')}]`;
  if (Buffer.byteLength(criteria) > MAX_SELECTION_CRITERIA_BYTES) {
    throw new InputParamError(
      'excludeLogGroups',
      `names that fit the account policy's selection criteria (at most ${MAX_SELECTION_CRITERIA_BYTES} bytes)`,
      `${excluded.length} names, ${Buffer.byteLength(criteria)} bytes`,
    );
  }
  return criteria;
}

/** What the account policy leaves out: the forwarder's own log group, Firehose's error log, the param's. */
export function excludedLogGroups(settings: InputSettings, context: InputResourcesContext): string[] {
  return [
    context.ownLogGroup,
    `/aws/kinesisfirehose/${context.deliveryStreamName}`,
    ...settings.excludeLogGroups,
  ];
}

/**
 * The use of the existing stream's customer managed key that a producer (`kms:GenerateDataKey`)
 * or a consumer (`kms:Decrypt`) needs, on that key only, and only when Kinesis asks for it for
 * this stream: Kinesis calls KMS with the stream ARN as encryption context (`aws:kinesis:arn`),
 * the condition the Kinesis docs give for scoping a key to a stream. (No `kms:ViaService`: the
 * Kinesis docs do not name its value, and a wrong one would deny every read, the very failure
 * this grant is for.) `[]` without the param.
 * https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html
 */
function streamKeyStatements(settings: InputSettings, action: string): Json[] {
  const key = settings.kinesisStreamKmsKeyArn;
  if (key === undefined || settings.kinesisStreamArn === undefined) return [];
  return [
    {
      Effect: 'Allow',
      Action: action,
      Resource: key.arn,
      Condition: {
        StringEquals: {
          'kms:EncryptionContext:aws:kinesis:arn': settings.kinesisStreamArn,
        },
      },
    },
  ];
}

/** The resources and outputs for the given settings; `{}` parts when the default mode is used. */
export function inputResources(settings: InputSettings, context: InputResourcesContext): InputResources {
  const Resources: Record<string, Resource> = {};
  const Outputs: InputResources['Outputs'] = {};
  const kinesis = settings.input === 'kinesis';
  const streamArn: Json = settings.kinesisStreamArn ?? getAtt(LOGICAL_ID.stream);

  if (kinesis && settings.kinesisStreamArn === undefined) {
    Resources[LOGICAL_ID.stream] = {
      Type: 'AWS::Kinesis::Stream',
      Properties: {
        Name: `${context.service}-${context.stage}-logs`,
        RetentionPeriodHours: settings.kinesisRetentionHours,
        ...(settings.kinesisShardCount === 0
          ? { StreamModeDetails: { StreamMode: 'ON_DEMAND' } }
          : { ShardCount: settings.kinesisShardCount, StreamModeDetails: { StreamMode: 'PROVISIONED' } }),
        // Encrypted at rest with the AWS managed key (kept on purpose): it needs no IAM grant of
        // ours, so neither role gets a KMS statement; an existing stream's customer managed key
        // does (kinesisStreamKmsKeyArn, streamKeyStatements).
        // https://docs.aws.amazon.com/streams/latest/dev/permissions-user-key-KMS.html
        StreamEncryption: { EncryptionType: 'KMS', KeyId: 'alias/aws/kinesis' },
      },
    };
  }

  if (kinesis) {
    // The role CloudWatch Logs assumes to put subscription payloads on the stream: only for this
    // account's log groups and the source accounts' (confused-deputy guard), only PutRecord.
    // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/SubscriptionFilters.html#DestinationKinesisExample
    const senders = ['${AWS::AccountId}', ...settings.sourceAccounts];
    Resources[LOGICAL_ID.logsRole] = {
      Type: 'AWS::IAM::Role',
      Properties: {
        AssumeRolePolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { Service: 'logs.amazonaws.com' },
              Action: 'sts:AssumeRole',
              Condition: {
                StringLike: {
                  'aws:SourceArn': senders.map((account) =>
                    sub(`arn:\${AWS::Partition}:logs:\${AWS::Region}:${account}:*`),
                  ),
                },
              },
            },
          ],
        },
        Policies: [
          {
            PolicyName: 'put-subscription-payloads',
            PolicyDocument: {
              Version: '2012-10-17',
              Statement: [
                { Effect: 'Allow', Action: 'kinesis:PutRecord', Resource: streamArn },
                // An existing stream encrypted with a customer managed key: the producer's data key.
                ...streamKeyStatements(settings, 'kms:GenerateDataKey'),
              ],
            },
          },
        ],
      },
    };

    // What the event source mapping needs of the function's role, on this stream only. The
    // failure bucket, where the mapping writes a batch it gives up on, needs s3:PutObject and
    // s3:ListBucket, which the role has already for the asynchronous on-failure destination
    // (serverless.yml provider.iam).
    // https://docs.aws.amazon.com/lambda/latest/dg/with-kinesis.html
    // https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html
    Resources[LOGICAL_ID.readPolicy] = {
      Type: 'AWS::IAM::Policy',
      Properties: {
        PolicyName: 'read-logs-stream',
        Roles: [{ Ref: LOGICAL_ID.functionRole }],
        PolicyDocument: {
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Action: [
                'kinesis:DescribeStream',
                'kinesis:DescribeStreamSummary',
                'kinesis:GetRecords',
                'kinesis:GetShardIterator',
                'kinesis:ListShards',
              ],
              Resource: streamArn,
            },
            // An existing stream encrypted with a customer managed key: the records' decryption.
            // Without it the mapping is created but never reads a record.
            ...streamKeyStatements(settings, 'kms:Decrypt'),
          ],
        },
      },
    };

    const { mapping } = settings;
    Resources[LOGICAL_ID.mapping] = {
      Type: 'AWS::Lambda::EventSourceMapping',
      // The role must read the stream before the mapping is created (it is checked then).
      DependsOn: [LOGICAL_ID.readPolicy],
      Properties: {
        FunctionName: { Ref: LOGICAL_ID.function },
        EventSourceArn: streamArn,
        StartingPosition: mapping.startingPosition,
        BatchSize: mapping.batchSize,
        MaximumBatchingWindowInSeconds: mapping.batchWindowSeconds,
        ParallelizationFactor: mapping.parallelizationFactor,
        // Only the records with an undelivered event are retried; a failing batch is halved
        // until the bad record stands alone; after the retries or the age, the batch's
        // description goes to the failure bucket instead of blocking the shard.
        FunctionResponseTypes: ['ReportBatchItemFailures'],
        BisectBatchOnFunctionError: true,
        MaximumRetryAttempts: mapping.maximumRetryAttempts,
        MaximumRecordAgeInSeconds: mapping.maximumRecordAgeSeconds,
        DestinationConfig: { OnFailure: { Destination: getAtt(LOGICAL_ID.failureBucket) } },
      },
    };
    Outputs.LogsStreamArn = {
      Description: 'Kinesis Data Stream the subscriptions write to',
      Value: streamArn,
    };
  }

  if (kinesis && !settings.subscribeAccount) {
    for (const subscription of context.subscriptions) {
      Resources[filterLogicalId(subscription)] = {
        Type: 'AWS::Logs::SubscriptionFilter',
        DependsOn: [LOGICAL_ID.logsRole],
        Properties: {
          LogGroupName: subscription.logGroup,
          FilterPattern: subscription.filter,
          DestinationArn: streamArn,
          RoleArn: getAtt(LOGICAL_ID.logsRole),
          // Spread over the shards rather than one log stream per shard (hot shards).
          Distribution: 'Random',
        },
      };
    }
  }

  if (settings.subscribeAccount) {
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-accountpolicy.html
    const document = kinesis
      ? {
          DestinationArn: embed(streamArn),
          RoleArn: embed(getAtt(LOGICAL_ID.logsRole)),
          FilterPattern: settings.accountFilterPattern,
          Distribution: 'Random',
        }
      : { DestinationArn: embed(getAtt(LOGICAL_ID.function)), FilterPattern: settings.accountFilterPattern };
    if (!kinesis) {
      // CloudWatch Logs invokes the function for any log group of the account.
      Resources[LOGICAL_ID.accountPermission] = {
        Type: 'AWS::Lambda::Permission',
        Properties: {
          Action: 'lambda:InvokeFunction',
          FunctionName: getAtt(LOGICAL_ID.function),
          Principal: 'logs.amazonaws.com',
          SourceArn: sub('arn:${AWS::Partition}:logs:${AWS::Region}:${AWS::AccountId}:log-group:*'),
          SourceAccount: sub('${AWS::AccountId}'),
        },
      };
    }
    Resources[LOGICAL_ID.accountPolicy] = {
      Type: 'AWS::Logs::AccountPolicy',
      // CloudWatch Logs checks the destination when the policy is put.
      DependsOn: [kinesis ? LOGICAL_ID.logsRole : LOGICAL_ID.accountPermission],
      Properties: {
        PolicyName: `${context.service}-${context.stage}-forwarder`,
        PolicyType: 'SUBSCRIPTION_FILTER_POLICY',
        Scope: 'ALL',
        SelectionCriteria: selectionCriteria(excludedLogGroups(settings, context)),
        PolicyDocument: jsonString(document),
      },
    };
  }

  if (settings.sourceAccounts.length > 0) {
    const name = `${context.service}-${context.stage}-logs`;
    Resources[LOGICAL_ID.destination] = {
      Type: 'AWS::Logs::Destination',
      DependsOn: [LOGICAL_ID.logsRole],
      Properties: {
        DestinationName: name,
        TargetArn: streamArn,
        RoleArn: getAtt(LOGICAL_ID.logsRole),
        // The source accounts may subscribe their log groups (one by one, or with an account
        // policy) to this destination, and nothing else.
        // https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CreateDestination-Account.html
        DestinationPolicy: jsonString({
          Version: '2012-10-17',
          Statement: [
            {
              Effect: 'Allow',
              Principal: { AWS: [...settings.sourceAccounts] },
              Action: ['logs:PutSubscriptionFilter', 'logs:PutAccountPolicy'],
              // The destination's own ARN, known before it exists.
              Resource: embed(
                sub(`arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:destination:${name}`),
              ),
            },
          ],
        }),
      },
    };
    Outputs.LogsDestinationArn = {
      Description:
        'CloudWatch Logs destination for the source accounts (deploy/cloudformation/source-account.yml)',
      Value: getAtt(LOGICAL_ID.destination),
    };
  }
  return { Resources, Outputs };
}
