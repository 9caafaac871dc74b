'use strict';
/* global require, module, __dirname, __filename -- CommonJS: Serverless require()s this file */
/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * Serverless variable resolver for `functions.forwarder.events`: reads the log group list,
 * validates it (config/validateLogGroupList.ts) and turns it into `cloudwatchLog` events.
 *
 * The list is the first of: the `logGroupsFile` param, `config/log-groups.<stage>.yml`,
 * `config/log-groups.yml` (not shipped: config/log-groups.example.yml shows the format). It is read through Serverless's own `file()` source, so it is parsed
 * exactly like serverless.yml (and may use variables). CommonJS because Serverless `require`s it;
 * the validation is TypeScript, loaded with tsx (a devDependency: deploys run from a checkout).
 */

const fs = require('node:fs');
const path = require('node:path');
const tsx = require('tsx/cjs/api');

/** @type {typeof import('./validateLogGroupList.ts')} */
const { validateLogGroupList } = tsx.require('./validateLogGroupList.ts', __filename);
/** @type {typeof import('./logGroupListFile.ts')} */
const { logGroupListFile, DEFAULT_LOG_GROUP_LIST } = tsx.require('./logGroupListFile.ts', __filename);
/** @type {typeof import('./inputSettings.ts')} */
const { INPUT_PARAMS, readInputSettings, subscribesLambdaPerGroup } = tsx.require(
  './inputSettings.ts',
  __filename,
);

const SERVICE_DIR = path.resolve(__dirname, '..');

/** Serverless prints `error.stack`: keep it to the message, which already says what and where. */
function messageOnly(name, message) {
  const error = new Error(message);
  error.name = name;
  error.stack = `${name}: ${message}`;
  return error;
}

/** The input params (config/inputSettings.ts), validated; a bad one stops packaging, named. */
async function readInput(resolveVariable) {
  const values = await Promise.all(INPUT_PARAMS.map((name) => resolveVariable(`param:${name}, ''`)));
  try {
    return readInputSettings(Object.fromEntries(INPUT_PARAMS.map((name, i) => [name, values[i]])));
  } catch (error) {
    if (error instanceof Error && error.name === 'ParamError') throw messageOnly(error.name, error.message);
    throw error;
  }
}

/** Serverless's default function name; the forwarder's log group is /aws/lambda/<that name>. */
async function ownLogGroupOf(resolveVariable) {
  const [service, stage] = await Promise.all([resolveVariable('self:service'), resolveVariable('sls:stage')]);
  return `/aws/lambda/${service}-${stage}-forwarder`;
}

/**
 * The stage's log group list, validated (`checkPattern`: see validateLogGroupList's context);
 * shared with config/controls.cjs, which bakes the entries' controls into the bundle, and
 * config/inputResources.cjs, which subscribes them to the Kinesis stream.
 */
async function readLogGroupList(resolveVariable, checkPattern) {
  const [stage, logGroupsFile] = await Promise.all([
    resolveVariable('sls:stage'),
    resolveVariable("param:logGroupsFile, ''"),
  ]);
  const source = logGroupListFile(stage, String(logGroupsFile), (file) =>
    fs.existsSync(path.join(SERVICE_DIR, file)),
  );
  const file = path.resolve(SERVICE_DIR, source);
  // No list of one's own yet (a fresh clone ships only config/log-groups.example.yml): no
  // subscriptions, so `invoke local` works; packaging refuses it (config/requireLogGroups.cjs).
  if (source === DEFAULT_LOG_GROUP_LIST && !fs.existsSync(file)) return [];
  if (!fs.existsSync(file)) throw messageOnly('LogGroupListError', `${source}: log group list not found`);
  const list = await resolveVariable(`file(${file})`);
  const ownLogGroup = await ownLogGroupOf(resolveVariable);
  try {
    return validateLogGroupList(list, { source, ownLogGroup, checkPattern });
  } catch (error) {
    if (error instanceof Error && error.name === 'LogGroupListError')
      throw messageOnly(error.name, error.message);
    throw error;
  }
}

module.exports = async ({ resolveVariable }) => {
  // With input=kinesis or subscribeAccount, config/inputResources.cjs makes the subscriptions.
  if (!subscribesLambdaPerGroup(await readInput(resolveVariable))) return [];
  return (await readLogGroupList(resolveVariable)).map(({ logGroup, filter }) => ({
    cloudwatchLog: { logGroup, filter },
  }));
};
module.exports.readInput = readInput;
module.exports.readLogGroupList = readLogGroupList;
module.exports.ownLogGroupOf = ownLogGroupOf;
module.exports.messageOnly = messageOnly;
