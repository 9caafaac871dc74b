import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
let server: Server;
let url: string;
const seen: string[] = [];

beforeAll(async () => {
  // Answers like a domain with fine-grained access control and no credentials given.
  server = createServer((request, response) => {
    seen.push(`${request.method ?? ''} ${request.url ?? ''}`);
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

async function searchApply(env: Record<string, string>): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run(
      'npx',
      ['tsx', 'scripts/apply-search-objects.ts', '--search-url', url],
      {
        env: { ...process.env, SEARCH_USER: '', SEARCH_PASSWORD: '', ...env },
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, output: failed.stdout + failed.stderr };
  }
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
});
