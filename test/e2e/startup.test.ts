import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { SAMPLES } from '../support/run-cli.ts';

const MAIN = new URL('../../src/cli/main.ts', import.meta.url).pathname;
const MODULES_PROBE = new URL('../support/modules-loaded.ts', import.meta.url).pathname;

/** Every module (ES module URL or CommonJS path) a CLI run loads, in a fresh process. */
function modulesLoaded(args: string[]): string[] {
  const log = join(tempDir('tightrole-modules-'), 'modules.log');
  const out = execFileSync(process.execPath, ['--import', 'tsx', MODULES_PROBE, ...args], {
    encoding: 'utf8',
    env: { ...process.env, MODULE_LOG: log, AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING: '1' },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return out.split('\n').filter(Boolean);
}

/** Modules only some runs need: each costs start-up (tens of ms) when loaded for nothing. */
const HEAVY: Record<string, RegExp> = {
  yaml: /node_modules\/yaml\//,
  ajv: /node_modules\/ajv\//,
  'the HCL parser': /node_modules\/@cdktf\/hcl2json\//,
  'the AWS SDK': /node_modules\/@aws-sdk\//,
};

/** Which of `names` (keys of HEAVY, or a pattern) the loaded list holds. */
function heavyIn(loaded: readonly string[], names: Record<string, RegExp>): string[] {
  return Object.entries(names)
    .filter(([, re]) => loaded.some((m) => re.test(m)))
    .map(([name]) => name);
}

/** AWS SDK modules a CLI run loads, counted in a fresh process. */
function sdkModulesLoaded(args: string[]): number {
  return modulesLoaded(args).filter((m) => m.includes('@aws-sdk')).length;
}

describe('e2e: start-up loads only what the run uses', () => {
  it('--version loads the flag parser and the flag declarations, no catalog, ingest or heavy library', function () {
    this.timeout(60_000);
    const loaded = modulesLoaded(['--version']);
    const eager = {
      ...HEAVY,
      'the IAM catalog data': /node_modules\/@cloud-copilot\/iam-data\//,
      // reduce/options.ts (the defaults --help shows) is the one core module flag declarations need.
      'a use case or the core':
        /\/src\/(app|ingest|catalog|facts|sources|aws|diff|policy|audit)\/|\/src\/reduce\/(?!options\.ts$)/,
      "a command's run module": /\/src\/cli\/commands\/[a-z-]+-run\.ts$/,
    };
    expect(heavyIn(loaded, eager)).to.deep.equal([]);
    expect(loaded.some((m) => /node_modules\/yargs\//.test(m))).to.equal(true);
  });

  it('generate on local files, JSON out, loads none of yaml, ajv, the HCL parser, the AWS SDK', function () {
    this.timeout(60_000);
    const out = tempDir('tightrole-startup-');
    const loaded = modulesLoaded(['generate', '--cloudtrail', join(SAMPLES, 'cloudtrail'), '--out', out]);
    expect(heavyIn(loaded, HEAVY)).to.deep.equal([]);
    expect(loaded.some((m) => m.endsWith('/src/app/generate.ts'))).to.equal(true);
  });

  it('CloudFormation output does load yaml (the probe sees a library loaded on first use)', function () {
    this.timeout(60_000);
    const out = tempDir('tightrole-startup-');
    const args = ['generate', '--cloudtrail', join(SAMPLES, 'cloudtrail'), '--format', 'cloudformation'];
    expect(heavyIn(modulesLoaded([...args, '--out', out]), HEAVY)).to.deep.equal(['yaml']);
  });

  it('generate on local files never loads the AWS SDK (half a second of start-up)', function () {
    this.timeout(60_000);
    const out = tempDir('tightrole-startup-');
    expect(
      sdkModulesLoaded(['generate', '--cloudtrail', join(SAMPLES, 'cloudtrail'), '--out', out]),
    ).to.equal(0);
  });

  it('an s3:// path does load it (the probe can see the SDK)', function () {
    this.timeout(60_000);
    const args = ['generate', '--cloudtrail', 's3://bucket/AWSLogs/', '--endpoint-url', 'http://127.0.0.1:9'];
    expect(sdkModulesLoaded([...args, '--max-attempts', '1', '--no-cache'])).to.be.greaterThan(0);
  });

  it("the AWS SDK's multi-line Node version banner never buries tightrole's own message", function () {
    this.timeout(60_000);
    const env = { ...process.env };
    delete env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'];
    delete env['AWS_SDK_JS_SUPPRESS_NODE_VERSION_WARNING'];
    const script = `import { main } from ${JSON.stringify(MAIN)}; process.exitCode = await main(process.argv.slice(1));`;
    const args = ['generate', '--cloudtrail', 's3://bucket/AWSLogs/', '--endpoint-url', 'http://127.0.0.1:9'];
    const run = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script, ...args, '--max-attempts', '1', '--no-cache'],
      {
        encoding: 'utf8',
        env: { ...env, AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' },
      },
    );
    expect(run.status).to.equal(1);
    expect(run.stderr).not.to.include('NodeVersionSupportWarning');
    expect(run.stderr.trim().split('\n')).to.have.length(1);
    expect(run.stderr).to.match(/^tightrole: /);
  });
});
