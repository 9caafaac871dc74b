import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SearchApplyError } from './errors.js';

/** The versioned search objects of deploy/search/, ready to send. */
export interface SearchObjects {
  /** Body of `PUT _index_template/<name>` (deploy/search/index-template.json). */
  readonly indexTemplate: IndexTemplate;
  /** Saved objects export (index pattern, saved search, visualization, dashboard), one JSON per line. */
  readonly savedObjects: readonly SavedObject[];
}

/** The parts of a composable index template this command reads or rewrites. */
export interface IndexTemplate {
  index_patterns: string[];
  [key: string]: unknown;
}

/** One line of a Kibana/OpenSearch Dashboards saved objects export. */
export interface SavedObject {
  type: string;
  id: string;
  attributes: Record<string, unknown>;
  references: { name: string; type: string; id: string }[];
}

/** Where the versioned objects live. */
export const SEARCH_OBJECTS_DIR = fileURLToPath(new URL('../../deploy/search/', import.meta.url));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseJson(text: string, where: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SearchApplyError(`${where}: not valid JSON`, { cause: error });
  }
}

/** Reads and checks deploy/search/index-template.json and deploy/search/saved-objects.ndjson. */
export function loadSearchObjects(dir: string = SEARCH_OBJECTS_DIR): SearchObjects {
  const templatePath = `${dir}/index-template.json`;
  const template = parseJson(readFileSync(templatePath, 'utf8'), templatePath);
  if (
    !isRecord(template) ||
    !Array.isArray(template.index_patterns) ||
    !template.index_patterns.every((pattern) => typeof pattern === 'string')
  ) {
    throw new SearchApplyError(`${templatePath}: expected an index template with index_patterns`);
  }
  const savedObjectsPath = `${dir}/saved-objects.ndjson`;
  const savedObjects = readFileSync(savedObjectsPath, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const where = `${savedObjectsPath} line ${index + 1}`;
      const object = parseJson(line, where);
      if (
        !isRecord(object) ||
        typeof object.type !== 'string' ||
        typeof object.id !== 'string' ||
        !isRecord(object.attributes) ||
        !Array.isArray(object.references)
      ) {
        throw new SearchApplyError(`${where}: expected a saved object with type, id, attributes, references`);
      }
      return object as unknown as SavedObject;
    });
  return { indexTemplate: template as IndexTemplate, savedObjects };
}

/**
 * The objects for another Firehose index name than `logging-test`: the template and the index
 * pattern match `<indexName>-*` (Firehose's daily indices are `<indexName>-YYYY-MM-DD`).
 */
export function forIndexName(objects: SearchObjects, indexName: string): SearchObjects {
  const pattern = `${indexName}-*`;
  return {
    indexTemplate: { ...objects.indexTemplate, index_patterns: [pattern] },
    savedObjects: objects.savedObjects.map((object) =>
      object.type === 'index-pattern'
        ? { ...object, attributes: { ...object.attributes, title: pattern } }
        : object,
    ),
  };
}
