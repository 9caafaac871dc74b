import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Amazon OpenSearch Service's error and slow logs (formats/openSearch.ts), as the service
 * publishes them to CloudWatch Logs; Elasticsearch writes the same layout. They were text before.
 */
const shipped = (line: string) => shippedLine(line, 'search-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

describe("OpenSearch's error log (opensearch)", () => {
  it('reads the level, the logger without its padding, the node and the stack', () => {
    const { record, missing } = shipped(
      '[2024-08-13T19:53:41,233][ERROR][o.o.b.Bootstrap          ] [a28ce3bd16681e0092591169b3fd0b0a] Exception\njava.lang.IllegalStateException: Unable to restore remote index metadata\n\tat org.opensearch.node.Node.start(Node.java:1546)\n',
    );
    expect(record).toMatchObject({
      levelname: 'ERROR',
      name: 'o.o.b.Bootstrap',
      message: 'Exception',
      exc_info:
        'java.lang.IllegalStateException: Unable to restore remote index metadata\n\tat org.opensearch.node.Node.start(Node.java:1546)',
      log_format: 'opensearch',
      node_name: 'a28ce3bd16681e0092591169b3fd0b0a',
      time: '2024-08-13T19:53:41,233',
    });
    expect(missing).toEqual([]);
  });

  it('takes a throwable printed without frames on the next line as the stack', () => {
    const { record, missing } = shipped(
      '[2024-02-16T21:00:07,126][ERROR][o.o.b.OpenSearchUncaughtExceptionHandler] [a72d3888e6e8] uncaught exception in thread [main]\norg.opensearch.bootstrap.StartupException: java.lang.IllegalStateException: failed\n',
    );
    expect(record).toMatchObject({
      message: 'uncaught exception in thread [main]',
      exc_info: 'org.opensearch.bootstrap.StartupException: java.lang.IllegalStateException: failed',
    });
    expect(missing).toEqual([]);
  });

  it('maps the log4j levels and reads Elasticsearch 1.x times and node names', () => {
    const level = (word: string) =>
      shipped(`[2023-11-01T10:47:57,081][${word}][o.o.n.Node               ] [n1] x\n`).record.levelname;
    expect(level('TRACE')).toBe('DEBUG');
    expect(level('WARN ')).toBe('WARNING');
    expect(level('FATAL')).toBe('CRITICAL');
    const old = shipped('[2015-09-21 08:09:30,744][INFO ][cluster.service] [Fault Zone] new_master\n');
    expect(old.record).toMatchObject({
      name: 'cluster.service',
      node_name: 'Fault Zone',
      message: 'new_master',
    });
    expect(old.missing).toEqual([]);
  });

  it('keeps a slow-log entry whole and its simple parts under slowlog', () => {
    const message =
      '[orders][0] took[1.2s], took_millis[1200], total_hits[10 hits], types[], stats[], search_type[QUERY_THEN_FETCH], total_shards[1], source[{"query":{"match_all":{"boost":1.0}}}], id[],';
    const { record, missing } = shipped(
      `[2023-11-01T10:47:57,081][WARN ][i.s.s.query              ] [a1b2c3] ${message}\n`,
    );
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'i.s.s.query',
      message,
      slowlog: {
        index: 'orders',
        shard: 0,
        took: '1.2s',
        took_millis: 1200,
        total_hits: '10 hits',
        search_type: 'QUERY_THEN_FETCH',
        total_shards: 1,
      },
    });
    expect(missing).toEqual([]);
    const indexing = shipped(
      '[2019-10-24T19:48:51,012][WARN][i.i.s.index] [node1] [some-index/i86iF5kyTyy-PS8zrdDeAA] took[3.4ms], took_millis[3], type[_doc], id[1], routing[], source[{"a":1}]\n',
    );
    expect(indexing.record.slowlog).toEqual({
      index: 'some-index',
      index_uuid: 'i86iF5kyTyy-PS8zrdDeAA',
      took: '3.4ms',
      took_millis: 3,
      type: '_doc',
      id: '1',
      routing: '',
    });
    expect(indexing.missing).toEqual([]);
  });

  it('is read only as a whole event, and leaves other bracketed heads alone', () => {
    const wrapped = `2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t[2023-11-01T10:47:57,081][WARN ][o.o.n.Node] [n1] x\n`;
    expect(shipped(wrapped).record.log_format).toBe('lambda-nodejs');
    expect(shipped('[2023-11-01 10:47:57,081] INFO [KafkaServer id=1] started\n').record.log_format).not.toBe(
      'opensearch',
    );
  });
});
