import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/** The CloudWatch agent's own log, Telegraf's `time L! [plugin] msg` (formats/cloudwatchAgent.ts); text before. */
const shipped = (line: string) => shippedLine(line, 'agent-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("The CloudWatch agent's log (cloudwatch-agent)", () => {
  it('reads the level letter, the plugin as the name and keeps the time', () => {
    const { record, missing } = shipped(
      '2023-11-01T10:47:57Z E! [outputs.cloudwatchlogs] Aws error received when sending logs to app/web: AccessDeniedException\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'outputs.cloudwatchlogs',
      message: 'Aws error received when sending logs to app/web: AccessDeniedException',
      log_format: 'cloudwatch-agent',
      time: '2023-11-01T10:47:57Z',
    });
    expect(missing).toEqual([]);
  });

  it("maps D, I, W and reads the translator's Go log time; a line without a plugin keeps the default name", () => {
    expect(shipped('2023-11-01T10:47:57Z D! [logagent] x\n').record.levelname).toBe('DEBUG');
    expect(shipped('2023-11-01T10:47:57Z W! [inputs.logfile] x\n').record.levelname).toBe('WARNING');
    const translator = shipped('2024/08/05 18:27:58 I! Valid Json input schema.\n');
    expect(translator.record).toMatchObject({
      levelname: 'INFO',
      name: 'agent-fn',
      message: 'Valid Json input schema.',
      log_format: 'cloudwatch-agent',
    });
    expect(translator.missing).toEqual([]);
  });

  it("leaves Go's log lines without the mark to go-log, and is read only as a whole event", () => {
    expect(shipped('2024/08/05 18:27:58 listening on :8080\n').record.log_format).not.toBe(
      'cloudwatch-agent',
    );
    const wrapped = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t2023-11-01T10:47:57Z E! [agent] x\n`;
    expect(shipped(wrapped).record.log_format).toBe('lambda-nodejs');
  });
});
