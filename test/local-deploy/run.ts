// Runs localDeploy in-process with its output captured.
import { type CapturedDeploy, localDeployCaptured } from '../../tools/local-deploy';

export type Run = CapturedDeploy;
export const run = localDeployCaptured;

/** The progress lines of one resource (by its display path), as "STATUS" strings; the failure summary left out. */
export function statuses(out: string, display: string): string[] {
  return out.split('\nFailed resources:\n')[0].split('\n')
    .map(l => l.split(' | '))
    .filter(cols => cols.length >= 6 && cols[5].startsWith(display))
    .map(cols => cols[3].trim());
}
