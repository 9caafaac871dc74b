import { describe, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

describe('readConfig', () => {
  it('reads the delivery stream and applies the defaults', () => {
    const config = readConfig({ DELIVERY_STREAM_NAME: 'logging-test', AWS_LAMBDA_FUNCTION_NAME: 'fwd' });
    expect(config.deliveryStreamName).toBe('logging-test');
    expect(config.rejoinMultiline).toBe(false);
    expect(config.ownLogGroup).toBe('/aws/lambda/fwd');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('prefers the log group Lambda names over one derived from the function name', () => {
    const config = readConfig({
      DELIVERY_STREAM_NAME: 's',
      AWS_LAMBDA_FUNCTION_NAME: 'fwd',
      AWS_LAMBDA_LOG_GROUP_NAME: '/custom/forwarder',
    });
    expect(config.ownLogGroup).toBe('/custom/forwarder');
  });

  it('stops with the variable name when the stream is missing or invalid', () => {
    expect(() => readConfig({})).toThrow(ConfigError);
    expect(() => readConfig({})).toThrow(/DELIVERY_STREAM_NAME: expected a Firehose delivery stream name/);
    expect(() => readConfig({ DELIVERY_STREAM_NAME: 'has spaces' })).toThrow(/DELIVERY_STREAM_NAME/);
  });

  it('stops with the variable name on a bad number or switch', () => {
    expect(() => readConfig({ DELIVERY_STREAM_NAME: 's', DELIVERY_CONCURRENCY: '0' })).toThrow(
      /DELIVERY_CONCURRENCY: expected a whole number from 1 to 64, got "0"/,
    );
    expect(() => readConfig({ DELIVERY_STREAM_NAME: 's', REJOIN_MULTILINE: 'maybe' })).toThrow(
      /REJOIN_MULTILINE: expected true or false/,
    );
    expect(readConfig({ DELIVERY_STREAM_NAME: 's', REJOIN_MULTILINE: 'true' }).rejoinMultiline).toBe(true);
  });
});
