import type { ApplyOptions } from './readApplyOptions.js';
import type { SearchObjects } from './loadSearchObjects.js';
import { SearchAuthError, SearchConnectionError, SearchResponseError } from './errors.js';
import { signedFetch } from './signedFetch.js';

/** One request the command made, as reported to the user. */
export interface AppliedStep {
  readonly step: string;
  readonly method: string;
  readonly url: string;
  readonly status: number;
}

/** The subset of `fetch` the command uses; tests pass Node's own against a local server. */
export type Fetch = (url: URL, init: RequestInit) => Promise<Response>;

/** A request that hangs is a connection failure, not a reason to wait forever. */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * Headers Dashboards/Kibana require on every write to their HTTP API (CSRF guard):
 * `osd-xsrf` for OpenSearch Dashboards, `kbn-xsrf` for Kibana. Each ignores the other's.
 */
const XSRF_HEADERS = { 'osd-xsrf': 'true', 'kbn-xsrf': 'true' } as const;

function endpoint(base: URL, path: string): URL {
  const withSlash = new URL(base);
  if (!withSlash.pathname.endsWith('/')) withSlash.pathname += '/';
  return new URL(path, withSlash);
}

function authorization(options: ApplyOptions): Record<string, string> {
  if (options.credentials === undefined) return {};
  const { username, password } = options.credentials;
  return { authorization: `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` };
}

async function send(
  fetchFn: Fetch,
  step: string,
  url: URL,
  init: RequestInit,
): Promise<{ step: AppliedStep; body: string }> {
  // Never print the credentials: the URL shown is without user info.
  const shown = `${url.origin}${url.pathname}`;
  let response: Response;
  try {
    response = await fetchFn(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new SearchConnectionError(step, shown, { cause: error });
  }
  const body = await response.text();
  if (response.status === 401 || response.status === 403)
    throw new SearchAuthError(step, shown, response.status);
  if (!response.ok) throw new SearchResponseError(step, shown, response.status, body);
  return { step: { step, method: init.method ?? 'GET', url: shown, status: response.status }, body };
}

/** Name of the OpenSearch security role that lets Firehose write `<indexName>-*`. */
export function firehoseWriterRole(indexName: string): string {
  return `${indexName}_firehose_writer`;
}

/**
 * Applies the search objects, stopping at the first failure (requests signed with SigV4 when
 * `options.sigv4` is set, basic auth with `options.credentials`):
 * 1. `PUT _index_template/<indexName>` on the search endpoint (before the first daily index exists);
 * 2. with a Firehose role ARN, a security role allowed to write `<indexName>-*` and its mapping to
 *    that IAM role (needed when the domain uses fine-grained access control);
 * 3. `POST api/saved_objects/_import?overwrite=true` on Dashboards/Kibana, so reapplying updates.
 * Throws {@link SearchAuthError} on 401/403, {@link SearchConnectionError} when unreachable and
 * {@link SearchResponseError} on any other refusal, including an import that reports errors.
 */
export async function applySearchObjects(
  options: ApplyOptions,
  objects: SearchObjects,
  fetchFn: Fetch = options.sigv4 === undefined ? fetch : signedFetch(options.sigv4.region),
): Promise<AppliedStep[]> {
  const steps: AppliedStep[] = [];
  const auth = authorization(options);
  const json = { 'content-type': 'application/json', ...auth };

  if (options.searchUrl !== undefined) {
    const template = await send(
      fetchFn,
      'index template',
      endpoint(options.searchUrl, `_index_template/${encodeURIComponent(options.indexName)}`),
      { method: 'PUT', headers: json, body: JSON.stringify(objects.indexTemplate) },
    );
    steps.push(template.step);

    if (options.firehoseRoleArn !== undefined) {
      const role = firehoseWriterRole(options.indexName);
      // Firehose's documented needs: https://docs.aws.amazon.com/opensearch-service/latest/developerguide/fgac.html
      const permissions = {
        description: `cwl-forwarder: Firehose writes ${options.indexName}-* (deploy/search)`,
        cluster_permissions: ['cluster_composite_ops', 'cluster_monitor'],
        index_permissions: [
          { index_patterns: [`${options.indexName}-*`], allowed_actions: ['create_index', 'manage', 'crud'] },
        ],
      };
      const created = await send(
        fetchFn,
        'Firehose write role',
        endpoint(options.searchUrl, `_plugins/_security/api/roles/${role}`),
        { method: 'PUT', headers: json, body: JSON.stringify(permissions) },
      );
      steps.push(created.step);
      const mapped = await send(
        fetchFn,
        'Firehose role mapping',
        endpoint(options.searchUrl, `_plugins/_security/api/rolesmapping/${role}`),
        { method: 'PUT', headers: json, body: JSON.stringify({ backend_roles: [options.firehoseRoleArn] }) },
      );
      steps.push(mapped.step);
    }
  }

  if (options.dashboardsUrl !== undefined) {
    const ndjson = objects.savedObjects.map((object) => JSON.stringify(object)).join('\n') + '\n';
    const form = new FormData();
    form.append('file', new Blob([ndjson], { type: 'application/ndjson' }), 'saved-objects.ndjson');
    const url = endpoint(options.dashboardsUrl, 'api/saved_objects/_import?overwrite=true');
    const imported = await send(fetchFn, 'saved objects', url, {
      method: 'POST',
      headers: { ...XSRF_HEADERS, ...auth },
      body: form,
    });
    // The import answers 200 even when some objects failed; the body says which.
    const result = JSON.parse(imported.body) as { success?: boolean; errors?: unknown[] };
    if (result.success !== true) {
      throw new SearchResponseError('saved objects', imported.step.url, imported.step.status, imported.body);
    }
    steps.push(imported.step);
  }
  return steps;
}
