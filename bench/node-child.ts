import { execFile } from 'child_process';
import { ROOT } from './paths';

export const MARKER = 'BENCH_RESULT ';

/** Prints a child's result on its own marked line, so stray output from the code under test cannot corrupt it. */
export function reportToParent(result: object): void {
  process.stdout.write(`\n${MARKER}${JSON.stringify(result)}\n`);
}

/** Runs `node args...` in a fresh process from the project root and returns the result it reported. */
export function runNode<T>(args: string[], env: NodeJS.ProcessEnv = {}): Promise<T> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const line = stdout.split('\n').find(l => l.startsWith(MARKER));
      if (err || !line) {
        reject(new Error(`node ${args.join(' ')} failed: ${err?.message ?? 'no result'}\n${stderr.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(MARKER.length)) as T);
    });
  });
}
