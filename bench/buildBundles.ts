import { statSync } from 'node:fs';
import { join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/**
 * serverless.yml's `custom.esbuild.exclude`: the credential providers Lambda never reaches, the S3
 * client (the runtime's), the SDK's event-stream codec (no Firehose operation has an event stream).
 */
export const LAMBDA_EXCLUDE = [
  '@aws-sdk/credential-provider-http',
  '@aws-sdk/credential-provider-ini',
  '@aws-sdk/credential-provider-process',
  '@aws-sdk/credential-provider-sso',
  '@aws-sdk/credential-provider-web-identity',
  '@smithy/credential-provider-imds',
  '@aws-sdk/client-s3',
  '@smithy/core/event-streams',
];

/**
 * Options serverless-esbuild uses for the handler, as set under `custom.esbuild` in
 * serverless.yml: bundle, platform node, target node22, CommonJS, ES module entry points of
 * dependencies first, minified with names kept, the `exclude` list left out.
 */
const LAMBDA_BUILD: BuildOptions = {
  bundle: true,
  external: LAMBDA_EXCLUDE,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  mainFields: ['module', 'main'],
  minify: true,
  keepNames: true,
  sourcemap: false,
  logLevel: 'silent',
};

/** esbuild's defaults for platform node: CommonJS builds of dependencies, nothing minified. */
const DEFAULT_BUILD: BuildOptions = {
  ...LAMBDA_BUILD,
  external: [],
  mainFields: ['main', 'module'],
  minify: false,
  keepNames: false,
};

export interface Bundles {
  /** The measuring child process (`probe.ts`). */
  readonly probe: string;
  /** The handler with the AWS SDK inside the bundle. */
  readonly handlerSdkBundled: string;
  /** The handler with `@aws-sdk/*` left to the runtime (resolved from node_modules here). */
  readonly handlerSdkExternal: string;
  /** The handler with the AWS SDK inside, built with esbuild's defaults (CommonJS SDK, not minified). */
  readonly handlerSdkBundledDefault: string;
}

export function fileSize(path: string): number {
  return statSync(path).size;
}

/** Builds the probe and both variants of the handler into `outDir` (under the repository, so
 * `require('@aws-sdk/…')` of the external variant resolves from its node_modules). */
export async function buildBundles(root: string, outDir: string): Promise<Bundles> {
  const bundles: Bundles = {
    probe: join(outDir, 'probe.cjs'),
    handlerSdkBundled: join(outDir, 'sdk-bundled', 'forwarder.js'),
    handlerSdkExternal: join(outDir, 'sdk-external', 'forwarder.js'),
    handlerSdkBundledDefault: join(outDir, 'sdk-bundled-default', 'forwarder.js'),
  };
  const handler = join(root, 'functions', 'forwarder.ts');
  await Promise.all([
    // Not minified: the profile maps functions back to source files by the bundle's module comments.
    build({
      ...LAMBDA_BUILD,
      minify: false,
      entryPoints: [join(root, 'bench', 'probe.ts')],
      outfile: bundles.probe,
    }),
    build({ ...LAMBDA_BUILD, entryPoints: [handler], outfile: bundles.handlerSdkBundled }),
    build({
      ...LAMBDA_BUILD,
      entryPoints: [handler],
      outfile: bundles.handlerSdkExternal,
      external: ['@aws-sdk/*', ...LAMBDA_EXCLUDE],
    }),
    build({ ...DEFAULT_BUILD, entryPoints: [handler], outfile: bundles.handlerSdkBundledDefault }),
  ]);
  return bundles;
}
