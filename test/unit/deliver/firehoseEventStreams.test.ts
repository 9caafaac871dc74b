import * as firehose from '@aws-sdk/client-firehose';
import { NormalizedSchema } from '@smithy/core/schema';
import { describe, expect, it } from 'vitest';

// serverless.yml leaves `@smithy/core/event-streams` out of the bundle (custom.esbuild.exclude):
// the SDK's protocols import it only for an operation whose input or output has an event-stream
// member. In Lambda that import would not resolve, so no Firehose operation may have one.

/** The client's operation schemas (`PutRecordBatch$`, …): `[9, namespace, name, traits, input, output]`. */
function operationSchemas(): [string, unknown[]][] {
  return Object.entries(firehose as Record<string, unknown>).filter(
    (entry): entry is [string, unknown[]] =>
      entry[0].endsWith('$') && Array.isArray(entry[1]) && entry[1][0] === 9,
  );
}

describe('Firehose client', () => {
  it('has no operation with an event stream, so the event-stream codec is never loaded', () => {
    const operations = operationSchemas();
    expect(operations.map(([name]) => name)).toContain('PutRecordBatch$');
    const streaming = operations.filter(
      ([, schema]) =>
        NormalizedSchema.of(schema[4] as never).getEventStreamMember() !== '' ||
        NormalizedSchema.of(schema[5] as never).getEventStreamMember() !== '',
    );
    expect(streaming.map(([name]) => name)).toEqual([]);
  });
});
