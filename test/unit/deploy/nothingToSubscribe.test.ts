import { describe, expect, it } from 'vitest';
import { nothingToSubscribe } from '../../../config/nothingToSubscribe.js';

const none = {
  logGroups: 0,
  source: 'config/log-groups.yml',
  input: 'subscription',
  subscribeAccount: 'false',
};

describe('nothingToSubscribe', () => {
  it('refuses a stage with no log group, no account-wide subscription and no Kinesis input', () => {
    expect(nothingToSubscribe(none)).toMatch(
      /^no log groups to subscribe: config\/log-groups.yml is missing or empty/,
    );
  });

  it('names the list it looked for and the three ways out', () => {
    const message = nothingToSubscribe({ ...none, source: 'config/log-groups.prod.yml' }) ?? '';
    expect(message).toContain('config/log-groups.prod.yml');
    expect(message).toContain('--param="logGroupsFile=path/to/list.yml"');
    expect(message).toContain('--param="subscribeAccount=true"');
    expect(message).toContain('--param="input=kinesis"');
  });

  it('accepts a list with groups, an account-wide subscription or a Kinesis input', () => {
    expect(nothingToSubscribe({ ...none, logGroups: 1 })).toBeUndefined();
    expect(nothingToSubscribe({ ...none, subscribeAccount: 'true' })).toBeUndefined();
    expect(nothingToSubscribe({ ...none, input: 'kinesis' })).toBeUndefined();
  });
});
