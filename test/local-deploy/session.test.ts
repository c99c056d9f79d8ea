// A local deploy session: several deploys of one state directory with the functions kept warm in
// between, as Lambda keeps them (the chaos suite plays each run in one). A deploy without a
// session opens and closes its own, so its functions start cold every time.
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator, type Emulator } from '../../emulator';
import { openLocalSession } from '../../tools/local-deploy';
import { synthExample, tempDir, variant } from './example-app';
import { run } from './run';

let root: string;
let assembly: string;
let emulator: Emulator;

beforeAll(async () => {
  root = tempDir('session-');
  [assembly, emulator] = await Promise.all([synthExample(path.join(root, 'base.out')), startEmulator({ seed: 3 })]);
}, 120_000);
afterAll(async () => {
  await emulator?.close();
  fs.rmSync(root, { recursive: true, force: true });
});

/** Cold starts so far: the INIT_START platform records of the run's log file. */
const coldStarts = (logFile: string) => fs.readFileSync(logFile, 'utf8').split('\n').filter(l => l.includes('"type":"platform.initStart"')).length;

test('deploys through one session reuse warm functions and hold the state directory; without it each deploy starts cold', async () => {
  const stateDir = path.join(root, 'state');
  const logFile = path.join(stateDir, 'lambda.log');
  const withNumber = (n: string) => variant(assembly, path.join(root, `v${n}.out`), order => {
    (order.Properties as { E164PhoneNumbers: string[] }).E164PhoneNumbers.push(n);
  });
  const session = await openLocalSession({ stateDir, endpoint: emulator.url, queryIntervalMs: 50 });
  try {
    expect((await run({ app: assembly, session })).result.exitCode).toBe(0);
    const afterCreate = coldStarts(logFile);
    expect(afterCreate).toBeGreaterThan(0);
    const update = await run({ app: withNumber('+12065550188'), session });
    expect(update.result.exitCode).toBe(0);
    expect(update.result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Update SUCCESS']);
    expect(coldStarts(logFile)).toBe(afterCreate);
    // The session holds the state directory: another local deploy is refused, not interleaved.
    const other = await run({ app: assembly, stateDir, endpoint: emulator.url });
    expect(other.result.exitCode).not.toBe(0);
    expect(other.err).toMatch(/Another local deploy \(pid \d+\) is using/);
  } finally {
    await session.close();
  }
  const cold = coldStarts(logFile);
  const alone = await run({ app: withNumber('+12065550189'), stateDir, endpoint: emulator.url, queryIntervalMs: 50 });
  expect(alone.result.exitCode).toBe(0);
  expect(coldStarts(logFile)).toBeGreaterThan(cold);
}, 180_000);
