import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { Client, errors } from '@opensearch-project/opensearch';
import { AwsSigv4Signer } from '@opensearch-project/opensearch/aws-v3';
import type { Fetch } from './applySearchObjects.js';

/** As {@link Fetch}'s callers time out a request that hangs. */
const REQUEST_TIMEOUT_MS = 30_000;

/** The body as bytes and its content type (a multipart form gets its boundary here). */
async function bytesOf(
  init: RequestInit,
): Promise<{ body: Buffer | undefined; contentType: string | undefined }> {
  if (init.body === undefined || init.body === null) return { body: undefined, contentType: undefined };
  const request = new Request('http://127.0.0.1/', { method: 'POST', body: init.body });
  return {
    body: Buffer.from(await request.arrayBuffer()),
    contentType: request.headers.get('content-type') ?? undefined,
  };
}

/**
 * A {@link Fetch} whose requests are signed with AWS SigV4 (service `es`) by the OpenSearch
 * project's own client and signer, with credentials from the AWS SDK's default provider chain:
 * for domains whose access policy admits IAM principals rather than basic auth. One client per
 * endpoint origin; a non-2xx answer comes back as a Response, like fetch's.
 */
export function signedFetch(region: string): Fetch {
  const clients = new Map<string, Client>();
  const signer = AwsSigv4Signer({ region, service: 'es', getCredentials: defaultProvider() });
  return async (url, init) => {
    let client = clients.get(url.origin);
    if (client === undefined) {
      client = new Client({ ...signer, node: url.origin, maxRetries: 0, requestTimeout: REQUEST_TIMEOUT_MS });
      clients.set(url.origin, client);
    }
    const { body, contentType } = await bytesOf(init);
    const headers: Record<string, string> = Object.fromEntries(new Headers(init.headers).entries());
    if (contentType !== undefined) headers['content-type'] = contentType;
    try {
      const response = await client.transport.request(
        {
          method: init.method ?? 'GET',
          path: url.pathname,
          querystring: Object.fromEntries(url.searchParams),
          ...(body === undefined ? {} : { body }),
        },
        { headers },
      );
      return new Response(JSON.stringify(response.body), { status: response.statusCode ?? 200 });
    } catch (error) {
      if (error instanceof errors.ResponseError) {
        const answer: unknown = error.meta.body;
        return new Response(typeof answer === 'string' ? answer : JSON.stringify(answer), {
          status: error.meta.statusCode ?? 500,
        });
      }
      throw error;
    }
  };
}
