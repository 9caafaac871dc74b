import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Amazon MQ for ActiveMQ's general log, `%d | %-5p | %m | %c | %t` (formats/activemq.ts): its
 * level was read before (`level-word`), its logger and thread were left in the message.
 */
const shipped = (line: string) => shippedLine(line, 'mq-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("ActiveMQ's broker log (activemq)", () => {
  it('reads the logger as the name and the thread as a field', () => {
    const { record, missing } = shipped(
      '2023-11-01 10:47:57,081 | WARN  | Transport Connection to: tcp://10.0.0.1:51424 failed: java.io.EOFException | org.apache.activemq.broker.TransportConnection.Transport | ActiveMQ Transport: tcp:///10.0.0.1:51424@61617\n',
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'org.apache.activemq.broker.TransportConnection.Transport',
      message: 'Transport Connection to: tcp://10.0.0.1:51424 failed: java.io.EOFException',
      log_format: 'activemq',
      thread: 'ActiveMQ Transport: tcp:///10.0.0.1:51424@61617',
      time: '2023-11-01 10:47:57,081',
    });
    expect(missing).toEqual([]);
  });

  it('reads a message of several lines and the throwable after it', () => {
    const { record, missing } = shipped(
      '2023-11-01 10:47:57,081 | ERROR | Failed to start Apache ActiveMQ (localhost, ID:x-1:1)\nsecond line | org.apache.activemq.broker.BrokerService | main\njava.io.IOException: Transport Connector could not be registered in JMX\n\tat org.apache.activemq.util.IOExceptionSupport.create(IOExceptionSupport.java:28)\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'org.apache.activemq.broker.BrokerService',
      message: 'Failed to start Apache ActiveMQ (localhost, ID:x-1:1)\nsecond line',
      exc_info:
        'java.io.IOException: Transport Connector could not be registered in JMX\n\tat org.apache.activemq.util.IOExceptionSupport.create(IOExceptionSupport.java:28)',
      thread: 'main',
    });
    expect(missing).toEqual([]);
  });

  it('leaves lines without the logger and thread columns to the generic readers', () => {
    expect(shipped('2023-11-01 10:47:57,081 | WARN  | a | b\n').record.log_format).toBe('level-word');
    expect(shipped('2023-11-01 10:47:57,081 | WARN | x | a.B | main\n').record.log_format).not.toBe(
      'activemq',
    );
    const wrapped = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t2023-11-01 10:47:57,081 | INFO  | x | a.B | main\n`;
    expect(shipped(wrapped).record.log_format).not.toBe('activemq');
  });
});
