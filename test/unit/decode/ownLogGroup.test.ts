import { describe, expect, it } from 'vitest';
import { accountOfArn, isOwnLogGroup } from '../../../src/decode/ownLogGroup.js';
import type { DataMessage } from '../../../src/decode/subscriptionPayload.js';

const payload = (logGroup: string, owner: string): DataMessage => ({
  messageType: 'DATA_MESSAGE',
  owner,
  logGroup,
  logStream: 's',
  subscriptionFilters: [],
  logEvents: [],
});

describe('isOwnLogGroup', () => {
  const own = { name: '/custom/shared-logs', accountId: '123456789012' };

  it('recognises the custom log group Lambda names, in the function’s own account', () => {
    expect(isOwnLogGroup(payload('/custom/shared-logs', '123456789012'), own)).toBe(true);
  });

  it('does not take a group of the same name in another account, or a near name, for its own', () => {
    expect(isOwnLogGroup(payload('/custom/shared-logs', '210987654321'), own)).toBe(false);
    expect(isOwnLogGroup(payload('/custom/Shared-logs', '123456789012'), own)).toBe(false);
    expect(isOwnLogGroup(payload('/custom/shared-logs-2', '123456789012'), own)).toBe(false);
  });

  it('compares the name alone when the account is not known', () => {
    expect(isOwnLogGroup(payload('/custom/shared-logs', '210987654321'), { name: own.name })).toBe(true);
    expect(isOwnLogGroup(payload('/custom/shared-logs', ''), own)).toBe(true);
    expect(isOwnLogGroup(payload('/custom/shared-logs', '1'), { name: undefined })).toBe(false);
  });
});

describe('accountOfArn', () => {
  it('reads the account of a function ARN, qualified or not', () => {
    expect(accountOfArn('arn:aws:lambda:us-east-1:123456789012:function:fwd')).toBe('123456789012');
    expect(accountOfArn('arn:aws-cn:lambda:cn-north-1:123456789012:function:fwd:prod')).toBe('123456789012');
    expect(accountOfArn('offline_invokedFunctionArn_for_test')).toBeUndefined();
    expect(accountOfArn(undefined)).toBeUndefined();
  });
});
