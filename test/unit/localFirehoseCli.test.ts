import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { FirehoseClient, PutRecordBatchCommand } from '@aws-sdk/client-firehose';
import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../tools/local-firehose/parseCliArgs.js';

const TSX = resolve('node_modules/tsx/dist/cli.mjs');

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

describe('local Firehose CLI process', () => {
  it('prints its URL, serves the SDK, and exits cleanly on SIGTERM', async () => {
    const child = spawn(
      process.execPath,
      [TSX, 'tools/local-firehose/cli.ts', '--port', '0', '--dir', '', '--stream', 'logging-test'],
      { env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const exited = new Promise<number | null>((done) => child.on('close', done));
    const url = await new Promise<string>((found, fail) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (match?.[1] !== undefined) found(match[1]);
      });
      child.on('close', () => {
        fail(new Error(`CLI exited before listening:\n${output}`));
      });
    });
    const client = new FirehoseClient({ endpoint: url, maxAttempts: 1 });
    const out = await client.send(
      new PutRecordBatchCommand({
        DeliveryStreamName: 'logging-test',
        Records: [{ Data: Buffer.from('x\n') }],
      }),
    );
    expect(out.FailedPutCount).toBe(0);
    client.destroy();
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('SIGTERM: stopped; {"calls":1,"recordsAccepted":1');
  });
});
