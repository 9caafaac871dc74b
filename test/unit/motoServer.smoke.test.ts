import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOTO_SKIP_REASON, startMotoServer, type MotoServer } from '../helpers/motoServer.js';

describe.skipIf(MOTO_SKIP_REASON !== undefined)('moto_server helper', () => {
  let moto: MotoServer;
  beforeAll(async () => {
    moto = await startMotoServer();
  });
  afterAll(async () => {
    await moto.stop();
  });
  it('serves the S3 API on loopback', async () => {
    const response = await fetch(`${moto.endpoint}/`, {
      headers: {
        authorization:
          'AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=x',
      },
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('ListAllMyBucketsResult');
  });
});
