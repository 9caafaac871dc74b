/**
 * `npm run search:apply -- --search-url <url> --dashboards-url <url>`: applies the versioned
 * index template and saved objects (deploy/search/) to an OpenSearch/Elasticsearch domain and
 * its Dashboards/Kibana. Safe to rerun: both are overwritten in place.
 */
import { applySearchObjects } from './search/applySearchObjects.js';
import { SearchApplyError } from './search/errors.js';
import { forIndexName, loadSearchObjects } from './search/loadSearchObjects.js';
import { readApplyOptions, USAGE } from './search/readApplyOptions.js';

async function main(): Promise<void> {
  const options = readApplyOptions(process.argv.slice(2));
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
  // Our own errors already say what and where; anything else keeps its stack.
  console.error(error instanceof SearchApplyError ? `${error.name}: ${error.message}` : error);
  process.exitCode = 1;
});
