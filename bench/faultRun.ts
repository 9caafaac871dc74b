/**
 * One invocation of the real handler (functions/forwarder.ts, fresh process, so its cold-start
 * configuration and client are built as in Lambda) on the subscription event in the file
 * `argv[2]`, with a Lambda-like context whose deadline is `argv[3]` ms away. Prints one JSON
 * line: the outcome and how long it took. Used by bench/faultTable.ts.
 */
import { readFileSync } from 'node:fs';
import type { Context } from 'aws-lambda';
import type { ForwardSummary } from '../src/forwardLogs.js';

async function main(): Promise<void> {
  const [file = '', deadlineArg = '60000'] = process.argv.slice(2);
  const event: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const deadlineMs = Number(deadlineArg);
  const { handler } = await import('../functions/forwarder.js');
  // The handler's own log lines (summary, EMF) are not this tool's output.
  console.log = () => undefined;
  console.warn = () => undefined;
  const start = Date.now();
  const deadline = start + deadlineMs;
  const context = {
    getRemainingTimeInMillis: () => deadline - Date.now(),
    invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:cwl-forwarder-dev-forwarder',
  } as Context;
  let outcome: Record<string, unknown>;
  try {
    // A subscription event: the handler answers with the invocation's summary.
    const summary = (await handler(event, context)) as ForwardSummary;
    outcome = { ok: true, delivered: summary.delivered, calls: summary.calls };
  } catch (error) {
    const e = error as Error;
    outcome = { ok: false, error: `${e.name}: ${e.message}` };
  }
  process.stdout.write(
    `${JSON.stringify({ ...outcome, ms: Date.now() - start, leftMs: deadline - Date.now() })}\n`,
  );
}

void main();
