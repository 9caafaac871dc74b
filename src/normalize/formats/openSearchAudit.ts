import { without } from '../fields.js';
import type { JsonFormat, ParsedLine } from '../logFormat.js';
import type { LevelName } from '../record.js';

/**
 * Amazon OpenSearch Service's audit logs (fine-grained access control), as the service publishes
 * them to CloudWatch Logs: one JSON object per event, the Security plugin's `AuditMessage` keys,
 * `{"audit_cluster_name":"824471164578:audit-test","audit_node_name":…,"audit_category":"COMPLIANCE_DOC_WRITE",
 * "audit_request_origin":"REST","@timestamp":"2020-08-23T05:28:02.285+00:00","audit_format_version":4,
 * "audit_request_effective_user":"admin",…}`. Checked against the developer guide's samples
 * (awsdocs/amazon-opensearch-service-developer-guide doc_source/audit-logs.md, "Audit log
 * example") and the field reference (docs.opensearch.org security/audit-logs/field-reference;
 * opensearch-project/security AuditMessage.java for the key names).
 *
 * Read: the record is named after the domain it came from, `audit_cluster_name`
 * (`<account>:<domain>`, as CloudTrail's records are named after their service); without it, after
 * the log group. The message says what happened and to whom: the category, the compliance
 * operation, the effective user, then the REST method and path, else the privilege the transport
 * request needed (else its action, else its type), then the indices
 * (`FAILED_LOGIN golfer GET /_plugins/_security/authinfo`, `MISSING_PRIVILEGES test cluster:monitor/main`,
 * `COMPLIANCE_DOC_WRITE CREATE admin accounts`). Level: a refused or broken request
 * (`FAILED_LOGIN`, `MISSING_PRIVILEGES`, `BAD_HEADERS`, `SSL_EXCEPTION`, an attempt on the
 * security index) is WARNING, as CloudTrail's denied calls are: the caller's doing, and ERROR
 * would fire on every probe; every other category INFO. `audit_request_exception_stacktrace`
 * (an SSL exception's stack) → exc_info; every other key is kept as it came.
 */

const NAME = 'opensearch-audit';

const REFUSED: ReadonlySet<string> = new Set([
  'FAILED_LOGIN',
  'MISSING_PRIVILEGES',
  'BAD_HEADERS',
  'SSL_EXCEPTION',
  'OPENSEARCH_SECURITY_INDEX_ATTEMPT',
  // Open Distro's name for the same category (domains before OpenSearch 1.0).
  'OPENDISTRO_SECURITY_INDEX_ATTEMPT',
]);
const STACK = 'audit_request_exception_stacktrace';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `audit_trace_resolved_indices` (else `audit_trace_indices`) as `a,b`. */
function indices(object: Record<string, unknown>): string | undefined {
  for (const key of ['audit_trace_resolved_indices', 'audit_trace_indices']) {
    const value = object[key];
    if (Array.isArray(value) && value.length > 0 && value.every((index) => typeof index === 'string'))
      return value.join(',');
  }
  return undefined;
}

export const openSearchAudit: JsonFormat = {
  name: NAME,
  parse(object): ParsedLine | undefined {
    const category = text(object.audit_category);
    if (category === undefined) return undefined;
    // Every audit message carries its format version and the layer it came from.
    if (
      !('audit_format_version' in object) &&
      !('audit_request_layer' in object) &&
      !('audit_request_origin' in object)
    )
      return undefined;
    const request =
      text(object.audit_rest_request_path) !== undefined
        ? [text(object.audit_rest_request_method), text(object.audit_rest_request_path)]
        : [
            text(object.audit_request_privilege) ??
              text(object.audit_transport_action) ??
              text(object.audit_transport_request_type),
          ];
    const parts = [
      category,
      text(object.audit_compliance_operation),
      text(object.audit_request_effective_user),
      ...request,
      indices(object),
    ].filter((part) => part !== undefined);
    const stack = text(object[STACK]);
    const fields = without(object, stack === undefined ? [] : [STACK]);
    const levelname: LevelName | undefined = REFUSED.has(category) ? 'WARNING' : undefined;
    return {
      message: parts.join(' '),
      levelname,
      name: text(object.audit_cluster_name),
      exc_info: stack?.trimEnd(),
      fields,
    };
  },
};
