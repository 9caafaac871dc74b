import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySearchObjects } from '../../../scripts/search/applySearchObjects.js';
import {
  SearchAuthError,
  SearchConnectionError,
  SearchResponseError,
} from '../../../scripts/search/errors.js';
import { loadSearchObjects } from '../../../scripts/search/loadSearchObjects.js';
import type { ApplyOptions } from '../../../scripts/search/readApplyOptions.js';

interface Recorded {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}
type Answer = { status: number; body?: unknown };

/** A stand-in for OpenSearch and Dashboards on 127.0.0.1: records requests, answers per path. */
class FakeSearch {
  readonly requests: Recorded[] = [];
  readonly answers = new Map<string, Answer>();
  private readonly server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const url = request.url ?? '';
      this.requests.push({
        method: request.method ?? '',
        url,
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const path = url.split('?')[0] ?? '';
      const answer = this.answers.get(path) ?? {
        status: 200,
        body: path.endsWith('/_import') ? { success: true, successCount: 4 } : { acknowledged: true },
      };
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(answer.body ?? {}));
    });
  });

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
  }

  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server.close(() => {
        resolve();
      }),
    );
  }
}

const objects = loadSearchObjects();
let search: FakeSearch;

function options(overrides: Partial<ApplyOptions> = {}): ApplyOptions {
  return {
    searchUrl: new URL(search.url),
    dashboardsUrl: new URL(`${search.url}/_dashboards`),
    credentials: { username: 'admin', password: 's3cret!' },
    indexName: 'logging-test',
    firehoseRoleArn: undefined,
    ...overrides,
  };
}

beforeEach(async () => {
  search = new FakeSearch();
  await search.start();
});
afterEach(async () => {
  await search.stop();
});

describe('applySearchObjects', () => {
  it('puts the index template under the index name, with basic auth', async () => {
    await applySearchObjects(options(), objects);
    const [request] = search.requests;
    expect(request).toMatchObject({ method: 'PUT', url: '/_index_template/logging-test' });
    expect(JSON.parse(request?.body ?? '')).toEqual(objects.indexTemplate);
    expect(request?.headers.authorization).toBe(`Basic ${Buffer.from('admin:s3cret!').toString('base64')}`);
  });

  it('imports the saved objects into Dashboards, overwriting, with the CSRF headers', async () => {
    await applySearchObjects(options(), objects);
    const request = search.requests.find((recorded) => recorded.url.includes('_import'));
    expect(request).toMatchObject({
      method: 'POST',
      url: '/_dashboards/api/saved_objects/_import?overwrite=true',
    });
    expect(request?.headers['osd-xsrf']).toBe('true');
    expect(request?.headers['kbn-xsrf']).toBe('true');
    expect(request?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    for (const object of objects.savedObjects) expect(request?.body).toContain(JSON.stringify(object));
  });

  it('reports each request it made', async () => {
    const steps = await applySearchObjects(options(), objects);
    expect(steps.map((step) => [step.step, step.status])).toEqual([
      ['index template', 200],
      ['saved objects', 200],
    ]);
  });

  it('sends no authorization header when no credentials are given', async () => {
    await applySearchObjects(options({ credentials: undefined, dashboardsUrl: undefined }), objects);
    expect(search.requests.map((request) => request.headers.authorization)).toEqual([undefined]);
  });

  it("maps Firehose's IAM role to a role that may write the indices, when asked", async () => {
    const arn = 'arn:aws:iam::123456789012:role/cwl-forwarder-dev-FirehoseDeliveryRole-ABC';
    await applySearchObjects(options({ firehoseRoleArn: arn, dashboardsUrl: undefined }), objects);
    const [, role, mapping] = search.requests;
    expect(role).toMatchObject({
      method: 'PUT',
      url: '/_plugins/_security/api/roles/logging-test_firehose_writer',
    });
    expect(JSON.parse(role?.body ?? '')).toMatchObject({
      index_permissions: [{ index_patterns: ['logging-test-*'] }],
    });
    expect(mapping).toMatchObject({
      method: 'PUT',
      url: '/_plugins/_security/api/rolesmapping/logging-test_firehose_writer',
    });
    expect(JSON.parse(mapping?.body ?? '')).toEqual({ backend_roles: [arn] });
  });

  it('fails on 401 saying the credentials are missing or wrong, and goes no further', async () => {
    search.answers.set('/_index_template/logging-test', { status: 401, body: { error: 'unauthorized' } });
    const failure = applySearchObjects(options(), objects);
    await expect(failure).rejects.toBeInstanceOf(SearchAuthError);
    await expect(failure).rejects.toThrow(
      /index template: .* answered 401 .*credentials are missing or wrong/,
    );
    expect(search.requests).toHaveLength(1);
  });

  it('fails on 403 from Dashboards saying the user may not do this', async () => {
    search.answers.set('/_dashboards/api/saved_objects/_import', { status: 403 });
    await expect(applySearchObjects(options(), objects)).rejects.toThrow(
      /saved objects: .*\/_dashboards\/api\/saved_objects\/_import answered 403 Forbidden/,
    );
  });

  it('never shows the password in an error', async () => {
    search.answers.set('/_index_template/logging-test', { status: 401 });
    await expect(applySearchObjects(options(), objects)).rejects.not.toThrow(/s3cret/);
  });

  it('fails with the status and the answer when the endpoint refuses the template', async () => {
    search.answers.set('/_index_template/logging-test', {
      status: 400,
      body: { error: { type: 'illegal_argument_exception' } },
    });
    const failure = applySearchObjects(options(), objects);
    await expect(failure).rejects.toBeInstanceOf(SearchResponseError);
    await expect(failure).rejects.toThrow(/answered 400: .*illegal_argument_exception/);
  });

  it('fails when the import answers 200 but reports objects it could not import', async () => {
    search.answers.set('/_dashboards/api/saved_objects/_import', {
      status: 200,
      body: {
        success: false,
        successCount: 3,
        errors: [{ id: 'cwl-forwarder-overview', error: { type: 'conflict' } }],
      },
    });
    await expect(applySearchObjects(options(), objects)).rejects.toThrow(
      /saved objects: .*cwl-forwarder-overview/,
    );
  });

  it('fails with a connection error naming the URL when nothing listens there', async () => {
    const url = search.url;
    const closed = { ...options(), searchUrl: new URL(url), dashboardsUrl: undefined };
    await search.stop();
    const failure = applySearchObjects(closed, objects);
    await expect(failure).rejects.toBeInstanceOf(SearchConnectionError);
    await expect(failure).rejects.toThrow(
      new RegExp(`cannot connect to ${url}/_index_template/logging-test`),
    );
    search = new FakeSearch();
    await search.start();
  });
});
