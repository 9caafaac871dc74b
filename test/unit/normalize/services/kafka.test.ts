import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/** Amazon MSK's broker logs, Kafka's log4j `[%d] %p %m (%c)%n` (formats/kafka.ts); text before. */
const shipped = (line: string) => shippedLine(line, 'msk-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("Kafka's broker log (kafka)", () => {
  it('reads the level, the trailing logger as the name, and keeps the component in the message', () => {
    const { record, missing } = shipped(
      '[2023-11-01 10:47:57,081] WARN [ReplicaFetcher replicaId=1, leaderId=2, fetcherId=0] Error in response for fetch request (kafka.server.ReplicaFetcherThread)\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'kafka.server.ReplicaFetcherThread',
      message: '[ReplicaFetcher replicaId=1, leaderId=2, fetcherId=0] Error in response for fetch request',
      log_format: 'kafka',
      context: 'ReplicaFetcher replicaId=1, leaderId=2, fetcherId=0',
      time: '2023-11-01 10:47:57,081',
    });
    expect(missing).toEqual([]);
  });

  it('moves the stack after the logger to exc_info', () => {
    const { record, missing } = shipped(
      '[2022-04-07 18:19:33,005] ERROR [KafkaServer id=0] Fatal error during KafkaServer startup. Prepare to shutdown (kafka.server.KafkaServer)\njava.io.IOException: No space left on device\n\tat kafka.server.KafkaServer.startup(KafkaServer.scala:461)\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'kafka.server.KafkaServer',
      message: '[KafkaServer id=0] Fatal error during KafkaServer startup. Prepare to shutdown',
      exc_info:
        'java.io.IOException: No space left on device\n\tat kafka.server.KafkaServer.startup(KafkaServer.scala:461)',
    });
    expect(missing).toEqual([]);
  });

  it('reads a message of several lines up to the line the logger closes, and parentheses inside it', () => {
    const config = shipped(
      '[2023-11-01 10:47:57,081] INFO KafkaConfig values: \n\tadvertised.listeners = null\n\tbroker.id = 1\n (kafka.server.KafkaConfig)\n',
    );
    expect(config.record).toMatchObject({
      name: 'kafka.server.KafkaConfig',
      message: 'KafkaConfig values: \n\tadvertised.listeners = null\n\tbroker.id = 1',
    });
    expect(config.record.exc_info).toBeUndefined();
    expect(config.missing).toEqual([]);
    const inner = shipped(
      '[2017-09-11 19:27:05,192] INFO [ProducerId Manager 1]: Acquired new producerId block (brokerId:1) by writing to Zk (kafka.coordinator.transaction.ProducerIdManager)\n',
    );
    expect(inner.record).toMatchObject({
      name: 'kafka.coordinator.transaction.ProducerIdManager',
      context: 'ProducerId Manager 1',
      message: '[ProducerId Manager 1]: Acquired new producerId block (brokerId:1) by writing to Zk',
    });
    expect(shipped('[2023-11-01 10:47:57,081] FATAL x (kafka.Kafka$)\n').record.levelname).toBe('CRITICAL');
    expect(shipped('[2023-11-01 10:47:57,081] TRACE x (state.change.logger)\n').record).toMatchObject({
      levelname: 'DEBUG',
      name: 'state.change.logger',
    });
  });

  it('leaves Flask, Airflow and lines without a logger to the others, and only reads whole events', () => {
    expect(shipped('[2023-11-01 10:47:57,081] INFO in app: done (x.y)\n').record.log_format).toBe(
      'python-logging',
    );
    expect(shipped('[2023-11-01 10:47:57,081] INFO started\n').record.log_format).not.toBe('kafka');
    const wrapped = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t[2023-11-01 10:47:57,081] INFO x (a.B)\n`;
    expect(shipped(wrapped).record.log_format).toBe('lambda-nodejs');
  });
});
