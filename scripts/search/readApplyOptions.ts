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
  /**
   * SigV4-signed requests (an IAM-authenticated domain, `--auth aws`), with the AWS SDK's default
   * credential chain, in this region. Exclusive with {@link credentials}.
   */
  readonly sigv4?: { readonly region: string } | undefined;
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
  --password-stdin           read the basic auth password from standard input (else env SEARCH_PASSWORD;
                             never on the command line, where every user of the machine can read it)
  --auth aws                 sign requests with AWS SigV4 (IAM-authenticated domain), credentials from
                             the AWS SDK's default chain (env, profile, SSO, instance role)
  --region <region>          region of the domain for --auth aws (env AWS_REGION)
  --index-name <name>        Firehose index name, default logging-test (env INDEX_NAME)
  --firehose-role-arn <arn>  map Firehose's role to a write role (fine-grained access control only)
  --help                     show this text

At least one of --search-url and --dashboards-url is needed; each applies its part. Basic auth
goes over https only (plain http only to a loopback address, for local tests).`;

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

/** `raw` as it may be shown: a password written into it replaced by `***`. */
export function withoutPassword(raw: string): string {
  return raw.replace(/(\/\/[^/:@\s]*):[^@/\s]*@/g, '$1:***@');
}

function url(flag: string, raw: string | undefined): URL | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const shown = JSON.stringify(withoutPassword(raw));
  let parsed: URL;
  try {
    parsed = new URL(raw.trim());
  } catch {
    throw new UsageError(`${flag}: expected an http(s) URL, got ${shown}`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new UsageError(`${flag}: expected an http(s) URL, got ${shown}`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new UsageError(
      `${flag}: a user or password in the URL is not accepted (${shown}): it would show in the process ` +
        'list and in messages; set SEARCH_USER and SEARCH_PASSWORD (or --password-stdin) instead',
    );
  }
  return parsed;
}

/** Loopback hosts, where plain http never leaves the machine. */
function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/**
 * Reads the options from the command line, falling back to the environment. Throws
 * {@link UsageError} naming the flag and what was expected. Returns `undefined` for `--help`.
 */
export function readApplyOptions(
  argv: readonly string[],
  env: Env = process.env,
  stdinPassword?: string,
): ApplyOptions | undefined {
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
        'password-stdin': { type: 'boolean' },
        auth: { type: 'string' },
        region: { type: 'string' },
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
  if (values.password !== undefined) {
    throw new UsageError(
      '--password is not accepted: a command line is visible to every user of the machine (ps); ' +
        'set SEARCH_PASSWORD or pass --password-stdin',
    );
  }
  const username = values.user ?? nonEmpty(env.SEARCH_USER);
  const password =
    values['password-stdin'] === true ? nonEmpty(stdinPassword) : nonEmpty(env.SEARCH_PASSWORD);
  if ((username === undefined) !== (password === undefined)) {
    throw new UsageError(
      'basic auth needs both a user (--user or SEARCH_USER) and a password (SEARCH_PASSWORD or --password-stdin)',
    );
  }
  const auth = values.auth ?? 'basic';
  if (auth !== 'basic' && auth !== 'aws') {
    throw new UsageError(`--auth: expected basic or aws, got ${JSON.stringify(auth)}`);
  }
  let sigv4: { region: string } | undefined;
  if (auth === 'aws') {
    if (username !== undefined)
      throw new UsageError('--auth aws signs requests: give no user or password with it');
    const region = (values.region ?? nonEmpty(env.AWS_REGION) ?? '').trim();
    if (!/^[a-z]{2}(?:-[a-z]+)+-\d$/.test(region)) {
      throw new UsageError(
        `--auth aws needs the domain's region (--region or AWS_REGION), got ${JSON.stringify(region)}`,
      );
    }
    sigv4 = { region };
  }
  if (password !== undefined) {
    for (const [flag, endpoint] of [
      ['--search-url', searchUrl],
      ['--dashboards-url', dashboardsUrl],
    ] as const) {
      if (endpoint?.protocol === 'http:' && !isLoopback(endpoint.hostname)) {
        throw new UsageError(
          `${flag}: basic auth over plain http to ${endpoint.host} would send the password readable on the ` +
            'network; use https (plain http is allowed only to a loopback address)',
        );
      }
    }
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
    sigv4,
    indexName,
    firehoseRoleArn,
  };
}
