import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * zerolog's `ConsoleWriter`: `<time> <LVL> [<caller> >] <message> <fields>`, the time as
 * `time.Kitchen` by default, the level as `FormattedLevels` writes it (TRC DBG INF WRN ERR FTL PNC),
 * colour codes unless `NoColor` (rs/zerolog console.go `consoleDefaultPartsOrder`,
 * `consoleDefaultFormatLevel`, `writeFields`; globals.go `FormattedLevels`; README "Pretty logging").
 */
const shipped = (line: string) => shippedLine(line, 'go-fn');

describe("zerolog's ConsoleWriter (zerologConsole.ts)", () => {
  it('reads the level and the message of the default Kitchen-time line', () => {
    const { record, missing } = shipped('3:04PM INF Hello World foo=bar\n');
    expect(record).toMatchObject({
      levelname: 'INFO',
      message: 'Hello World foo=bar',
      log_format: 'zerolog-console',
      time: '3:04PM',
    });
    expect(missing).toEqual([]);
  });

  it('reads a line with an RFC 3339 time and a caller, the error among the fields', () => {
    const { record, missing } = shipped(
      '2023-11-01T10:47:57Z ERR app/db.go:42 > query failed error="connection refused" component=db\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      message: 'query failed error="connection refused" component=db',
      caller: 'app/db.go:42',
    });
    expect(missing).toEqual([]);
  });

  it('reads the coloured line', () => {
    const { record, missing } = shipped(
      '\u001b[90m10:47AM\u001b[0m \u001b[33mWRN\u001b[0m \u001b[1mdisk almost full\u001b[0m \u001b[36mfree_mb=\u001b[0m120\n',
    );
    expect(record).toMatchObject({ levelname: 'WARNING', message: 'disk almost full free_mb=120' });
    expect(missing).toEqual([]);
  });

  it.each([
    ['10:47AM TRC tick', 'DEBUG'],
    ['10:47AM DBG cache miss', 'DEBUG'],
    ['10:47AM FTL cannot start', 'CRITICAL'],
    ['10:47AM PNC unrecoverable', 'CRITICAL'],
  ])('maps %j to %s', (line, levelname) => {
    expect(shipped(`${line}\n`).record).toMatchObject({ levelname });
  });

  it('takes no other word for a level', () => {
    expect(shipped('10:47AM FYI lunch\n').record).toMatchObject({
      levelname: 'INFO',
      message: '10:47AM FYI lunch',
    });
  });
});
