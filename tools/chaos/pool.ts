// Runs the specs over `concurrency` worker processes, each playing one run at a time, and
// scans everything the workers print (the functions log to each run's lambda.log, scanned by the run).
import { fork } from 'child_process';
import * as path from 'path';
import * as readline from 'readline';
import type { Readable } from 'stream';
import { DEFAULT_CREDENTIALS } from '../../emulator';
import { LogScanner, type LogFigures } from './log-scan';
import type { FromWorker, ToWorker } from './protocol';
import type { RunResult, RunSpec } from './types';

const ROOT = path.resolve(__dirname, '..', '..');
const WORKER = path.join(__dirname, 'worker.ts');
/** The dummy pair the emulator verifies signatures with. The log scan looks for them. */
const { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_ACCESS_KEY } = DEFAULT_CREDENTIALS;
const STOP_GRACE_MS = 5_000;

export interface PoolOutput {
  readonly results: RunResult[];
  /** Failures of the chaos machinery itself (a worker that crashed or could not start). */
  readonly errors: string[];
  readonly logs: LogFigures;
}

export async function runInWorkers(specs: RunSpec[], concurrency: number, onResult?: (r: RunResult) => void): Promise<PoolOutput> {
  const queue = [...specs];
  const results: RunResult[] = [];
  const errors: string[] = [];
  const scanner = new LogScanner([ACCESS_KEY_ID, SECRET_ACCESS_KEY]);

  /** One process; resolves when it has exited. False when it never came up (do not respawn). */
  const serve = () => new Promise<boolean>(resolve => {
    const child = fork(WORKER, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], env: workerEnv(), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    let ready = false;
    let inFlight: RunSpec | undefined;
    const send = (msg: ToWorker) => child.connected && child.send(msg);
    const next = () => {
      inFlight = queue.shift();
      if (inFlight) return void send({ type: 'run', spec: inFlight });
      send({ type: 'stop' });
      setTimeout(() => child.kill(), STOP_GRACE_MS).unref();
    };
    child.on('message', (msg: FromWorker) => {
      if (msg.type === 'ready') {
        ready = true;
        return next();
      }
      inFlight = undefined;
      if (msg.type === 'error') {
        errors.push(`run ${msg.index}: the chaos runner failed: ${msg.message}`);
        return next();
      }
      results.push(msg.result);
      onResult?.(msg.result);
      next();
    });
    const streams = [scan(child.stdout, scanner), scan(child.stderr, scanner)];
    child.on('close', (code, signal) => {
      if (inFlight) errors.push(`run ${inFlight.index}: the worker exited (${signal ?? code}) before answering`);
      if (!ready) errors.push(`a worker process did not start (${signal ?? code})`);
      void Promise.all(streams).then(() => resolve(ready));
    });
    child.on('error', err => errors.push(`worker process: ${err.message}`));
  });

  const lane = async () => {
    while (queue.length > 0 && (await serve()));
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, specs.length)) }, lane));
  for (const spec of queue) errors.push(`run ${spec.index}: never played (no worker left)`);
  return { results: results.sort((a, b) => a.index - b.index), errors, logs: scanner.figures };
}

function scan(stream: Readable | null, scanner: LogScanner): Promise<void> {
  if (!stream) return Promise.resolve();
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  lines.on('line', line => scanner.add(line));
  return new Promise(resolve => lines.once('close', () => resolve()));
}

function workerEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
    AWS_REGION: 'us-east-1',
    // Never read a real profile or instance metadata: the workers talk to the emulator only.
    AWS_CONFIG_FILE: path.join(ROOT, 'tools', 'chaos', 'no-such-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: path.join(ROOT, 'tools', 'chaos', 'no-such-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  // Handler logs must reach stdout as JSON lines, as outside Lambda; no inherited session or profile.
  for (const key of ['AWS_LAMBDA_LOG_FORMAT', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_DEFAULT_PROFILE']) delete env[key];
  return env;
}
