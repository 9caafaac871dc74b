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

/** IPv4 `a.b.c.d/n` or IPv6 `h:h::/n`; the whole internet is not a gate. */
const CIDR =
  /^(?:(?:\d{1,3}\.){3}\d{1,3}\/(?:[0-9]|[12]\d|3[0-2])|[0-9a-fA-F:]+:[0-9a-fA-F:]*\/(?:\d{1,2}|1[01]\d|12[0-8]))$/;
const OPEN = ['0.0.0.0/0', '::/0'];

/** Parses param openSearchAllowedCidrs (comma- or space-separated), refusing what is no gate. */
function allowedCidrs(raw) {
  const cidrs = String(raw)
    .split(/[\s,]+/)
    .filter((cidr) => cidr !== '');
  const bad = cidrs.filter((cidr) => !CIDR.test(cidr) || OPEN.includes(cidr));
  if (bad.length > 0) {
    throw paramError(
      `openSearchAllowedCidrs: expected CIDR blocks such as 203.0.113.0/24 (not the whole internet), got ${bad
        .map((cidr) => JSON.stringify(cidr))
        .join(', ')}`,
    );
  }
  return cidrs;
}

module.exports = {
  /** Shared with config/alarms.cjs: how a switch param reads as on. */
  isOn,

  /**
   * The domain's resource policy: this account's IAM principals (signed requests), plus anyone
   * from param openSearchAllowedCidrs (basic auth, checked by fine-grained access control).
   * Never `AWS: *` without a condition.
   */
  openSearchAccessPolicies: async ({ resolveVariable }) => {
    const cidrs = allowedCidrs(await resolveVariable("param:openSearchAllowedCidrs, ''"));
    const domain = String(await resolveVariable('param:openSearchDomainName'));
    const resource = {
      'Fn::Sub': 'arn:${AWS::Partition}:es:${AWS::Region}:${AWS::AccountId}:domain/' + domain + '/*',
    };
    const statements = [
      {
        Sid: 'AccountPrincipals',
        Effect: 'Allow',
        Principal: { AWS: { 'Fn::Sub': 'arn:${AWS::Partition}:iam::${AWS::AccountId}:root' } },
        Action: 'es:ESHttp*',
        Resource: resource,
      },
    ];
    if (cidrs.length > 0) {
      statements.push({
        Sid: 'AllowedNetworks',
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: 'es:ESHttp*',
        Resource: resource,
        Condition: { IpAddress: { 'aws:SourceIp': cidrs } },
      });
    }
    return { Version: '2012-10-17', Statement: statements };
  },

  /** Param reservedConcurrency: '' reserves nothing (AWS::NoValue drops the property). */
  reservedConcurrency: async ({ resolveVariable }) => {
    const raw = String(await resolveVariable("param:reservedConcurrency, ''")).trim();
    if (raw === '') return { Ref: 'AWS::NoValue' };
    const value = Number(raw);
    if (!Number.isInteger(value) || value < 0) {
      throw paramError(
        `reservedConcurrency: expected a whole number of 0 or more, or '' for none, got ${JSON.stringify(raw)}`,
      );
    }
    return value;
  },

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
