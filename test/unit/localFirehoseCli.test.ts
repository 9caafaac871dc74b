import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../tools/local-firehose/parseCliArgs.js';

describe('parseCliArgs (local Firehose CLI)', () => {
  it('turns the documented flags into endpoint options', () => {
    const { options } = parseCliArgs(
      [
        '--port',
        '4573',
        '--dir',
        '.local-firehose',
        '--stream',
        'logging-test',
        '--fail-rate',
        '0.3',
        '--seed',
        '1',
        '--throttle-first',
        '2',
      ],
      {},
    );
    expect(options).toEqual({
      port: 4573,
      dir: '.local-firehose',
      streams: ['logging-test'],
      acceptAnyStream: false,
      faults: { failRate: 0.3, seed: 1, throttleFirst: 2 },
    });
  });

  it('takes the stream from DELIVERY_STREAM_NAME when no --stream is given', () => {
    expect(parseCliArgs([], { DELIVERY_STREAM_NAME: 'from-env' }).options.streams).toEqual(['from-env']);
  });

  it('reads faults from LOCAL_FIREHOSE_FAULTS, with flags taking precedence', () => {
    const { options } = parseCliArgs(['--drop-first', '3'], {
      LOCAL_FIREHOSE_FAULTS: '{"dropFirst":1,"delayMs":50}',
    });
    expect(options.faults).toEqual({ dropFirst: 3, delayMs: 50 });
  });

  it('refuses a bad value naming the flag', () => {
    expect(() => parseCliArgs(['--fail-rate', 'lots'], {})).toThrow(/--fail-rate/);
    expect(() => parseCliArgs(['--fail-rate', '1.5'], {})).toThrow(/failRate/);
    expect(() => parseCliArgs(['--server-error-status', '418'], {})).toThrow(/serverErrorStatus/);
  });

  it('refuses an unknown flag', () => {
    expect(() => parseCliArgs(['--fial-rate', '0.3'], {})).toThrow(/fial-rate/);
  });
});
