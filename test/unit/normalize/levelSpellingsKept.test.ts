import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../helpers/shippedLine.js';

// A level spelled as syslog, PSR-3 or java.util.logging spell it changes spelling only (SPEC §3):
// the conservation check counts it as the record's `levelname`, not as a lost token.
describe('level names of other scales', () => {
  it.each([
    ['{"time":"2023-11-01T10:47:57.081Z","level":"EMERGENCY","msg":"disk gone","id":3}', 'CRITICAL'],
    ['time=2023-11-01T10:47:57.081Z level=EMERGENCY msg="disk gone"', 'CRITICAL'],
    ['{"time":"2023-11-01T10:47:57.081Z","level":"SEVERE","msg":"disk gone"}', 'ERROR'],
  ])('%s is %s with nothing lost', (line, level) => {
    const { record, missing } = shippedLine(`${line}\n`, 'app-fn');
    expect(record).toMatchObject({ levelname: level, message: 'disk gone' });
    expect(missing).toEqual([]);
  });
});
