'use strict';
/* global require, module, __filename -- CommonJS: Serverless require()s this file */
/* eslint-disable @typescript-eslint/no-require-imports */

/**
 * Serverless variable resolver for `custom.esbuild.define`: the controls of SPEC §6 (the stage's
 * params and each log group entry's own keys), validated with the function's own validation
 * (src/controls/settings.ts) plus the ReDoS check of custom patterns (config/patternSafety.ts),
 * and baked into the bundle as the artefact src/controls/controlsArtefact.ts reads at cold start.
 * `serverless package`, `deploy` and `invoke local` all bundle through serverless-esbuild, so
 * they all run with exactly these settings.
 */

const tsx = require('tsx/cjs/api');
const { readLogGroupList, messageOnly } = require('./subscriptions.cjs');

/** @type {typeof import('../src/controls/settings.ts')} */
const { CONTROL_KEYS } = tsx.require('../src/controls/settings.ts', __filename);
/** @type {typeof import('../src/controls/controlsArtefact.ts')} */
const { ARTEFACT_GLOBAL, validateControlsArtefact, describePlacedProblem } = tsx.require(
  '../src/controls/controlsArtefact.ts',
  __filename,
);
/** @type {typeof import('./patternSafety.ts')} */
const { checkPatternSafety } = tsx.require('./patternSafety.ts', __filename);

module.exports = {
  /** `{ __CWL_FORWARDER_CONTROLS__: <the artefact's JSON text as a JS string literal> }`. */
  define: async ({ resolveVariable }) => {
    const values = await Promise.all(CONTROL_KEYS.map((key) => resolveVariable(`param:${key}, ''`)));
    const stage = {};
    CONTROL_KEYS.forEach((key, i) => {
      if (values[i] !== '' && values[i] !== null && values[i] !== undefined) stage[key] = values[i];
    });
    const groups = {};
    for (const { logGroup, controls } of await readLogGroupList(resolveVariable, checkPatternSafety)) {
      if (Object.keys(controls).length > 0) groups[logGroup] = controls;
    }
    const artefact = { stage, groups };
    const { problems } = validateControlsArtefact(artefact, checkPatternSafety);
    if (problems.length > 0) {
      throw messageOnly(
        'ControlsError',
        `invalid controls:\n${problems.map((problem) => `  - ${describePlacedProblem(problem)}`).join('\n')}`,
      );
    }
    return { [ARTEFACT_GLOBAL]: JSON.stringify(JSON.stringify(artefact)) };
  },
};
