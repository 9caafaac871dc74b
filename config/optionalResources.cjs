'use strict';
/* global module -- CommonJS: Serverless require()s this file */

/**
 * Serverless variable resolvers for the optional part of the stack, switched by params that are
 * off by default: `createDeliveryStream` (Firehose → OpenSearch with S3 backup) and
 * `createOpenSearchDomain`. A switched-off part resolves to `{}`, so its resources are absent
 * from the template rather than present behind a CloudFormation condition.
 * CommonJS because Serverless `require`s it.
 */

/** Params arrive as strings from `--param` and as YAML scalars from `params:`. */
function isOn(value) {
  return ['true', '1', 'yes', 'on'].includes(String(value).trim().toLowerCase());
}

async function switches(resolveVariable) {
  const [createDeliveryStream, createOpenSearchDomain] = await Promise.all([
    resolveVariable('param:createDeliveryStream'),
    resolveVariable('param:createOpenSearchDomain'),
  ]);
  return { deliveryStream: isOn(createDeliveryStream), openSearchDomain: isOn(createOpenSearchDomain) };
}

/** A failure Serverless prints as the message alone: it already says what to change. */
function paramError(message) {
  const error = new Error(message);
  error.name = 'ParamError';
  error.stack = `${error.name}: ${message}`;
  return error;
}

module.exports = {
  /** Firehose stream, backup bucket, Firehose error log and role (deploy/cloudformation/delivery-stream.yml). */
  deliveryStream: async ({ resolveVariable }) => {
    const on = await switches(resolveVariable);
    if (!on.deliveryStream) return {};
    return resolveVariable('file(./deploy/cloudformation/delivery-stream.yml)');
  },

  /** The OpenSearch domain for teams that have none (deploy/cloudformation/opensearch-domain.yml). */
  openSearchDomain: async ({ resolveVariable }) => {
    const on = await switches(resolveVariable);
    if (!on.openSearchDomain) return {};
    return resolveVariable('file(./deploy/cloudformation/opensearch-domain.yml)');
  },

  /** The domain the created stream delivers to: the stack's own, or param openSearchDomainArn. */
  domainArn: async ({ resolveVariable }) => {
    const on = await switches(resolveVariable);
    if (on.openSearchDomain) return { 'Fn::GetAtt': ['OpenSearchDomain', 'Arn'] };
    const arn = String(await resolveVariable("param:openSearchDomainArn, ''")).trim();
    if (on.deliveryStream && !/^arn:[\w-]+:es:[\w-]+:\d{12}:domain\/[a-z][a-z0-9-]{2,27}$/.test(arn)) {
      throw paramError(
        'createDeliveryStream=true needs a domain: set param openSearchDomainArn to ' +
          `arn:aws:es:<region>:<account>:domain/<name> (got ${JSON.stringify(arn)}), ` +
          'or set createOpenSearchDomain=true to create one',
      );
    }
    return arn;
  },
};
