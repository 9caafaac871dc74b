'use strict';
/* global module, process -- CommonJS: Serverless require()s this file */

/**
 * Serverless variable resolver for the forwarder's `FAILED_PAYLOADS_BUCKET` environment variable:
 * the name of the stack's on-failure bucket (deploy/cloudformation/failed-payloads-bucket.yml),
 * a `Ref` that CloudFormation fills in. `serverless invoke local` resolves every `Ref` of the
 * environment against the deployed stack, which a local run (offline, no account) does not have:
 * there the variable is empty, meaning "no failure bucket", rather than a failed run.
 */
function isInvokeLocal(argv) {
  const invoke = argv.indexOf('invoke');
  return invoke >= 0 && argv[invoke + 1] === 'local';
}

module.exports = {
  environmentValue: async () => (isInvokeLocal(process.argv) ? '' : { Ref: 'FailedPayloadsBucket' }),
  isInvokeLocal,
};
