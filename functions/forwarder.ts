import type { Context } from 'aws-lambda';
import { readConfig } from '../src/config.js';
import { createFirehoseClient } from '../src/deliver/putRecordBatches.js';
import { forwardLogs, type ForwardSummary } from '../src/forwardLogs.js';

// Read once per cold start: a bad setting stops the function here, naming the variable.
const config = readConfig();
const firehose = createFirehoseClient();

/** Lambda entry point: subscribed to CloudWatch Logs, ships the events to Firehose. */
export async function handler(event: unknown, context: Context): Promise<ForwardSummary> {
  const summary = await forwardLogs(event, {
    config,
    firehose,
    remainingTimeMs: () => context.getRemainingTimeInMillis(),
  });
  console.log(JSON.stringify({ level: 'INFO', message: 'forwarded', ...summary }));
  return summary;
}
