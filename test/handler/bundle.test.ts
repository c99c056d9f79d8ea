// The bundled asset (what Lambda runs), not the TypeScript sources, in a plain Node process
// (as Lambda loads it, outside jest's module sandbox) against the emulator.
import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { eventFor, statusOf, useEmulator, voiceProps } from '../support/provider-harness';

const BUNDLE = path.join(__dirname, '..', '..', 'dist', 'handler', 'index.js');
const emulator = useEmulator();

async function invoke(handler: 'onEvent' | 'isComplete', event: object): Promise<any> {
  const script = `require(${JSON.stringify(BUNDLE)}).${handler}(JSON.parse(process.argv[1]))
    .then(r => process.stderr.write('RESULT' + JSON.stringify(r)), e => { process.stderr.write('ERROR' + e.message); process.exitCode = 1; })`;
  const { stderr } = await promisify(execFile)(process.execPath, ['-e', script, JSON.stringify(event)], {
    env: { ...process.env, AWS_ENDPOINT_URL_CHIME: emulator.url, AWS_ENDPOINT_URL_CHIME_SDK_VOICE: emulator.url },
  });
  return JSON.parse(stderr.slice(stderr.indexOf('RESULT') + 6));
}

test('the bundled handler creates and deletes an order through both adapters', async () => {
  const create = eventFor({ requestType: 'Create', props: voiceProps(['+12065550100']) });
  const created = await invoke('onEvent', create);
  expect(created.PhysicalResourceId).toBe(emulator.orders()[0].PhoneNumberOrderId);
  expect(await invoke('isComplete', { ...create, ...created })).toEqual({
    IsComplete: true,
    Data: { OrderId: created.PhysicalResourceId, OrderStatus: 'Successful', PhoneNumbers: ['+12065550100'], PhoneNumberCount: '1', FailedPhoneNumbers: [] },
  });
  const props = { ...create.ResourceProperties, Api: 'chime' };
  await invoke('onEvent', eventFor({ requestType: 'Delete', physicalId: created.PhysicalResourceId, props }));
  expect(statusOf(emulator, '+12065550100')).toBe('DeleteInProgress');
  expect(emulator.orders()[0].Api).toBe('chime-sdk-voice');
  expect(emulator.stats().byOperation.BatchDeletePhoneNumber).toBe(1);
}, 30_000);
