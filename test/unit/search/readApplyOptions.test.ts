import { describe, expect, it } from 'vitest';
import { UsageError } from '../../../scripts/search/errors.js';
import { readApplyOptions } from '../../../scripts/search/readApplyOptions.js';

describe('readApplyOptions', () => {
  it('reads the endpoints, credentials and index name from the flags', () => {
    const options = readApplyOptions(
      [
        '--search-url',
        'https://search.example.com',
        '--dashboards-url=https://search.example.com/_dashboards',
        '--user',
        'admin',
        '--password',
        'pw',
        '--index-name',
        'app-logs',
      ],
      {},
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
      /needs both --user and --password/,
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
});
