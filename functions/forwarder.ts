import type { Context } from 'aws-lambda';
import { readConfig } from '../src/config.js';
import { createFirehoseClient } from '../src/deliver/putRecordBatches.js';
import { accountOfArn } from '../src/decode/ownLogGroup.js';
import { forwardLogs, type ForwardSummary } from '../src/forwardLogs.js';
import {
  addFailedInvocation,
  addForwardMetrics,
  createForwarderMetrics,
} from '../src/metrics/forwarderMetrics.js';

// Read once per cold start: a bad setting stops the function here, naming the variable.
const config = readConfig();
const firehose = createFirehoseClient();
const metrics = createForwarderMetrics();

/** Lambda entry point: subscribed to CloudWatch Logs, ships the events to Firehose. */
export async function handler(event: unknown, context: Context): Promise<ForwardSummary> {
  try {
    const summary = await forwardLogs(event, {
      config,
      firehose,
      remainingTimeMs: () => context.getRemainingTimeInMillis(),
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
