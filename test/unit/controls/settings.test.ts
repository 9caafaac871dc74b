import { describe, expect, it } from 'vitest';
import { checkPatternSafety } from '../../../config/patternSafety.js';
import { validateLogGroupList } from '../../../config/validateLogGroupList.js';
import { readControlsArtefact } from '../../../src/controls/controlsArtefact.js';
import { readControlSettings } from '../../../src/controls/settings.js';
import { readConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/errors.js';

const context = { source: 'list.yml', ownLogGroup: '/aws/lambda/fwd', checkPattern: checkPatternSafety };

describe('control settings', () => {
  it('reads params as the command line gives them (strings, JSON text)', () => {
    const { settings, problems } = readControlSettings({
      platformLines: 'fold',
      minLevel: 'warn',
      sampleRate: '0.25',
      sampleBelow: 'INFO',
      redact: '{"rules":["email"],"keys":["Password"]}',
      tags: '{"team":"payments"}',
      maxFields: '50',
    });
    expect(problems).toEqual([]);
    expect(settings).toMatchObject({
      platformLines: 'fold',
      minLevel: 'WARNING',
      sampleRate: 0.25,
      sampleBelow: 'INFO',
      redact: { rules: ['email'], patterns: [], keys: ['password'] },
      tags: { team: 'payments' },
      maxFields: 50,
      maxDepth: 5,
    });
  });

  it('takes a comma-separated list of rules for redact', () => {
    expect(readControlSettings({ redact: 'email, ipv4' }).settings.redact.rules).toEqual(['email', 'ipv4']);
  });

  it('names every refused key and what it expected', () => {
    const { problems } = readControlSettings({
      platformLines: 'squash',
      minLevel: 'LOUD',
      sampleRate: 2,
      redact: { rules: ['phone'], patterns: ['(unclosed'], extra: 1 },
      tags: { team: { nested: true } },
      maxDepth: -1,
    });
    expect(problems.map((p) => p.key)).toEqual([
      'platformLines',
      'minLevel',
      'sampleRate',
      'redact.extra',
      'redact.rules',
      'redact.patterns[0]',
      'tags.team',
      'maxDepth',
    ]);
  });
});

describe('the log group list with controls (packaging)', () => {
  it('returns each entry with its own controls', () => {
    const list = validateLogGroupList(
      [{ logGroup: '/aws/lambda/a', platformLines: 'fold', tags: { team: 'x' } }, '/aws/lambda/b'],
      context,
    );
    expect(list).toEqual([
      { logGroup: '/aws/lambda/a', filter: '', controls: { platformLines: 'fold', tags: { team: 'x' } } },
      { logGroup: '/aws/lambda/b', filter: '', controls: {} },
    ]);
  });

  it('refuses bad values naming the entry, the group and the key, and patterns that backtrack', () => {
    const attempt = () =>
      validateLogGroupList(
        [
          { logGroup: '/aws/lambda/a', minLevel: 'LOUD' },
          { logGroup: '/aws/lambda/b', redact: { patterns: ['(a+)+$'] } },
          { logGroup: '/aws/lambda/c', colour: 'red' },
          { logGroup: '/aws/lambda/a', filter: '?ERROR', minLevel: 'INFO' },
        ],
        context,
      );
    expect(attempt).toThrow(
      /entry 1 \(\/aws\/lambda\/a\): minLevel: expected DEBUG, INFO, WARNING, ERROR, CRITICAL, got "LOUD"/,
    );
    expect(attempt).toThrow(
      /entry 2 \(\/aws\/lambda\/b\): redact\.patterns\[0\]: expected a safe regular expression \(it can backtrack catastrophically: exponential/,
    );
    expect(attempt).toThrow(/entry 3: unknown key\(s\) colour/);
    expect(attempt).toThrow(/entry 4 \(\/aws\/lambda\/a\): controls differ from entry 1's/);
  });
});

describe('the controls artefact (cold start)', () => {
  const artefact = JSON.stringify({
    stage: { minLevel: 'INFO', tags: { env: 'prod' } },
    groups: { '/aws/lambda/payments': { platformLines: 'fold', tags: { team: 'payments' } } },
  });

  it('gives each log group its settings over the stage', () => {
    const controls = readControlsArtefact(artefact);
    expect(controls.forLogGroup('/aws/lambda/payments').settings).toMatchObject({
      platformLines: 'fold',
      minLevel: 'INFO',
      tags: { team: 'payments' },
    });
    expect(controls.forLogGroup('/aws/lambda/other').settings).toMatchObject({
      platformLines: 'keep',
      minLevel: 'INFO',
      tags: { env: 'prod' },
    });
  });

  it('is read by readConfig, frozen', () => {
    const config = readConfig({ DELIVERY_STREAM_NAME: 's' }, artefact);
    expect(Object.isFrozen(config.controls)).toBe(true);
    expect(Object.isFrozen(config.controls.forLogGroup('/aws/lambda/payments').settings)).toBe(true);
  });

  it('stops the cold start with a ConfigError naming the group and the key', () => {
    const bad = JSON.stringify({ stage: {}, groups: { '/aws/lambda/x': { sampleRate: 7 } } });
    expect(() => readConfig({ DELIVERY_STREAM_NAME: 's' }, bad)).toThrow(ConfigError);
    expect(() => readControlsArtefact(bad)).toThrow(
      'controls: /aws/lambda/x: sampleRate: expected a number from 0 to 1, got "7"',
    );
    expect(() => readControlsArtefact('{not json')).toThrow(
      /controls \(bundled log group settings\): expected JSON/,
    );
  });

  it('means every control at its default when the bundle has none', () => {
    expect(readConfig({ DELIVERY_STREAM_NAME: 's' }, undefined).controls.stage.settings.platformLines).toBe(
      'keep',
    );
  });
});
