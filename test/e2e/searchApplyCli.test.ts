import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let server: Server;
let url: string;
const seen: string[] = [];
const authorizations: string[] = [];

beforeAll(async () => {
  // Answers like a domain with fine-grained access control and no credentials given.
  server = createServer((request, response) => {
    seen.push(`${request.method ?? ''} ${request.url ?? ''}`);
    authorizations.push(
      `${request.headers.authorization ?? ''} ${String(request.headers['x-amz-date'] ?? '')}`,
    );
    request.resume();
    request.on('end', () => {
      const authorized = request.headers.authorization !== undefined;
      response.writeHead(authorized ? 200 : 401, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(authorized ? { acknowledged: true, success: true } : { error: 'unauthorized' }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
});

async function searchApply(
  env: Record<string, string>,
  args: string[] = ['--search-url', url],
  stdin?: string,
): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      'npx',
      ['tsx', 'scripts/apply-search-objects.ts', ...args],
      { env: { ...process.env, SEARCH_USER: '', SEARCH_PASSWORD: '', ...env } },
      (error, stdout, stderr) => {
        resolve({ code: error === null ? 0 : Number(error.code ?? 1), output: stdout + stderr });
      },
    );
    child.stdin?.end(stdin ?? '');
  });
}

describe('npm run search:apply', () => {
  it('exits non-zero with a message about the credentials when the endpoint answers 401', async () => {
    const { code, output } = await searchApply({});
    expect(code).not.toBe(0);
    expect(output).toMatch(/SearchAuthError: index template: .* answered 401 Unauthorized/);
    expect(output).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('applies the template and reports it when the credentials are accepted', async () => {
    const { code, output } = await searchApply({ SEARCH_USER: 'admin', SEARCH_PASSWORD: 'pw' });
    expect(code).toBe(0);
    expect(output).toContain(`✔ index template: PUT ${url}/_index_template/logging-test → 200`);
  });

  it('never prints a password written into the URL, and refuses it', async () => {
    const withPassword = url.replace('http://', 'http://admin:SuperSecret123@');
    const { code, output } = await searchApply({}, ['--search-url', withPassword]);
    expect(code).not.toBe(0);
    expect(output).toContain('a user or password in the URL is not accepted');
    expect(output).toContain('admin:***@127.0.0.1');
    expect(output).not.toContain('SuperSecret123');
  });

  it('never prints the password when the endpoint cannot be reached', async () => {
    const { code, output } = await searchApply({ SEARCH_USER: 'admin', SEARCH_PASSWORD: 'SuperSecret123' }, [
      '--search-url',
      'http://127.0.0.1:1',
    ]);
    expect(code).not.toBe(0);
    expect(output).toContain('SearchConnectionError: index template: cannot connect to http://127.0.0.1:1');
    expect(output).not.toContain('SuperSecret123');
  });

  it('takes the password from standard input with --password-stdin', async () => {
    authorizations.length = 0;
    const { code, output } = await searchApply(
      { SEARCH_USER: 'admin' },
      ['--search-url', url, '--password-stdin'],
      'from-stdin\n',
    );
    expect(code, output).toBe(0);
    expect(authorizations[0]).toBe(`Basic ${Buffer.from('admin:from-stdin').toString('base64')} `);
  });

  it('signs requests with SigV4 (service es) using the AWS SDK credential chain with --auth aws', async () => {
    authorizations.length = 0;
    const { code, output } = await searchApply(
      { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'test-secret', AWS_REGION: 'eu-west-1' },
      ['--search-url', url, '--auth', 'aws'],
    );
    expect(code, output).toBe(0);
    expect(output).toContain(`✔ index template: PUT ${url}/_index_template/logging-test → 200`);
    expect(authorizations[0]).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/es\/aws4_request, SignedHeaders=\S+, Signature=[0-9a-f]{64} \d{8}T\d{6}Z$/,
    );
    expect(output).not.toContain('test-secret');
  });
});
