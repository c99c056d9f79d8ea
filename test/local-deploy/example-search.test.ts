// `npm start -- -c areaCode=206 -c quantity=3`: the example app orders by search from context.
import * as fs from 'fs';
import * as path from 'path';
import { HELD_STATUSES, ROOT, STACK, inventory, tempDir } from './example-app';
import { run } from './run';

jest.setTimeout(240_000);

let stateDir: string;
beforeAll(() => { stateDir = path.join(tempDir('example-search-'), 'state'); });
afterAll(() => fs.rmSync(path.dirname(stateDir), { recursive: true, force: true }));

const phoneNumbers = (outputs: Record<string, string>) => Object.entries(outputs).find(([k]) => k.includes('PhoneNumbers'))?.[1].split(',') ?? [];
const held = async () => Object.entries(await inventory(path.join(stateDir, 'emulator.json'))).filter(([, s]) => HELD_STATUSES.includes(s)).map(([n]) => n).sort();

test('areaCode and quantity from context deploy a search order against the embedded emulator; a lower quantity releases one', async () => {
  const created = await run({ cwd: ROOT, stateDir, context: { areaCode: '206', quantity: '3' } });
  expect({ exit: created.result.exitCode, err: created.err }).toEqual({ exit: 0, err: '' });
  const numbers = phoneNumbers(created.result.outputs[STACK]);
  expect(numbers).toHaveLength(3);
  expect(numbers.every(n => /^\+12065550\d{3}$/.test(n))).toBe(true);
  expect(await held()).toEqual(numbers);

  const lower = await run({ cwd: ROOT, stateDir, context: { areaCode: '206', quantity: '2' } });
  expect(lower.result.exitCode).toBe(0);
  expect(lower.result.events.map(e => `${e.requestType} ${e.status}`)).toEqual(['Update SUCCESS']);
  expect(phoneNumbers(lower.result.outputs[STACK])).toHaveLength(2);
  expect(await held()).toEqual(phoneNumbers(lower.result.outputs[STACK]));
});

test('a list and search criteria in context exclude each other', async () => {
  const both = await run({ cwd: ROOT, stateDir: `${stateDir}-both`, context: { numbers: '+12065550100', areaCode: '206' } });
  expect(both.result.exitCode).toBe(1);
  expect(both.out + both.err).toMatch(/context numbers and areaCode exclude each other/);
});
