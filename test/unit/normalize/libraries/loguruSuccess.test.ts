import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * loguru's SUCCESS level (25, between INFO and WARNING: Delgan/loguru loguru/_defaults.py
 * `LOGURU_SUCCESS_NO`) has no name among the five: the record is INFO and keeps the spelling.
 */
describe("loguru's default text format with SUCCESS (loguruText.ts)", () => {
  it('is INFO and keeps SUCCESS as the line wrote it', () => {
    const { record, missing } = shippedLine(
      '2018-07-17 01:38:43.975 | SUCCESS  | __main__:main:21 - Job done\n',
      'py-fn',
    );
    expect(record).toMatchObject({
      name: '__main__',
      levelname: 'INFO',
      message: 'Job done',
      log_format: 'loguru-text',
      level: 'SUCCESS',
    });
    expect(missing).toEqual([]);
  });

  it('adds nothing for a level that is one of the five names', () => {
    const { record } = shippedLine(
      '2019-04-07 11:08:44.198 | INFO     | __main__:foo:26 - Inside\n',
      'py-fn',
    );
    expect(record).not.toHaveProperty('level');
  });
});

describe("loguru's default text format with a level of the application's own (loguruText.ts)", () => {
  it('reads `logger.level("AUDIT", no=35)` lines, INFO with the spelling kept', () => {
    const { record, missing } = shippedLine(
      '2023-11-01 10:47:57.081 | AUDIT    | app.audit:record:12 - user 42 signed in\n',
      'py-fn',
    );
    expect(record).toMatchObject({
      name: 'app.audit',
      levelname: 'INFO',
      message: 'user 42 signed in',
      log_format: 'loguru-text',
      level: 'AUDIT',
    });
    expect(missing).toEqual([]);
  });
});
