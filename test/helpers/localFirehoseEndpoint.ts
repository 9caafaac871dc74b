import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startLocalFirehose, type LocalFirehose } from '../../tools/local-firehose/startLocalFirehose.js';

/**
 * For the test file that calls it: a local Firehose with `stream`, writing into a fresh temporary
 * folder, and `AWS_ENDPOINT_URL_FIREHOSE` pointed at it (set before any client is created: the SDK
 * reads it when a client resolves its endpoint), all undone after the file. Returns the endpoint.
 */
export function useLocalFirehoseEndpoint(stream: string, dirPrefix: string): () => LocalFirehose {
  let firehose: LocalFirehose | undefined;
  let dir = '';
  let savedEndpoint: string | undefined;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), dirPrefix));
    firehose = await startLocalFirehose({ streams: [stream], dir });
    savedEndpoint = process.env.AWS_ENDPOINT_URL_FIREHOSE;
    process.env.AWS_ENDPOINT_URL_FIREHOSE = firehose.url;
  });
  afterAll(async () => {
    if (savedEndpoint === undefined) delete process.env.AWS_ENDPOINT_URL_FIREHOSE;
    else process.env.AWS_ENDPOINT_URL_FIREHOSE = savedEndpoint;
    await firehose?.close();
    await rm(dir, { recursive: true, force: true });
  });
  return () => {
    if (firehose === undefined) throw new Error('the local Firehose is started in beforeAll');
    return firehose;
  };
}
