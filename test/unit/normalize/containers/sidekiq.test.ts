import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Sidekiq's own lines (formats/sidekiq.ts): Sidekiq 6/7's `Formatters::Pretty` and
 * `WithoutTimestamp`, Sidekiq 4/5's `pid TID-…` layout (sidekiq/sidekiq lib/sidekiq/logger.rb;
 * lines quoted in sidekiq/sidekiq#4418 and #3215). Before, all were INFO text, `WARN:` and
 * `ERROR:` included, with the prefix in the message.
 */
const shipped = (line: string) => shippedLine(line, 'worker-fn');

describe('Sidekiq lines (sidekiq.ts)', () => {
  it("takes the severity and keeps pid, tid and the job's context pairs", () => {
    const { record, missing } = shipped(
      '2024-01-01T12:00:00.123Z pid=1 tid=2ab class=HardWorker jid=b4a577edbccf1d805744efa9 elapsed=0.01 WARN: RuntimeError: boom\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: 'RuntimeError: boom',
      name: 'worker-fn',
      pid: 1,
      tid: '2ab',
      class: 'HardWorker',
      jid: 'b4a577edbccf1d805744efa9',
      elapsed: '0.01',
      log_format: 'sidekiq',
    });
    expect(missing).toEqual([]);
  });

  it('moves a backtrace logged as its own message to exc_info', () => {
    const { record, missing } = shipped(
      "2024-01-01T12:00:00.123Z pid=1 tid=2ab class=HardWorker jid=b4a577edbccf1d805744efa9 WARN: /app/app/workers/hard_worker.rb:5:in `perform'\n" +
        "/usr/local/bundle/gems/sidekiq-7.0.2/lib/sidekiq/processor.rb:202:in `execute_job'\n",
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      message: "/app/app/workers/hard_worker.rb:5:in `perform'",
      exc_info:
        "/app/app/workers/hard_worker.rb:5:in `perform'\n/usr/local/bundle/gems/sidekiq-7.0.2/lib/sidekiq/processor.rb:202:in `execute_job'",
    });
    expect(missing).toEqual([]);
  });

  it('reads the layout without a time (`ENV["DYNO"]`) and Sidekiq 4/5’s `pid TID-…`', () => {
    const bare = shipped(
      'pid=1 tid=2ab ERROR: Error fetching job: Error connecting to Redis on redis:6379 (Errno::ECONNREFUSED)\n',
    );
    expect(bare.record).toMatchObject({
      levelname: 'ERROR',
      message: 'Error fetching job: Error connecting to Redis on redis:6379 (Errno::ECONNREFUSED)',
      pid: 1,
    });
    expect(bare.missing).toEqual([]);
    const old = shipped('2012-03-02T19:40:45Z 32515 TID-oveahmcxw HardWorker JID-oveaivtrg FATAL: boom\n');
    expect(old.record).toMatchObject({
      levelname: 'CRITICAL',
      message: 'boom',
      pid: 32515,
      tid: 'TID-oveahmcxw',
      context: 'HardWorker JID-oveaivtrg',
    });
    expect(old.missing).toEqual([]);
  });

  it('leaves logfmt lines and a time with a level word to their formats', () => {
    expect(shipped('time=2024-01-01T12:00:00Z level=warn msg="disk low" pid=1\n').record.log_format).toBe(
      'logfmt',
    );
    expect(shipped('2024-01-01T12:00:00.123Z pid=1 tid=2ab msg="x y"\n').record.log_format).not.toBe(
      'sidekiq',
    );
    expect(shipped('2023-11-01 10:47:57.081 WARN  retrying\n').record).toMatchObject({
      levelname: 'WARNING',
      log_format: 'level-word',
    });
  });
});
