/**
 * The `log_format` names of the format families added beside the Lambda ones, listed once for
 * the tests that walk their fixture files and samples (SPEC §3's second paragraph).
 */

/** AWS services' own logs and container lines written through the `awslogs` driver. */
export const SERVICE_AND_CONTAINER_FORMATS = [
  'api-gateway-access',
  'api-gateway-execution',
  'step-functions',
  'cloudtrail',
  'rds-postgresql',
  'rds-mysql',
  'rds-mysql-slow',
  'rds-mysql-general',
  'rds-mysql-audit',
  'vpc-flow-logs',
  'access-log',
  'nginx-error',
  'gunicorn',
  'uvicorn',
  'tomcat',
  'jul-simple',
  'elixir-logger',
  'spark-log4j',
] as const;

/** The JSON conventions (formats/serilogClef.ts … powertoolsDotnet.ts), text variants included. */
export const JSON_CONVENTION_FORMATS = [
  'serilog-clef',
  'ecs',
  'logstash-logback',
  'logback-json',
  'structlog',
  'loguru',
  'go-slog',
  'rust-tracing-json',
  'monolog',
  'powertools-java',
  'powertools-dotnet',
  'gelf',
] as const;
