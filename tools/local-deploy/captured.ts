// localDeploy with its output captured instead of printed, for tools and tests that drive it in-process.
import { type LocalDeployOptions, type LocalDeployResult, localDeploy } from './local-deploy';

export interface CapturedDeploy {
  result: LocalDeployResult;
  out: string;
  err: string;
}

export async function localDeployCaptured(options: LocalDeployOptions): Promise<CapturedDeploy> {
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
