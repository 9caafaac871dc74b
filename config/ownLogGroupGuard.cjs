'use strict';
/* global module -- CommonJS: Serverless require()s this file as a local plugin */

/**
 * Local Serverless plugin: refuses, when packaging (and so when deploying), a log group of the
 * forwarder's that would make the forwarder's runtime guard drop logs that are not its own, or
 * feed it its own output (SPEC §4):
 *
 * - a group shared with other functions (Lambda's `LoggingConfig`, serverless.yml `logs.logGroup`
 *   on the function or `provider.logs.lambda.logGroup`): the forwarder drops every payload of its
 *   own group, so the other functions' logs there would never be forwarded;
 * - a group the subscription list names: the forwarder would be invoked with its own output.
 *
 * The forwarder's group is its `logs.logGroup`, else `provider.logs.lambda.logGroup`, else
 * Lambda's default `/aws/lambda/<function name>`. It checks the resolved configuration, where
 * config/subscriptions.cjs can only check the default name.
 */
const FORWARDER = 'forwarder';

/** The log group a function of the service writes to. */
function logGroupOf(service, key) {
  const fn = service.functions[key] ?? {};
  const own = fn.logs && fn.logs.logGroup;
  const provider =
    service.provider.logs && service.provider.logs.lambda && service.provider.logs.lambda.logGroup;
  return own || provider || `/aws/lambda/${fn.name || `${service.service}-${service.provider.stage}-${key}`}`;
}

/** Every problem with the forwarder's log group, as sentences; empty when there is none. */
function ownLogGroupProblems(service) {
  const functions = Object.keys(service.functions ?? {});
  if (!functions.includes(FORWARDER)) return [];
  const group = logGroupOf(service, FORWARDER);
  const problems = [];
  const sharing = functions.filter((key) => key !== FORWARDER && logGroupOf(service, key) === group);
  if (sharing.length > 0) {
    problems.push(
      `the forwarder's log group ${group} is shared with ${sharing.map((key) => `functions.${key}`).join(', ')}: ` +
        'the forwarder never forwards its own log group, so their logs there would be dropped; ' +
        'give the forwarder a log group of its own (functions.forwarder.logs.logGroup)',
    );
  }
  const subscribed = functions.some((key) =>
    (service.functions[key].events ?? []).some(
      (event) => event && event.cloudwatchLog && event.cloudwatchLog.logGroup === group,
    ),
  );
  if (subscribed) {
    problems.push(
      `the log group list names the forwarder's own log group ${group}: the forwarder would be fed its own ` +
        'output; remove it from the list',
    );
  }
  return problems;
}

/** Serverless calls `new` on a plugin's export with the framework instance; only hooks are needed. */
function OwnLogGroupGuard(serverless) {
  return {
    hooks: {
      'before:package:initialize': () => {
        const problems = ownLogGroupProblems(serverless.service);
        if (problems.length === 0) return;
        const message = `OwnLogGroupError: ${problems.join('; ')}`;
        const error = new serverless.classes.Error(message);
        error.stack = message;
        throw error;
      },
    },
  };
}

module.exports = OwnLogGroupGuard;
module.exports.ownLogGroupProblems = ownLogGroupProblems;
