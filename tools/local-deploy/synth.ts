// Synthesis the way the CDK CLI runs an app: the app command in a shell, told where to write
// (CDK_OUTDIR) and what context to use (CDK_CONTEXT_JSON). No AWS call, so it works offline.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { LocalDeployError } from './errors';

export interface SynthOptions {
  cwd: string;
  /** The app command, or a directory holding a cloud assembly (used as is, like `cdk --app cdk.out`). */
  app?: string;
  context: Record<string, string>;
  outdir: string;
  region: string;
  account: string;
}

export interface Synthesised {
  assemblyDir: string;
  /** False when --app named an existing cloud assembly. */
  synthesised: boolean;
}

/** What the CDK CLI adds to every app's context (aws-cdk toolkit-lib, contextFromSettings). */
const CLI_CONTEXT = {
  'aws:cdk:enable-path-metadata': true,
  'aws:cdk:enable-asset-metadata': true,
  'aws:cdk:version-reporting': true,
  'aws:cdk:bundling-stacks': ['**'],
  '@aws-cdk/core:failSynthOnValidationErrors': false,
};

const APP_COMMAND = 'the command that runs your CDK app (e.g. "node bin/app.js", "npx ts-node --prefer-ts-exts bin/app.ts", "python3 app.py")';
const APP_EXAMPLES = `${APP_COMMAND}, or the directory of a cloud assembly that \`cdk synth\` wrote (e.g. cdk.out)`;

export async function synthesise(options: SynthOptions): Promise<Synthesised> {
  const cdkJsonFile = path.join(options.cwd, 'cdk.json');
  const cdkJson = readJson(cdkJsonFile);
  const app = options.app ?? appOf(cdkJsonFile, cdkJson);
  const named = options.app !== undefined ? `--app ${JSON.stringify(app)}` : `the "app" of ${cdkJsonFile} (${JSON.stringify(app)})`;
  const asDir = path.resolve(options.cwd, app);
  if (fs.existsSync(asDir) && fs.statSync(asDir).isDirectory()) {
    if (!fs.existsSync(path.join(asDir, 'manifest.json'))) {
      throw new LocalDeployError(`${named} is a directory but not a cloud assembly (it has no manifest.json): give ${APP_EXAMPLES}`);
    }
    return { assemblyDir: asDir, synthesised: false };
  }

  const context = {
    ...(isRecord(cdkJson?.context) ? cdkJson.context : {}),
    ...(readJson(path.join(options.cwd, 'cdk.context.json')) ?? {}),
    ...options.context,
    ...CLI_CONTEXT,
  };
  fs.mkdirSync(options.outdir, { recursive: true });
  // A stale manifest would pass for the output of an app that wrote none.
  fs.rmSync(path.join(options.outdir, 'manifest.json'), { force: true });
  const { failure, code, output } = await run(commandLine(app, options.cwd), options.cwd, {
    ...process.env,
    CDK_OUTDIR: options.outdir,
    CDK_CONTEXT_JSON: JSON.stringify(context),
    CDK_DEFAULT_REGION: options.region,
    CDK_DEFAULT_ACCOUNT: options.account,
  });
  if (failure) {
    // The shell's codes for a command it could not find (127) or run (126).
    const hint = code === 127 || code === 126 ? `\n${named} must be ${APP_EXAMPLES}, run in ${options.cwd}` : '';
    throw new LocalDeployError(`The CDK app failed to synthesise: \`${app}\` ${failure}${output.trim() ? `:\n${indent(output.trim())}` : ' and printed nothing'}${hint}`);
  }
  if (!fs.existsSync(path.join(options.outdir, 'manifest.json'))) {
    throw new LocalDeployError(`The CDK app \`${app}\` wrote no cloud assembly to ${options.outdir}: does it call app.synth()?`);
  }
  return { assemblyDir: options.outdir, synthesised: true };
}

function appOf(cdkJsonFile: string, cdkJson: Record<string, unknown> | undefined): string {
  if (!cdkJson) {
    throw new LocalDeployError(`No CDK app to synthesise: there is no ${path.basename(cdkJsonFile)} in ${path.dirname(cdkJsonFile)}. `
      + `Run this in your CDK project's directory (where cdk.json is), or pass --app: ${APP_EXAMPLES}`);
  }
  if (typeof cdkJson.app !== 'string' || cdkJson.app.trim() === '') {
    throw new LocalDeployError(`${cdkJsonFile} has no "app": add ${APP_COMMAND} as "app", or pass --app`);
  }
  return cdkJson.app;
}

/** As the CDK CLI runs an app: a JavaScript file that is not executable is run with node. */
function commandLine(app: string, cwd: string): string {
  const [first, ...rest] = app.trim().split(/\s+/);
  const file = path.resolve(cwd, first);
  if (path.extname(first) !== '.js' || !fs.existsSync(file) || !fs.statSync(file).isFile()) return app;
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return app;
  } catch {
    return [shellQuote(process.execPath), shellQuote(first), ...rest].join(' ');
  }
}

/** `failure` says how the command ended when it did not exit 0. */
function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ failure?: string; code?: number | null; output: string }> {
  return new Promise(resolve => {
    const child = spawn(command, { cwd, env, shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (c: Buffer) => { output += c.toString(); });
    child.stderr.on('data', (c: Buffer) => { output += c.toString(); });
    child.on('error', err => resolve({ failure: `could not start (${err.message})`, output }));
    child.on('close', (code, signal) => resolve({
      failure: signal ? `was killed by ${signal}` : code === 0 ? undefined : `exited with code ${code}`,
      code,
      output,
    }));
  });
}

function readJson(file: string): Record<string, unknown> | undefined {
  if (!fs.existsSync(file)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (err) {
    throw new LocalDeployError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function shellQuote(word: string): string {
  return /^[\w+=:,.@/-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

function indent(text: string): string {
  return text.split('\n').map(l => `    ${l}`).join('\n');
}
