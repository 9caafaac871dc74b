import type { Context, KinesisStreamBatchResponse } from 'aws-lambda';
import { readConfig } from '../src/config.js';
import { createFirehoseClient } from '../src/deliver/putRecordBatches.js';
import { accountOfArn } from '../src/decode/ownLogGroup.js';
import { forwardLogs, type ForwardSummary } from '../src/forwardLogs.js';
import { forwardKinesisBatch } from '../src/input/forwardKinesisBatch.js';
import { isKinesisEvent } from '../src/input/kinesisEvent.js';
import { readFailedPayloadsBucket, undecodableSaver } from '../src/input/undecodableSaver.js';
import {
  addFailedInvocation,
  addForwardMetrics,
  createForwarderMetrics,
} from '../src/metrics/forwarderMetrics.js';
import { addKinesisMetrics } from '../src/metrics/kinesisMetrics.js';

// Read once per cold start: a bad setting stops the function here, naming the variable.
const config = readConfig();
const firehose = createFirehoseClient();
const metrics = createForwarderMetrics();
const saveUndecodable = undecodableSaver(readFailedPayloadsBucket());

/**
 * Lambda entry point: a CloudWatch Logs subscription event (`input: subscription`), or a batch
 * from the Kinesis event source mapping (`input: kinesis`); ships the events to Firehose.
 */
export async function handler(
  event: unknown,
  context: Context,
): Promise<ForwardSummary | KinesisStreamBatchResponse> {
  const remainingTimeMs = () => context.getRemainingTimeInMillis();
  try {
    if (isKinesisEvent(event)) {
      const result = await forwardKinesisBatch(event, {
        config,
        firehose,
        remainingTimeMs,
        saveUndecodable,
        ownAccountId: accountOfArn(context.invokedFunctionArn),
        warn: (fields) => {
          console.warn(JSON.stringify({ level: 'WARN', ...fields }));
        },
      });
      addKinesisMetrics(metrics, result.summary);
      for (const record of result.undecodable) {
        const level = record.savedAs === undefined ? 'ERROR' : 'WARN';
        console.log(JSON.stringify({ level, message: 'undecodable Kinesis record', ...record }));
      }
      console.log(JSON.stringify({ level: 'INFO', message: 'forwarded', ...result.summary }));
      return result.response;
    }
    const summary = await forwardLogs(event, {
      config,
      firehose,
      remainingTimeMs,
      ownAccountId: accountOfArn(context.invokedFunctionArn),
      warn: (fields) => {
        console.warn(JSON.stringify({ level: 'WARN', ...fields }));
      },
      onSummary: (figures) => {
        addForwardMetrics(metrics, figures);
      },
    });
    console.log(JSON.stringify({ level: 'INFO', message: 'forwarded', ...summary }));
    return summary;
  } catch (error) {
    // Thrown on: Lambda's retry, then the on-failure destination, take the payload over.
    addFailedInvocation(metrics);
    throw error;
  } finally {
    // Flushed on failure too: the failed invocations are the ones the metrics are for.
    metrics.publishStoredMetrics();
  }
}
