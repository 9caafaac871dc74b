'use strict';
/* global require, module, __filename -- CommonJS: Serverless require()s this file */
/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * Serverless variable resolver for the stage's CloudWatch alarms (config/alarmResources.ts):
 * params `alarms` (default true) and `alarmTopicArn`, the input and the created stream decide
 * which. CommonJS because Serverless `require`s it; the logic is TypeScript, loaded with tsx.
 */

const tsx = require('tsx/cjs/api');
const { readInput, messageOnly } = require('./subscriptions.cjs');
const { isOn } = require('./optionalResources.cjs');

/** @type {typeof import('./alarmResources.ts')} */
const { ALARM_PARAMS, alarmResources, readAlarmSettings } = tsx.require('./alarmResources.ts', __filename);

module.exports = {
  resources: async ({ resolveVariable }) => {
    const [input, values, service, stage, deliveryStreamName, createDeliveryStream] = await Promise.all([
      readInput(resolveVariable),
      Promise.all(ALARM_PARAMS.map((name) => resolveVariable(`param:${name}, ''`))),
      resolveVariable('self:service'),
      resolveVariable('sls:stage'),
      resolveVariable('param:deliveryStreamName'),
      resolveVariable("param:createDeliveryStream, 'false'"),
    ]);
    try {
      const settings = readAlarmSettings(
        Object.fromEntries(ALARM_PARAMS.map((name, i) => [name, values[i]])),
      );
      return alarmResources(settings, {
        service: String(service),
        stage: String(stage),
        input: input.input,
        deliveryStreamName: String(deliveryStreamName),
        createsDeliveryStream: isOn(createDeliveryStream),
      });
    } catch (error) {
      if (error instanceof Error && error.name === 'ParamError') throw messageOnly(error.name, error.message);
      throw error;
    }
  },
};
