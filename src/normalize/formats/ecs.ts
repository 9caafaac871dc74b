import { toLevelName } from '../levels.js';
import type { JsonFormat, ParsedLine } from '../logFormat.js';
import {
  isObject,
  lambdaErrorStack,
  messageText,
  stackText,
  without,
  withMessageObject,
  type JsonObject,
} from '../fields.js';
import { arrayFrames } from './powertoolsJava.js';

/**
 * Elastic's ECS logging (ecs-logging-java, -python, -nodejs, -dotnet, -go, -ruby, -php; also
 * Powertools for Java's `LambdaEcsLayout.json`): `{"@timestamp":"2023-11-01T10:47:57.081Z",
 * "log.level":"info","message":"…","ecs.version":"1.2.0","log.logger":"app","service.name":"…",
 * "process.thread.name":"main","error.type"?,"error.message"?,"error.stack_trace"?, …}`. The spec
 * puts `@timestamp`, `log.level`, `message` first and lets every other field be written either
 * dotted (`"log.logger":"app"`) or nested (`"log":{"logger":"app"}`); both are read. `log.level`
 * is the level, `log.logger` the name, `error.stack_trace` exc_info: as written when it carries
 * the error's own line (Java, Node.js), headed by `error.type: error.message` when it does not
 * (.NET frames), and as Python prints a traceback when it is `traceback.format_tb`'s frames
 * (ecs-logging-python), and headed by `error.message` when it is ecszap's (Go) frames, each after a
 * line break (`%+v` of pkg/errors' `StackTrace`). `error.type` and `error.message` stay fields.
 * `faas.execution` (the id of the function's execution, Lambda's request id) is the request id.
 * Powertools for Java's `LambdaEcsEncoder` without a throwable converter writes the frames as
 * `Arrays.toString` does (`[a.B.c(B.java:1), …]`): they are written as Java prints a stack.
 * The spec asks for `log.level` dotted, but Kibana's own JSON layout (`log: { level, logger }`,
 * `error: { message, type, stack_trace }`, `ecs: { version }`) and Spring Boot 3.5's `ecs`
 * structured format write every field nested, `log.level` too, and hand-rolled ECS often has no
 * `ecs.version`. A nested level is read like the dotted one but stays in its `log` object: it is
 * a member of that object, not the line's own level column, so its spelling is kept (SPEC §3).
 * Recognised by `ecs.version` (every ECS logger writes it), or by `log.level` (dotted or nested)
 * beside `@timestamp`.
 * Checked against elastic/ecs-logging spec/spec.json and elastic/ecs-logging-python
 * (ecs_logging/_stdlib.py `format_to_ecs`, `_record_error_stack`), ecs-logging-java README,
 * elastic/kibana src/core/server/logging/layouts/json_layout.ts (`format`,
 * `errorToSerializableObject`), spring-projects/spring-boot logback
 * ElasticCommonSchemaStructuredLogFormatter.java (3.5) and issue #45063, elastic/ecs-logging-go-zap
 * docs/reference/setup.md ("Log errors") and error.go, aws-powertools/powertools-lambda-java
 * powertools-logging-log4j LambdaEcsLayout.json and powertools-logging-logback LambdaEcsEncoder.java.
 */

/** `object["a.b"]`, else `object.a.b`. */
function at(object: JsonObject, parent: string, child: string): unknown {
  const dotted = object[`${parent}.${child}`];
  if (dotted !== undefined) return dotted;
  const nested = object[parent];
  return isObject(nested) ? nested[child] : undefined;
}

/** `fields` without `a.b`, wherever {@link at} found it. */
function removeAt(fields: JsonObject | undefined, parent: string, child: string): JsonObject | undefined {
  if (fields === undefined) return undefined;
  const dotted = `${parent}.${child}`;
  if (fields[dotted] !== undefined) return without(fields, [dotted]);
  const nested = fields[parent];
  if (!isObject(nested)) return fields;
  const rest = without(nested, [child]);
  if (rest === undefined) return without(fields, [parent]);
  fields[parent] = rest;
  return fields;
}

function isEcs(object: JsonObject): boolean {
  if (object['ecs.version'] !== undefined || (isObject(object.ecs) && object.ecs.version !== undefined))
    return true;
  return typeof at(object, 'log', 'level') === 'string' && typeof object['@timestamp'] === 'string';
}

/** The stack of an ECS error as the language prints it (see the format's comment). */
function errorStack(stack: string, type: unknown, message: unknown): string {
  if (stack.startsWith('  File "')) {
    return lambdaErrorStack({ errorType: type, errorMessage: message, stackTrace: [stack] }) ?? stack;
  }
  const text = messageText(message);
  if (stack.startsWith('\n')) {
    // ecszap (Go): pkg/errors' `StackTrace` written with `%+v`, every frame after a line break;
    // headed by the error's `Error()` text, as `%+v` of the error prints it.
    const frames = stack.replace(/^\n+/, '');
    return text === '' ? frames : `${text}\n${frames}`;
  }
  const frames = typeof type === 'string' && type !== '' ? arrayFrames(stack) : undefined;
  if (frames !== undefined && frames.every((frame) => frame.endsWith(')') && frame.includes('('))) {
    // Powertools for Java's LambdaEcsEncoder without a throwable converter:
    // `Arrays.toString(getStackTrace())`, written as Java prints a stack.
    const head = text === '' ? (type as string) : `${type as string}: ${text}`;
    return [head, ...frames.map((frame) => `\tat ${frame}`)].join('\n');
  }
  const newline = stack.indexOf('\n');
  const firstLine = newline < 0 ? stack : stack.slice(0, newline);
  if (typeof type !== 'string' || type === '' || firstLine.includes(type)) return stack;
  return `${text === '' ? type : `${type}: ${text}`}\n${stack}`;
}

export const ecs: JsonFormat = {
  name: 'ecs',
  parse(object): ParsedLine | undefined {
    if (!isEcs(object)) return undefined;
    const consumed: string[] = [];
    if (object.message !== undefined) consumed.push('message');
    let fields = without(object, consumed);
    const levelname = toLevelName(at(object, 'log', 'level'));
    // Only the dotted level is the line's level column; a nested one stays in `log` (see above).
    if (levelname !== undefined && object['log.level'] !== undefined)
      fields = removeAt(fields, 'log', 'level');
    const logger = at(object, 'log', 'logger');
    const name = typeof logger === 'string' && logger !== '' ? logger : undefined;
    if (name !== undefined) fields = removeAt(fields, 'log', 'logger');
    // ECS `faas.execution`, the id of the function's execution: a Lambda function's request id
    // (Powertools for Java's LambdaEcsEncoder and LambdaEcsLayout.json write it there).
    const execution = at(object, 'faas', 'execution');
    const aws_request_id = typeof execution === 'string' && execution !== '' ? execution : undefined;
    if (aws_request_id !== undefined) fields = removeAt(fields, 'faas', 'execution');
    const stack = stackText(at(object, 'error', 'stack_trace'));
    const type = at(object, 'error', 'type');
    const errorMessage = at(object, 'error', 'message');
    const exc_info = stack === undefined ? undefined : errorStack(stack, type, errorMessage);
    if (exc_info !== undefined) fields = removeAt(fields, 'error', 'stack_trace');
    let text = messageText(object.message);
    // An error logged without a message of its own: the error's message is the line's.
    if (text === '' && exc_info !== undefined) text = messageText(errorMessage);
    return {
      message: text,
      levelname: levelname ?? (exc_info === undefined ? undefined : 'ERROR'),
      name,
      exc_info,
      aws_request_id,
      fields: withMessageObject(fields, object.message),
    };
  },
};
