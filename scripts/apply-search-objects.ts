/**
 * `npm run search:apply -- --search-url <url> --dashboards-url <url>`: applies the versioned
 * index template and saved objects (deploy/search/) to an OpenSearch/Elasticsearch domain and
 * its Dashboards/Kibana. Safe to rerun: both are overwritten in place. Basic auth takes the
 * password from SEARCH_PASSWORD or standard input only; `--auth aws` signs with SigV4 instead.
 */
import { text } from 'node:stream/consumers';
import { applySearchObjects } from './search/applySearchObjects.js';
import { SearchApplyError } from './search/errors.js';
import { forIndexName, loadSearchObjects } from './search/loadSearchObjects.js';
import { readApplyOptions, USAGE, withoutPassword } from './search/readApplyOptions.js';

/** Every secret this run knows of, so that no message can carry one out. */
const secrets: string[] = [];

function masked(message: string): string {
  let out = withoutPassword(message);
  for (const secret of secrets) out = out.split(secret).join('***');
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  // The first line of standard input, without its line break (`printf %s "$PW" | …` or a here-string).
  const stdinPassword = argv.includes('--password-stdin')
    ? (await text(process.stdin)).replace(/\r?\n$/, '')
    : undefined;
  for (const secret of [stdinPassword, process.env.SEARCH_PASSWORD]) {
    if (secret !== undefined && secret !== '') secrets.push(secret);
  }
  const options = readApplyOptions(argv, process.env, stdinPassword);
  if (options === undefined) {
    console.log(USAGE);
    return;
  }
  const objects = forIndexName(loadSearchObjects(), options.indexName);
  for (const step of await applySearchObjects(options, objects)) {
    console.log(`✔ ${step.step}: ${step.method} ${step.url} → ${step.status}`);
  }
}

main().catch((error: unknown) => {
  // Our own errors already say what and where; anything else keeps its stack (masked too).
  const shown =
    error instanceof SearchApplyError
      ? `${error.name}: ${error.message}`
      : error instanceof Error
        ? (error.stack ?? String(error))
        : String(error);
  console.error(masked(shown));
  process.exitCode = 1;
});
