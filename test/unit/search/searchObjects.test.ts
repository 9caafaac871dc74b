import { describe, expect, it } from 'vitest';
import { RESERVED_KEYS } from '../../../src/normalize/record.js';
import {
  forIndexName,
  loadSearchObjects,
  type SavedObject,
} from '../../../scripts/search/loadSearchObjects.js';

const { indexTemplate, savedObjects } = loadSearchObjects();

interface Mapping {
  type?: string;
  format?: string;
  properties?: Record<string, Mapping>;
}
const template = indexTemplate as unknown as {
  index_patterns: string[];
  template: { settings: Record<string, unknown>; mappings: { properties: Record<string, Mapping> } };
};
const properties = template.template.mappings.properties;

function mappingOf(path: string): Mapping | undefined {
  const [head, ...rest] = path.split('.');
  let mapping = head === undefined ? undefined : properties[head];
  for (const key of rest) mapping = mapping?.properties?.[key];
  return mapping;
}

function objectOf(type: string): SavedObject {
  const found = savedObjects.find((object) => object.type === type);
  if (found === undefined) throw new Error(`no ${type} in saved-objects.ndjson`);
  return found;
}

function parsed(object: SavedObject, attribute: string): unknown {
  return JSON.parse(String(object.attributes[attribute]));
}

describe('deploy/search/index-template.json', () => {
  it('applies to the daily indices Firehose writes (logging-test-YYYY-MM-DD)', () => {
    expect(template.index_patterns).toEqual(['logging-test-*']);
  });

  it('maps asctime as a date in the record format, 2020-05-11T12:44:44+0000', () => {
    expect(mappingOf('asctime')?.type).toBe('date');
    expect(mappingOf('asctime')?.format?.split('||')).toContain("yyyy-MM-dd'T'HH:mm:ssZ");
  });

  it.each([
    ['@timestamp', 'date'],
    ['levelname', 'keyword'],
    ['name', 'keyword'],
    ['message', 'text'],
    ['exc_info', 'text'],
    ['aws_request_id', 'keyword'],
    ['log_format', 'keyword'],
    ['cloudwatch.logGroup', 'keyword'],
    ['cloudwatch.logStream', 'keyword'],
    ['cloudwatch.owner', 'keyword'],
    ['cloudwatch.id', 'keyword'],
    // The controls' fields (SPEC §6): the overflow searchable as text, the fold figures as
    // numbers whatever the first document of a day held (103 would map a long, 102.35 a float).
    ['fields_overflow', 'text'],
    ['function_version', 'keyword'],
    ['duration_ms', 'double'],
    ['billed_duration_ms', 'long'],
    ['init_duration_ms', 'double'],
  ])('maps %s as %s', (field, type) => {
    expect(mappingOf(field)?.type).toBe(type);
  });

  it('maps every field the forwarder itself sets (SPEC §3), leaving none to dynamic mapping', () => {
    const unmapped = [...RESERVED_KEYS].filter((key) => !(key in properties));
    expect(unmapped).toEqual([]);
  });

  it('caps the number of fields, so one noisy application cannot explode the mapping', () => {
    const limit = template.template.settings['index.mapping.total_fields.limit'];
    expect(typeof limit).toBe('number');
    expect(limit).toBeGreaterThan(Object.keys(properties).length);
  });
});

describe('deploy/search/saved-objects.ndjson', () => {
  it('has an index pattern logging-test-* with asctime as its time field', () => {
    expect(objectOf('index-pattern').attributes).toMatchObject({
      title: 'logging-test-*',
      timeFieldName: 'asctime',
    });
  });

  it('has a saved search showing level, logger, message and traceback, newest first', () => {
    const search = objectOf('search');
    expect(search.attributes.columns).toEqual(
      expect.arrayContaining(['levelname', 'name', 'message', 'exc_info']),
    );
    expect(search.attributes.sort).toEqual([['asctime', 'desc']]);
  });

  it('has a chart of errors over time split by function name', () => {
    const visualization = objectOf('visualization');
    const visState = parsed(visualization, 'visState') as {
      aggs: { type: string; params: { field?: string } }[];
    };
    const source = JSON.parse(
      String((visualization.attributes.kibanaSavedObjectMeta as Record<string, unknown>).searchSourceJSON),
    ) as { query: { query: string } };
    const buckets = visState.aggs.map((agg) => [agg.type, agg.params.field]);
    expect(buckets).toContainEqual(['date_histogram', 'asctime']);
    expect(buckets).toContainEqual(['terms', 'name']);
    expect(source.query.query).toContain('levelname:ERROR');
  });

  it('has a dashboard with the chart and the saved search', () => {
    const dashboard = objectOf('dashboard');
    const panels = parsed(dashboard, 'panelsJSON') as { panelRefName: string }[];
    const referenced = panels.map(
      (panel) => dashboard.references.find((ref) => ref.name === panel.panelRefName)?.type,
    );
    expect(referenced).toEqual(['visualization', 'search']);
  });

  it('references only objects the file itself contains', () => {
    const ids = new Set(savedObjects.map((object) => `${object.type}:${object.id}`));
    const dangling = savedObjects
      .flatMap((object) => object.references)
      .filter((ref) => !ids.has(`${ref.type}:${ref.id}`));
    expect(dangling).toEqual([]);
  });

  it('only shows or charts fields the index template maps', () => {
    const search = objectOf('search');
    const visState = parsed(objectOf('visualization'), 'visState') as {
      aggs: { params: { field?: string } }[];
    };
    const fields = [
      ...(search.attributes.columns as string[]),
      ...visState.aggs.flatMap((agg) => (agg.params.field === undefined ? [] : [agg.params.field])),
    ];
    expect(fields.filter((field) => mappingOf(field) === undefined)).toEqual([]);
  });
});

describe('forIndexName', () => {
  it('points the template and the index pattern at another Firehose index name', () => {
    const renamed = forIndexName({ indexTemplate, savedObjects }, 'app-logs');
    expect(renamed.indexTemplate.index_patterns).toEqual(['app-logs-*']);
    expect(renamed.savedObjects.find((object) => object.type === 'index-pattern')?.attributes.title).toBe(
      'app-logs-*',
    );
  });
});
