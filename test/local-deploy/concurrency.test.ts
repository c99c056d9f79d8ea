// Several orders sharing the stack's provider deploy at once, as CloudFormation deploys independent
// resources: their handler invocations overlap in time (from the handler log's platform records).
import * as fs from 'fs';
import * as path from 'path';
import { startEmulator, type Emulator } from '../../emulator';
import { synthesise } from '../../tools/local-deploy/synth';
import { invocations } from '../lifecycle/support';
import { ROOT, tempDir } from './example-app';
import { run } from './run';

const SETS = [['+12065550110', '+12065550111'], ['+12065550120', '+12065550121'], ['+12065550130', '+12065550131']];
jest.setTimeout(120_000);

let root: string;
let emulator: Emulator;
beforeAll(async () => { root = tempDir('local-deploy-orders-'); }, 180_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));
beforeEach(async () => { emulator = await startEmulator({ orderDelayMs: 2_000 }); });
afterEach(async () => {
  expect(emulator.stats().malformedDetails).toEqual([]);
  await emulator.close();
});

test('three orders of one stack: created at once, their onEvent invocations overlapping, one order each', async () => {
  const { assemblyDir } = await synthesise({
    cwd: ROOT, app: `"${process.execPath}" --import tsx test/local-deploy/apps/orders-app.ts`, context: { orders: SETS.map(s => s.join(',')).join(';') },
    outdir: path.join(root, 'orders.out'), region: 'us-east-1', account: '123456789012',
  });
  const stateDir = path.join(root, 'state');
  const { result, out, err } = await run({ app: assemblyDir, stateDir, endpoint: emulator.url, queryIntervalMs: 50 });
  expect({ exit: result.exitCode, err }).toEqual({ exit: 0, err: '' });
  expect(result.stacks[0].status).toBe('CREATE_COMPLETE');

  const onEvents = invocations(path.join(stateDir, 'lambda.log'), /PhoneNumberOrderProviderOnE/);
  expect(onEvents).toHaveLength(3);
  // Every one started before any of them ended: all three at work at once.
  expect(Math.max(...onEvents.map(i => i.start))).toBeLessThan(Math.min(...onEvents.map(i => i.end)));

  // The progress shows them as they happen: all three in progress before the first completes.
  const lines = out.split('\n').filter(l => /Custom::ChimePhoneNumberOrder/.test(l)).map(l => l.split(' | ')[3].trim());
  expect(lines.slice(0, 3)).toEqual(['CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS', 'CREATE_IN_PROGRESS']);

  const orders = emulator.orders().filter(o => !o.Unrelated).map(o => o.OrderedPhoneNumbers.map(n => n.E164PhoneNumber).sort());
  expect(orders.sort()).toEqual(SETS);
  expect(emulator.phoneNumbers().filter(n => n.Status !== 'DeleteInProgress').map(n => n.E164PhoneNumber).sort()).toEqual(SETS.flat());
  const outputs = Object.entries(result.outputs.PhoneNumberOrders).filter(([k]) => k.includes('PhoneNumbers')).map(([, v]) => v).sort();
  expect(outputs).toEqual(SETS.map(s => s.join(',')));
});
