// Runs localDeploy in-process with its output captured.
import { LocalDeployOptions, LocalDeployResult, localDeploy } from '../../tools/local-deploy';

export interface Run {
  result: LocalDeployResult;
  out: string;
  err: string;
}

export async function run(options: LocalDeployOptions): Promise<Run> {
  let out = '';
  let err = '';
  const result = await localDeploy({
    ...options,
    tty: false,
    stdout: { write: (s: string) => { out += s; } },
    stderr: { write: (s: string) => { err += s; } },
  });
  return { result, out, err };
}

/** The progress lines of one resource (by its display path), as "STATUS" strings; the failure summary left out. */
export function statuses(out: string, display: string): string[] {
  return out.split('\nFailed resources:\n')[0].split('\n')
    .map(l => l.split(' | '))
    .filter(cols => cols.length >= 6 && cols[5].startsWith(display))
    .map(cols => cols[3].trim());
}
