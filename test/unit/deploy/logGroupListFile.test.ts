import { describe, expect, it } from 'vitest';
import { logGroupListFile } from '../../../config/logGroupListFile.js';

const existing =
  (...paths: string[]) =>
  (path: string) =>
    paths.includes(path);

describe('logGroupListFile', () => {
  it('uses config/log-groups.yml for a stage without its own list', () => {
    expect(logGroupListFile('dev', '', existing('config/log-groups.yml'))).toBe('config/log-groups.yml');
  });

  it("uses the stage's own list when config/log-groups.<stage>.yml exists", () => {
    expect(logGroupListFile('prod', '', existing('config/log-groups.prod.yml'))).toBe(
      'config/log-groups.prod.yml',
    );
  });

  it('uses the logGroupsFile param over any per-stage list', () => {
    expect(logGroupListFile('prod', ' lists/prod.yml ', existing('config/log-groups.prod.yml'))).toBe(
      'lists/prod.yml',
    );
  });
});
