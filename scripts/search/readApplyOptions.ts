import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

/** What `npm run search:apply` applies, and where. */
export interface ApplyOptions {
  /** OpenSearch/Elasticsearch REST endpoint: receives the index template (and the Firehose role mapping). */
  readonly searchUrl: URL | undefined;
  /** OpenSearch Dashboards/Kibana endpoint: receives the saved objects. */
  readonly dashboardsUrl: URL | undefined;
  /** Basic auth, when the endpoints use it (fine-grained access control's internal users). */
  readonly credentials: { readonly username: string; readonly password: string } | undefined;
  /** Firehose's index name (param indexName); the template and index pattern match `<indexName>-*`. */
  readonly indexName: string;
  /** Firehose's role (stack output FirehoseDeliveryRoleArn), mapped to a write role when given. */
  readonly firehoseRoleArn: string | undefined;
}

export const USAGE = `Usage: npm run search:apply -- [options]

Applies deploy/search/index-template.json to OpenSearch/Elasticsearch and imports
deploy/search/saved-objects.ndjson into OpenSearch Dashboards/Kibana.

  --search-url <url>         REST endpoint (env SEARCH_URL), e.g. https://search-x.us-east-1.es.amazonaws.com
  --dashboards-url <url>     Dashboards/Kibana (env DASHBOARDS_URL), e.g. https://search-x.../_dashboards
  --user <name>              basic auth user (env SEARCH_USER)
  --password <password>      basic auth password (env SEARCH_PASSWORD; prefer the variable)
  --index-name <name>        Firehose index name, default logging-test (env INDEX_NAME)
  --firehose-role-arn <arn>  map Firehose's role to a write role (fine-grained access control only)
  --help                     show this text

At least one of --search-url and --dashboards-url is needed; each applies its part.`;

/**
 * Index names Firehose accepts and OpenSearch allows: lowercase, no spaces or `\/*?"<>|,#:`.
 * https://docs.aws.amazon.com/firehose/latest/APIReference/API_AmazonopensearchserviceDestinationConfiguration.html
 */
const INDEX_NAME_PATTERN = /^[a-z0-9][a-z0-9_.+-]{0,79}$/;

type Env = Readonly<Record<string, string | undefined>>;

/** An exported but empty variable (`SEARCH_USER=`) counts as unset. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}

function url(flag: string, raw: string | undefined): URL | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new UsageError(`${flag}: expected an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`${flag}: expected an http(s) URL, got ${JSON.stringify(raw)}`);
  }
  return parsed;
}

/**
 * Reads the options from the command line, falling back to the environment. Throws
 * {@link UsageError} naming the flag and what was expected. Returns `undefined` for `--help`.
 */
export function readApplyOptions(argv: readonly string[], env: Env = process.env): ApplyOptions | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        'search-url': { type: 'string' },
        'dashboards-url': { type: 'string' },
        user: { type: 'string' },
        password: { type: 'string' },
        'index-name': { type: 'string' },
        'firehose-role-arn': { type: 'string' },
        help: { type: 'boolean' },
      },
    }));
  } catch (error) {
    throw new UsageError(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  }
  if (values.help === true) return undefined;

  const searchUrl = url('--search-url', values['search-url'] ?? env.SEARCH_URL);
  const dashboardsUrl = url('--dashboards-url', values['dashboards-url'] ?? env.DASHBOARDS_URL);
  if (searchUrl === undefined && dashboardsUrl === undefined) {
    throw new UsageError(
      `give --search-url and/or --dashboards-url (or SEARCH_URL/DASHBOARDS_URL)\n\n${USAGE}`,
    );
  }
  const username = values.user ?? nonEmpty(env.SEARCH_USER);
  const password = values.password ?? nonEmpty(env.SEARCH_PASSWORD);
  if ((username === undefined) !== (password === undefined)) {
    throw new UsageError('basic auth needs both --user and --password (or SEARCH_USER and SEARCH_PASSWORD)');
  }
  const indexName = (values['index-name'] ?? nonEmpty(env.INDEX_NAME) ?? 'logging-test').trim();
  if (!INDEX_NAME_PATTERN.test(indexName)) {
    throw new UsageError(`--index-name: expected a lowercase index name, got ${JSON.stringify(indexName)}`);
  }
  const firehoseRoleArn = values['firehose-role-arn'];
  if (firehoseRoleArn !== undefined) {
    if (!/^arn:[\w-]+:iam::\d{12}:role\/\S+$/.test(firehoseRoleArn)) {
      throw new UsageError(
        `--firehose-role-arn: expected arn:aws:iam::<account>:role/<name>, got ${JSON.stringify(firehoseRoleArn)}`,
      );
    }
    if (searchUrl === undefined) throw new UsageError('--firehose-role-arn needs --search-url');
  }
  return {
    searchUrl,
    dashboardsUrl,
    credentials: username !== undefined && password !== undefined ? { username, password } : undefined,
    indexName,
    firehoseRoleArn,
  };
}
