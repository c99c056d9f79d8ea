import { spawn, ChildProcess } from 'child_process';
import * as path from 'path';
import { ListPhoneNumberOrdersCommand, ChimeSDKVoiceClient } from '@aws-sdk/client-chime-sdk-voice';
import { credentials, raw } from './helpers';

const root = path.resolve(__dirname, '../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');

function run(args: string[]): { child: ChildProcess; output: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(tsx, ['emulator/cli.ts', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c) => (stdout += c));
  child.stderr!.on('data', (c) => (stderr += c));
  const output = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('exit', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, output };
}

function listening(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const timer = setTimeout(() => reject(new Error(`no listening line; got: ${seen}`)), 15_000);
    child.stdout!.on('data', (c) => {
      seen += c;
      const m = /Chime emulator listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(seen);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', () => reject(new Error(`exited early: ${seen}`)));
  });
}

describe('emulator: CLI', () => {
  test('starts, answers the SDK and the control API with its options applied, and stops on SIGTERM', async () => {
    const { child, output } = run(['--port', '0', '--seed', '1', '--max-page-size', '5', '--throttle-rate', '0', '--latency-ms', '0-1', '--default-api', 'chime-sdk-voice']);
    try {
      const url = await listening(child);
      const client = new ChimeSDKVoiceClient({ endpoint: url, region: 'us-east-1', credentials, maxAttempts: 1 });
      const out = await client.send(new ListPhoneNumberOrdersCommand({}));
      client.destroy();
      expect(out.PhoneNumberOrders).toEqual([]);
      const stats = JSON.parse((await raw(url, 'GET', '/_emulator/stats')).body);
      expect(stats).toMatchObject({ requests: 1, malformed: 0, faultsInjected: { latency: 1 } });
    } finally {
      child.kill('SIGTERM');
    }
    expect((await output).code).toBe(0);
  });

  test('--access-key replaces the accepted keys', async () => {
    const { child, output } = run(['--access-key', 'AKIACLITEST000000000:cli-secret']);
    try {
      const url = await listening(child);
      const client = (creds: { accessKeyId: string; secretAccessKey: string }) =>
        new ChimeSDKVoiceClient({ endpoint: url, region: 'us-east-1', credentials: creds, maxAttempts: 1 });
      const accepted = client({ accessKeyId: 'AKIACLITEST000000000', secretAccessKey: 'cli-secret' });
      const refused = client(credentials);
      try {
        expect((await accepted.send(new ListPhoneNumberOrdersCommand({}))).PhoneNumberOrders).toEqual([]);
        await expect(refused.send(new ListPhoneNumberOrdersCommand({}))).rejects.toMatchObject({ name: 'UnrecognizedClientException' });
      } finally {
        accepted.destroy();
        refused.destroy();
      }
    } finally {
      child.kill('SIGTERM');
    }
    expect((await output).code).toBe(0);
  });

  test('--help documents the options; unknown options are an error', async () => {
    const help = await run(['--help']).output;
    expect(help.code).toBe(0);
    for (const flag of ['--port', '--seed', '--order-delay-ms', '--throttle-rate', '--server-error-rate', '--drop-after-act-rate', '--latency-ms', '--max-page-size', '--state-file', '--default-api', '--access-key']) {
      expect(help.stdout).toContain(flag);
    }
    expect(help.stdout).toContain(credentials.accessKeyId);
    const bad = await run(['--bogus']).output;
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/unknown option '--bogus'/);
  });
});
