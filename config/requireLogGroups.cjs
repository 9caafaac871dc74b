'use strict';
/* global require, module, __dirname, __filename */
/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * Local Serverless plugin: `serverless package` and `deploy` refuse a stage that would subscribe
 * the forwarder to nothing (config/nothingToSubscribe.ts says what to put where). A hook of the
 * package lifecycle, not the events resolver, so `serverless invoke local` needs no list.
 */

const fs = require('node:fs');
const path = require('node:path');
const tsx = require('tsx/cjs/api');

/** @type {typeof import('./nothingToSubscribe.ts')} */
const { nothingToSubscribe } = tsx.require('./nothingToSubscribe.ts', __filename);
/** @type {typeof import('./logGroupListFile.ts')} */
const { logGroupListFile } = tsx.require('./logGroupListFile.ts', __filename);

const SERVICE_DIR = path.resolve(__dirname, '..');

class RequireLogGroups {
  constructor(serverless) {
    this.serverless = serverless;
    this.hooks = { 'before:package:initialize': () => this.check() };
  }

  check() {
    const service = this.serverless.service;
    const inputs = service.custom?.subscriptionInputs ?? {};
    const events = service.getFunction('forwarder').events ?? [];
    const problem = nothingToSubscribe({
      logGroups: events.filter((event) => event.cloudwatchLog !== undefined).length,
      source: logGroupListFile(service.provider.stage, String(inputs.logGroupsFile ?? ''), (file) =>
        fs.existsSync(path.join(SERVICE_DIR, file)),
      ),
      input: String(inputs.input ?? 'subscription'),
      subscribeAccount: String(inputs.subscribeAccount ?? 'false'),
    });
    if (problem !== undefined) throw new this.serverless.classes.Error(problem, 'NO_LOG_GROUPS');
  }
}

module.exports = RequireLogGroups;
