import * as fs from 'fs';
import * as path from 'path';
import { Emulator, startEmulator } from '../../emulator';
import { HELD_STATUSES, ROOT, STACK, held, inventory, markUnavailable, orderResource, synthExample, tempDir, variant } from './example-app';
import { run, statuses } from './run';

const NUMBERS = ['+12065550100', '+12065550101'];
const EXTRA = '+12065550102';
const SYNTH_TIMEOUT = 180_000;

describe('the example stack, deployed locally', () => {
  let root: string;
  let assembly: string;
  beforeAll(async () => {
    root = tempDir('local-deploy-example-');
    assembly = await synthExample(path.join(root, 'default.out'));
  }, SYNTH_TIMEOUT);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  describe('lifecycle against the embedded emulator (DeletionPolicy RetainExceptOnCreate)', () => {
    let stateDir: string;
    let emulatorFile: string;
    let orderId: string;
    beforeAll(() => {
      stateDir = path.join(root, 'lifecycle');
      emulatorFile = path.join(stateDir, 'emulator.json');
    });
    const record = () => JSON.parse(fs.readFileSync(path.join(stateDir, 'stacks', `${STACK}.json`), 'utf8'));

    test('create orders the numbers and prints the outputs', async () => {
      const outputsFile = path.join(root, 'outputs.json');
      const { result, out } = await run({ app: assembly, stateDir, outputsFile });
      expect(result.exitCode).toBe(0);
      expect(result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Create SUCCESS']);
      const outputs = result.outputs[STACK];
      const [phoneKey] = Object.keys(outputs).filter(k => k.includes('PhoneNumbers'));
      const [orderKey] = Object.keys(outputs).filter(k => k.includes('OrderId'));
      expect(outputs[phoneKey]).toBe(NUMBERS.join(','));
      orderId = outputs[orderKey];
      expect(JSON.parse(fs.readFileSync(outputsFile, 'utf8'))).toEqual({ [STACK]: outputs });
      expect(out).toContain(`${STACK}.${phoneKey} = ${NUMBERS.join(',')}`);
      expect(statuses(out, 'Numbers/Resource/Default')).toEqual(['CREATE_IN_PROGRESS', 'CREATE_COMPLETE']);
      expect(held(await inventory(emulatorFile))).toEqual(NUMBERS);
      // The handler logged to the state directory, JSON lines with numbers masked, not to the summary.
      const log = fs.readFileSync(result.logFile, 'utf8');
      expect(log).toMatch(/"level":"INFO","requestId":"[0-9a-f-]{36}","message":\{/);
      expect(log).not.toContain('+12065550100');
      expect(out).not.toMatch(/"level":/);
      expect(record().resources[orderResource(record().template)[0]].properties).toMatchObject({ AllowPartial: 'false', E164PhoneNumbers: NUMBERS });
    });

    test('deploying the same assembly again sends nothing', async () => {
      const { result, out } = await run({ app: assembly, stateDir });
      expect(result.exitCode).toBe(0);
      expect(result.events).toEqual([]);
      expect(out).toContain(`${STACK} (no changes)`);
    });

    test('changing context (allowPartial) synthesises the app and sends one Update, same order', async () => {
      const { result, out } = await run({ cwd: ROOT, stateDir, context: { allowPartial: 'true' } });
      expect(result.exitCode).toBe(0);
      expect(out).toMatch(/✨ {2}Synthesis time: /);
      expect(result.events.map(e => `${e.requestType} ${e.physicalResourceId} ${e.status}`)).toEqual([`Update ${orderId} SUCCESS`]);
      expect(Object.values(result.outputs[STACK])).toContain(orderId);
      expect(held(await inventory(emulatorFile))).toEqual(NUMBERS);
    }, SYNTH_TIMEOUT);

    test('an update whose order fails rolls back to the deployed properties and exits non-zero', async () => {
      await markUnavailable(emulatorFile, [EXTRA]);
      const more = variant(assembly, path.join(root, 'more.out'), r => { (r.Properties!.E164PhoneNumbers as string[]).push(EXTRA); });
      const { result, out, err } = await run({ app: more, stateDir });
      expect(result.exitCode).toBe(1);
      expect(result.stacks[0].status).toBe('UPDATE_ROLLBACK_COMPLETE');
      expect(result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Update FAILED', 'Update SUCCESS']);
      expect(statuses(out, 'Numbers/Resource/Default')).toEqual(['UPDATE_IN_PROGRESS', 'UPDATE_FAILED', 'UPDATE_IN_PROGRESS', 'UPDATE_COMPLETE']);
      expect(err).toMatch(/UPDATE_ROLLBACK_COMPLETE: Numbers\w+ UPDATE_FAILED: Received response status \[FAILED\] from custom resource\. Message returned: /);
      const order = record().resources[orderResource(record().template)[0]];
      expect(order.properties).toMatchObject({ E164PhoneNumbers: NUMBERS, AllowPartial: 'true' });
      expect(held(await inventory(emulatorFile))).toEqual(NUMBERS);
    });

    test('--rehearse-rollback updates, then sends the old properties back', async () => {
      const { result } = await run({ app: assembly, stateDir, rehearseRollback: true });
      expect(result.exitCode).toBe(0);
      expect(result.stacks[0]).toMatchObject({ status: 'UPDATE_ROLLBACK_COMPLETE', rehearsed: true });
      expect(result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Update SUCCESS', 'Update SUCCESS']);
      const order = record().resources[orderResource(record().template)[0]];
      expect(order.properties.AllowPartial).toBe('true');
      expect(held(await inventory(emulatorFile))).toEqual(NUMBERS);
    });

    test('destroy sends no Delete under RetainExceptOnCreate: the numbers stay', async () => {
      const { result, out } = await run({ destroy: true, stateDir });
      expect(result.exitCode).toBe(0);
      expect(result.events).toEqual([]);
      expect(statuses(out, 'Numbers/Resource/Default')).toEqual(['DELETE_SKIPPED']);
      expect(fs.existsSync(path.join(stateDir, 'stacks', `${STACK}.json`))).toBe(false);
      expect(held(await inventory(emulatorFile))).toEqual(NUMBERS);
    });
  });

  test('with DeletionPolicy Delete, destroy releases the numbers', async () => {
    const stateDir = path.join(root, 'delete-policy');
    const deleting = variant(assembly, path.join(root, 'delete.out'), r => { r.DeletionPolicy = 'Delete'; });
    expect((await run({ app: deleting, stateDir })).result.exitCode).toBe(0);
    expect(held(await inventory(path.join(stateDir, 'emulator.json')))).toEqual(NUMBERS);
    const { result } = await run({ destroy: true, stateDir });
    expect(result.exitCode).toBe(0);
    expect(result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Delete SUCCESS']);
    const after = await inventory(path.join(stateDir, 'emulator.json'));
    expect(held(after)).toEqual([]);
    expect(Object.keys(after).sort()).toEqual(NUMBERS);
  });

  describe('against a separately started emulator (--endpoint)', () => {
    let emulator: Emulator;
    beforeEach(async () => { emulator = await startEmulator(); });
    afterEach(async () => { await emulator.close(); });
    const owned = () => emulator.phoneNumbers().filter(n => HELD_STATUSES.includes(n.Status)).map(n => n.E164PhoneNumber).sort();

    test('deploys through it, leaving the embedded emulator unused', async () => {
      const stateDir = path.join(root, 'endpoint');
      const { result, out } = await run({ app: assembly, stateDir, endpoint: emulator.url });
      expect(result.exitCode).toBe(0);
      expect(out).toContain(`Chime: endpoint ${emulator.url}/`);
      expect(owned()).toEqual(NUMBERS);
      expect(emulator.stats().malformed).toBe(0);
      expect(fs.existsSync(path.join(stateDir, 'emulator.json'))).toBe(false);
    });

    test('a create whose order is partial fails, rolls back, exits non-zero, and leaves nothing held', async () => {
      emulator.setUnavailable([NUMBERS[1]]);
      const stateDir = path.join(root, 'failed-create');
      const { result, out, err } = await run({ app: assembly, stateDir, endpoint: emulator.url });
      expect(result.exitCode).toBe(1);
      expect(result.stacks[0].status).toBe('ROLLBACK_COMPLETE');
      expect(out).toMatch(/CREATE_FAILED +\| Custom::ChimePhoneNumberOrder +\| Numbers\/Resource\/Default \(Numbers\w+\) Received response status \[FAILED\]/);
      expect(out).toMatch(/ROLLBACK_COMPLETE/);
      expect(err).toMatch(/ROLLBACK_COMPLETE: Numbers\w+ CREATE_FAILED: /);
      expect(result.events[0]).toMatchObject({ requestType: 'Create', status: 'FAILED' });
      // The reason is the Provider framework's own: the handler's message and the Logs: line. It comes from
      // isComplete (the order exists, so onEvent answered with its ID), and the handler keeps its minified
      // frames out of it.
      expect(result.events[0].reason).toMatch(/only partly filled.*\n\nLogs: \/aws\/lambda\/PhoneNumberOrderExample-PhoneNumberOrderProviderIsC\w*-\w+\n/s);
      expect(result.events[0].reason).not.toMatch(/\/var\/task\/index\.js/);
      expect(result.events[0].responseBytes).toBeLessThanOrEqual(4096);
      // The rollback's Delete reaches the handler (no CREATE_FAILED placeholder swallows it); nothing is left to release.
      expect(result.events[1]).toMatchObject({ requestType: 'Delete', status: 'SUCCESS' });
      expect(result.events[1].swallowed).toBeFalsy();
      expect(owned()).toEqual([]);
      expect(fs.existsSync(path.join(stateDir, 'stacks', `${STACK}.json`))).toBe(false);
    });
  });
});
