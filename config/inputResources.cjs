'use strict';
/* global require, module, __filename -- CommonJS: Serverless require()s this file */
/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * Serverless variable resolver for the resources of SPEC §7 (config/inputResources.ts): the
 * Kinesis input, the account-level subscription, the destination for other accounts. With the
 * default params (`input: subscription`, no account policy, no source accounts) it resolves to
 * `{}`. CommonJS because Serverless `require`s it; the logic is TypeScript, loaded with tsx.
 */

const tsx = require('tsx/cjs/api');
const { readInput, readLogGroupList, ownLogGroupOf, messageOnly } = require('./subscriptions.cjs');

/** @type {typeof import('./inputResources.ts')} */
const { inputResources } = tsx.require('./inputResources.ts', __filename);

module.exports = {
  resources: async ({ resolveVariable }) => {
    const settings = await readInput(resolveVariable);
    const perGroupToStream = settings.input === 'kinesis' && !settings.subscribeAccount;
    const [service, stage, ownLogGroup, deliveryStreamName, subscriptions] = await Promise.all([
      resolveVariable('self:service'),
      resolveVariable('sls:stage'),
      ownLogGroupOf(resolveVariable),
      resolveVariable('param:deliveryStreamName'),
      perGroupToStream ? readLogGroupList(resolveVariable) : [],
    ]);
    try {
      return inputResources(settings, {
        service,
        stage,
        ownLogGroup,
        deliveryStreamName: String(deliveryStreamName),
        subscriptions,
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'ParamError') throw messageOnly(error.name, error.message);
      throw error;
    }
  },
};
