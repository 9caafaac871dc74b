'use strict';
/* global require, process */
/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * Preloaded (`node -r`) into one `serverless invoke local -f forwarder -p <first file>` process by
 * `npm start`: the CLI resolves serverless.yml, bundles with serverless-esbuild and loads the
 * function's environment once, as usual; then its invoke step (osls's own invokeLocal, which
 * require()s the bundle and calls the handler) runs once per event file listed in
 * CWLF_REPLAY_FILES (a JSON array), like a warm Lambda receiving one payload after another.
 * Starting the CLI costs ~3 s of CPU; once per process instead of once per file is what keeps a
 * replay of every sample within seconds. Each invocation's output sits between two marker lines.
 */

const fs = require('node:fs');
const path = require('node:path');

const MARK = '::cwlf-replay::';
// Resolved now: serverless-esbuild moves the process into its build folder before invoking.
const files = JSON.parse(process.env.CWLF_REPLAY_FILES ?? '[]').map((file) => ({
  file,
  full: path.resolve(file),
}));
const AwsInvokeLocal = require(path.resolve('node_modules/osls/lib/plugins/aws/invoke-local/index.js'));
const invokeOnce = AwsInvokeLocal.prototype.invokeLocal;

AwsInvokeLocal.prototype.invokeLocal = async function invokeEach() {
  let failed = 0;
  for (const { file, full } of files) {
    this.options.data = JSON.parse(fs.readFileSync(full, 'utf8'));
    process.stdout.write(`\n${MARK}start ${file}\n`);
    process.exitCode = undefined;
    // A handler that cannot load (a bad setting) throws here: the CLI reports it and exits 1.
    await invokeOnce.call(this);
    const code = process.exitCode ?? 0;
    if (code !== 0) failed++;
    process.stdout.write(`\n${MARK}end ${code} ${file}\n`);
  }
  process.exitCode = failed > 0 ? 1 : 0;
};
