import { describe, expect, it } from 'vitest';
import { hasRecordAttribute, RECORD_ATTRIBUTES } from '../../../../src/normalize/formats/pythonJsonLogger.js';

describe('hasRecordAttribute', () => {
  it('finds each LogRecord attribute of the list, alone among other keys, and nothing else', () => {
    for (const key of RECORD_ATTRIBUTES) {
      expect(
        hasRecordAttribute(
          JSON.parse(`{"message":"m","${key}":0,"level":"INFO"}`) as Record<string, unknown>,
        ),
      ).toBe(true);
      expect(
        hasRecordAttribute(
          JSON.parse(`{"${key}x":0,"x${key}":1,"${key.toUpperCase()}":2}`) as Record<string, unknown>,
        ),
      ).toBe(false);
    }
    expect(
      hasRecordAttribute({ message: 'm', level: 'INFO', timestamp: 't', threadName: 'main', taskName: 't' }),
    ).toBe(false);
    expect(hasRecordAttribute(Object.create(null) as Record<string, unknown>)).toBe(false);
  });
});
