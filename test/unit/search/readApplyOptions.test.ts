import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/search/errors.js';
import { readApplyOptions } from '../../../scripts/search/readApplyOptions.js';

describe('readApplyOptions', () => {
  it('reads the endpoints, user and index name from the flags, the password from standard input', () => {
    const options = readApplyOptions(
      [
        '--search-url',
        'https://search.example.com',
        '--dashboards-url=https://search.example.com/_dashboards',
        '--user',
        'admin',
        '--password-stdin',
        '--index-name',
        'app-logs',
      ],
      { SEARCH_PASSWORD: 'not-this-one' },
      'pw',
    );
    expect(options).toMatchObject({
      searchUrl: new URL('https://search.example.com'),
      dashboardsUrl: new URL('https://search.example.com/_dashboards'),
      credentials: { username: 'admin', password: 'pw' },
      indexName: 'app-logs',
    });
  });

  it('falls back to the environment, so the password need not be on the command line', () => {
    const options = readApplyOptions([], {
      SEARCH_URL: 'http://127.0.0.1:9200',
      SEARCH_USER: 'admin',
      SEARCH_PASSWORD: 'pw',
    });
    expect(options).toMatchObject({
      searchUrl: new URL('http://127.0.0.1:9200'),
      dashboardsUrl: undefined,
      credentials: { username: 'admin', password: 'pw' },
      indexName: 'logging-test',
    });
  });

  it('treats exported but empty variables as unset', () => {
    const options = readApplyOptions([], { SEARCH_URL: 'http://x', SEARCH_USER: '', SEARCH_PASSWORD: '' });
    expect(options?.credentials).toBeUndefined();
  });

  it('lets a flag win over the environment', () => {
    const options = readApplyOptions(['--search-url', 'http://127.0.0.1:1'], {
      SEARCH_URL: 'http://127.0.0.1:2',
    });
    expect(options?.searchUrl?.port).toBe('1');
  });

  it('returns nothing for --help', () => {
    expect(readApplyOptions(['--help'], {})).toBeUndefined();
  });

  it.each([
    ['no endpoint at all', [], /give --search-url and\/or --dashboards-url/],
    ['a URL that is not http(s)', ['--search-url', 'ftp://x'], /--search-url: expected an http\(s\) URL/],
    [
      'a user without a password',
      ['--search-url', 'http://x', '--user', 'admin'],
      /needs both a user \(--user or SEARCH_USER\) and a password \(SEARCH_PASSWORD or --password-stdin\)/,
    ],
    ['an index name with capitals', ['--search-url', 'http://x', '--index-name', 'Logs'], /--index-name/],
    ['an unknown flag', ['--serch-url', 'http://x'], /serch-url/],
    [
      'a role ARN that is not one',
      ['--search-url', 'http://x', '--firehose-role-arn', 'role'],
      /--firehose-role-arn/,
    ],
  ])('refuses %s with a usage error', (_what, argv, message) => {
    expect(() => readApplyOptions(argv, {})).toThrow(UsageError);
    expect(() => readApplyOptions(argv, {})).toThrow(message);
  });

  it('refuses --password on the command line, without repeating it', () => {
    const run = () =>
      readApplyOptions(['--search-url', 'https://x', '--user', 'admin', '--password', 'Hunter2!'], {});
    expect(run).toThrow(/--password is not accepted: a command line is visible to every user/);
    expect(run).not.toThrow(/Hunter2/);
  });

  it('refuses a password written into the URL, showing the URL without it', () => {
    const run = () =>
      readApplyOptions(['--search-url', 'http://admin:SuperSecret123@search.example.com'], {});
    expect(run).toThrow(
      /--search-url: a user or password in the URL is not accepted \("http:\/\/admin:\*\*\*@search/,
    );
    expect(run).not.toThrow(/SuperSecret123/);
  });

  it('refuses basic auth over plain http to another host, allows it to loopback and over https', () => {
    const env = { SEARCH_USER: 'admin', SEARCH_PASSWORD: 'pw' };
    expect(() => readApplyOptions(['--search-url', 'http://search.example.com'], env)).toThrow(
      /--search-url: basic auth over plain http to search.example.com would send the password readable/,
    );
    expect(() => readApplyOptions(['--dashboards-url', 'http://10.0.0.5:5601'], env)).toThrow(
      /--dashboards-url/,
    );
    expect(readApplyOptions(['--search-url', 'http://127.0.0.1:9200'], env)?.credentials).toBeDefined();
    expect(readApplyOptions(['--search-url', 'http://localhost:9200'], env)?.credentials).toBeDefined();
    expect(readApplyOptions(['--search-url', 'https://search.example.com'], env)?.credentials).toBeDefined();
    // No password, nothing to leak: plain http is the user's business.
    expect(readApplyOptions(['--search-url', 'http://search.example.com'], {})?.credentials).toBeUndefined();
  });

  it('signs with SigV4 in the region given, and refuses it without one or with a password', () => {
    expect(
      readApplyOptions(['--search-url', 'https://x', '--auth', 'aws'], { AWS_REGION: 'eu-west-1' }),
    ).toMatchObject({
      sigv4: { region: 'eu-west-1' },
      credentials: undefined,
    });
    expect(
      readApplyOptions(['--search-url', 'https://x', '--auth=aws', '--region', 'us-east-2'], {})?.sigv4,
    ).toEqual({
      region: 'us-east-2',
    });
    expect(() => readApplyOptions(['--search-url', 'https://x', '--auth', 'aws'], {})).toThrow(
      /needs the domain's region/,
    );
    expect(() =>
      readApplyOptions(['--search-url', 'https://x', '--auth', 'aws'], {
        AWS_REGION: 'us-east-1',
        SEARCH_USER: 'a',
        SEARCH_PASSWORD: 'b',
      }),
    ).toThrow(/give no user or password/);
    expect(() => readApplyOptions(['--search-url', 'https://x', '--auth', 'kerberos'], {})).toThrow(
      /--auth: expected basic or aws/,
    );
  });
});
