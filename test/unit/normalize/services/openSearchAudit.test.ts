import { describe, expect, it } from 'vitest';
import { shippedLine } from '../../../helpers/shippedLine.js';

/**
 * Amazon OpenSearch Service's audit logs (formats/openSearchAudit.ts), the Security plugin's JSON
 * messages as the service publishes them to CloudWatch Logs. They were generic JSON before: the
 * whole object as the message, INFO, named after the function. Samples: the developer guide's
 * "Audit log example" and Sumo Logic's CloudWatch sample of a failed login.
 */
const shipped = (line: string) => shippedLine(line, 'search-fn');
const REQUEST_ID = '3f6f7b4c-1111-2222-3333-444455556666';

const FAILED_LOGIN =
  '{"audit_cluster_name":"123456789012:domain","audit_node_name":"52f5539f7ec0ff32d343cf6ccfe","audit_rest_request_method":"GET","audit_category":"FAILED_LOGIN","audit_request_origin":"REST","audit_node_id":"sSem4l5mS62GrF_16hJG","audit_request_layer":"REST","audit_rest_request_path":"/_plugins/_security/authinfo","@timestamp":"2024-09-20T16:31:50.748+00:00","audit_request_effective_user_is_admin":false,"audit_format_version":4,"audit_request_remote_address":"123.123.123.123","audit_rest_request_headers":{"Host":["localhost:9200"],"Content-Length":["0"]},"audit_request_effective_user":"golfer"}';
const DOC_WRITE =
  '{"audit_compliance_operation":"CREATE","audit_cluster_name":"824471164578:audit-test","audit_node_name":"be217225a0b77c2bd76147d3ed3ff83c","audit_category":"COMPLIANCE_DOC_WRITE","audit_request_origin":"REST","audit_compliance_doc_version":1,"audit_node_id":"3xNJhm4XS_yTzEgDWcGRjA","@timestamp":"2020-08-23T05:28:02.285+00:00","audit_format_version":4,"audit_request_remote_address":"3.236.145.227","audit_trace_doc_id":"lxnJGXQBqZSlDB91r_uZ","audit_request_effective_user":"admin","audit_trace_shard_id":8,"audit_trace_indices":["accounts"],"audit_trace_resolved_indices":["accounts"]}';

describe("OpenSearch Service's audit logs (opensearch-audit)", () => {
  it('names a failed login after the domain, says who tried what, WARNING, and keeps every key', () => {
    const { record, missing } = shipped(`${FAILED_LOGIN}\n`);
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: '123456789012:domain',
      message: 'FAILED_LOGIN golfer GET /_plugins/_security/authinfo',
      log_format: 'opensearch-audit',
      audit_category: 'FAILED_LOGIN',
      audit_request_remote_address: '123.123.123.123',
      audit_rest_request_headers: { Host: ['localhost:9200'], 'Content-Length': ['0'] },
      original_fields: { '@timestamp': '2024-09-20T16:31:50.748+00:00' },
    });
    expect(missing).toEqual([]);
  });

  it('reads a compliance event as INFO: the operation, the user and the indices', () => {
    const { record, missing } = shipped(`${DOC_WRITE}\n`);
    expect(record).toMatchObject({
      levelname: 'INFO',
      name: '824471164578:audit-test',
      message: 'COMPLIANCE_DOC_WRITE CREATE admin accounts',
      audit_trace_shard_id: 8,
    });
    expect(missing).toEqual([]);
  });

  it('says the privilege a refused transport request needed, WARNING', () => {
    const line =
      '{"audit_cluster_name":"opensearch","audit_transport_request_type":"MainRequest","audit_category":"MISSING_PRIVILEGES","audit_request_layer":"TRANSPORT","audit_format_version":4,"audit_request_privilege":"cluster:monitor/main","audit_request_effective_user":"test"}';
    expect(shipped(`${line}\n`).record).toMatchObject({
      levelname: 'WARNING',
      message: 'MISSING_PRIVILEGES test cluster:monitor/main',
    });
  });

  it("takes an SSL exception's stack as exc_info", () => {
    const line =
      '{"audit_category":"SSL_EXCEPTION","audit_request_layer":"REST","audit_format_version":4,"audit_request_exception_stacktrace":"io.netty.handler.ssl.NotSslRecordException: not an SSL/TLS record: 474554\\n\\tat io.netty.handler.ssl.SslHandler.decodeJdkCompatible(SslHandler.java:1232)\\n"}';
    const { record, missing } = shipped(`${line}\n`);
    expect(record).toMatchObject({
      levelname: 'WARNING',
      name: 'search-fn',
      message: 'SSL_EXCEPTION',
      exc_info:
        'io.netty.handler.ssl.NotSslRecordException: not an SSL/TLS record: 474554\n\tat io.netty.handler.ssl.SslHandler.decodeJdkCompatible(SslHandler.java:1232)',
    });
    expect(record.audit_request_exception_stacktrace).toBeUndefined();
    expect(missing).toEqual([]);
  });

  it("is read at the top of an event only: inside Node.js's prefix it is any JSON", () => {
    expect(
      shipped(`2023-11-01T10:47:57.081Z\t${REQUEST_ID}\tINFO\t${FAILED_LOGIN}\n`).record.log_format,
    ).toBe('lambda-nodejs/json');
  });

  it('claims no object without the audit keys', () => {
    expect(shipped('{"audit_category":"FAILED_LOGIN","user":"x"}\n').record.log_format).toBe('json');
  });
});
