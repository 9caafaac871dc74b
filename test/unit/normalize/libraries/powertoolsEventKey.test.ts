import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Powertools for Python's "bring your own formatter" example renames `message` to `event`
 * (aws-powertools/powertools-lambda-python examples/logger/src/bring_your_own_formatter.py and
 * bring_your_own_formatter_output.json).
 */
describe('Powertools for Python with the message under `event` (powertools.ts)', () => {
  it('takes `event` for the message when the record has no `message`', () => {
    const { record, missing } = shippedLine(
      '{"level":"INFO","location":"<module>:16","timestamp":"2021-12-30 13:41:53,413+0000","service":"payment","event":"hello"}\n',
      'pt-fn',
    );
    expect(record).toMatchObject({
      name: 'payment',
      levelname: 'INFO',
      message: 'hello',
      log_format: 'powertools',
    });
    expect(record).not.toHaveProperty('event');
    expect(missing).toEqual([]);
  });

  it('keeps `event` a field when the record has a message', () => {
    const { record } = shippedLine(
      '{"level":"INFO","location":"h:1","message":"m","timestamp":"2021-12-30 13:41:53,413+0000","service":"payment","event":"order.created"}\n',
      'pt-fn',
    );
    expect(record).toMatchObject({ message: 'm', event: 'order.created' });
  });
});
