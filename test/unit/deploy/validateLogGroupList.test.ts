import { describe, expect, it } from 'vitest';
import {
  LogGroupListError,
  validateLogGroupList,
  type LogGroupListContext,
} from '../../../config/validateLogGroupList.js';

const context: LogGroupListContext = {
  source: 'config/log-groups.yml',
  ownLogGroup: '/aws/lambda/cwl-forwarder-dev-forwarder',
};

function problemsOf(input: unknown): string {
  try {
    validateLogGroupList(input, context);
  } catch (error) {
    expect(error).toBeInstanceOf(LogGroupListError);
    return (error as LogGroupListError).message;
  }
  throw new Error('expected the list to be refused');
}

describe('validateLogGroupList', () => {
  it('returns the subscriptions in file order, with an empty filter when none is given', () => {
    expect(
      validateLogGroupList(
        [
          { logGroup: '/aws/lambda/orders-api' },
          { logGroup: '/aws/lambda/billing-worker', filter: '?ERROR' },
          '/aws/ecs/inventory#sync',
        ],
        context,
      ),
    ).toEqual([
      { logGroup: '/aws/lambda/orders-api', filter: '', controls: {} },
      { logGroup: '/aws/lambda/billing-worker', filter: '?ERROR', controls: {} },
      { logGroup: '/aws/ecs/inventory#sync', filter: '', controls: {} },
    ]);
  });

  it('treats an empty file as an empty list', () => {
    expect(validateLogGroupList(null, context)).toEqual([]);
  });

  it('accepts two filters on the same log group', () => {
    const list = [
      { logGroup: '/aws/lambda/orders-api', filter: '?ERROR' },
      { logGroup: '/aws/lambda/orders-api', filter: '?WARNING' },
    ];
    expect(validateLogGroupList(list, context)).toHaveLength(2);
  });

  it('refuses a file that is not a list, saying which file', () => {
    expect(problemsOf({ logGroup: '/aws/lambda/orders-api' })).toMatch(
      /^config\/log-groups\.yml: .*expected a YAML list/s,
    );
  });

  it.each([
    ['a space', '/aws/lambda/has spaces'],
    ['a colon', 'arn:aws:logs:group'],
    ['nothing', ''],
    ['more than 512 characters', `/aws/lambda/${'x'.repeat(501)}`],
    ['a number', 42],
  ])('refuses a log group name with %s', (_what, name) => {
    expect(problemsOf([{ logGroup: name }])).toMatch(/entry 1: .* is not a log group name/);
  });

  it('refuses an entry without logGroup and names unknown keys', () => {
    expect(problemsOf([{ group: '/aws/lambda/orders-api' }])).toMatch(/entry 1: unknown key\(s\) group/);
  });

  it('refuses a filter pattern that is not a string or is too long', () => {
    const message = problemsOf([
      { logGroup: '/aws/lambda/a', filter: 3 },
      { logGroup: '/aws/lambda/b', filter: 'x'.repeat(1025) },
    ]);
    expect(message).toMatch(/entry 1 \(\/aws\/lambda\/a\): filter must be a string/);
    expect(message).toMatch(/entry 2 \(\/aws\/lambda\/b\): filter must be a string of at most 1024/);
  });

  it('refuses the same log group with the same filter twice', () => {
    expect(
      problemsOf(['/aws/lambda/orders-api', { logGroup: '/aws/lambda/orders-api', filter: '' }]),
    ).toMatch(/entry 2: duplicate of an earlier entry \(\/aws\/lambda\/orders-api/);
  });

  it('refuses a third filter on one log group, the CloudWatch Logs quota', () => {
    const message = problemsOf([
      { logGroup: '/aws/lambda/orders-api', filter: '?ERROR' },
      { logGroup: '/aws/lambda/orders-api', filter: '?WARNING' },
      { logGroup: '/aws/lambda/orders-api', filter: '?CRITICAL' },
    ]);
    expect(message).toMatch(/entry 3: \/aws\/lambda\/orders-api has more than 2 filters/);
  });

  it("refuses the forwarder's own log group, saying it would loop", () => {
    expect(problemsOf(['/aws/lambda/orders-api', '/aws/lambda/cwl-forwarder-dev-forwarder'])).toMatch(
      /entry 2: \/aws\/lambda\/cwl-forwarder-dev-forwarder is the forwarder's own log group.*loop/,
    );
  });

  it('reports every problem of the list at once', () => {
    const error = (() => {
      try {
        validateLogGroupList(['bad name', '/aws/lambda/x', '/aws/lambda/x'], context);
      } catch (caught) {
        return caught as LogGroupListError;
      }
      throw new Error('expected the list to be refused');
    })();
    expect(error.problems).toHaveLength(2);
    expect(error.source).toBe('config/log-groups.yml');
  });
});
