import type { EventSource } from '../../src/normalize/normalizeEvent.js';

/** What a payload from `/aws/lambda/<functionName>` gives every record: its provenance and default name. */
export function lambdaEventSource(functionName: string): EventSource {
  return {
    logGroup: `/aws/lambda/${functionName}`,
    logStream: '2023/11/01/[$LATEST]0123456789abcdef0123456789abcdef',
    owner: '123456789012',
    defaultName: functionName,
  };
}
