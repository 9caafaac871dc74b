/** The default list, for every stage without its own. */
export const DEFAULT_LOG_GROUP_LIST = 'config/log-groups.yml';

/**
 * Which log group list a stage uses, relative to the service directory: the `logGroupsFile`
 * param when set, else `config/log-groups.<stage>.yml` when it exists, else
 * `config/log-groups.yml`. `exists` is asked about paths relative to the service directory.
 */
export function logGroupListFile(
  stage: string,
  logGroupsFile: string,
  exists: (path: string) => boolean,
): string {
  const chosen = logGroupsFile.trim();
  if (chosen !== '') return chosen;
  const perStage = `config/log-groups.${stage}.yml`;
  return exists(perStage) ? perStage : DEFAULT_LOG_GROUP_LIST;
}
