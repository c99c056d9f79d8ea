import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CreatePhoneNumberOrderCommand, DeletePhoneNumberCommand, GetPhoneNumberOrderCommand } from '@aws-sdk/client-chime-sdk-voice';
import { harness, N } from './helpers';

describe('emulator: stateFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chime-emu-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a second emulator process continues the same account', async () => {
    const stateFile = path.join(dir, 'state.json');
    const first = await harness({ stateFile, seed: 5, orderDelayMs: 10_000 });
    let orderId: string;
    try {
      orderId = (await first.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a, N.b] }))).PhoneNumberOrder!.PhoneNumberOrderId!;
      first.clock.advance(10_000);
      await first.voice.send(new DeletePhoneNumberCommand({ PhoneNumberId: N.b }));
      first.emu.setUnavailable([N.c]);
      first.emu.associate(N.a, 'VoiceConnectorId', 'vc-1');
    } finally {
      await first.close();
    }
    expect(fs.existsSync(stateFile)).toBe(true);

    // What one uninterrupted process with this seed would have called its second order.
    const single = await harness({ seed: 5 });
    let secondId: string;
    try {
      for (const n of [N.a, N.c]) {
        secondId = (await single.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [n] }))).PhoneNumberOrder!.PhoneNumberOrderId!;
      }
    } finally {
      await single.close();
    }

    const second = await harness({ stateFile, seed: 5 });
    try {
      second.clock.advance(10_000);
      const order = await second.voice.send(new GetPhoneNumberOrderCommand({ PhoneNumberOrderId: orderId }));
      expect(order.PhoneNumberOrder?.Status).toBe('Successful');
      expect(second.emu.phoneNumbers().map((n) => [n.PhoneNumberId, n.Status, n.Associations.length])).toEqual([
        [N.a, 'Assigned', 1],
        [N.b, 'DeleteInProgress', 0],
      ]);
      const next = (await second.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.c] }))).PhoneNumberOrder!;
      expect(next.PhoneNumberOrderId).not.toBe(orderId);
      expect(next.PhoneNumberOrderId).toBe(secondId!);
      second.clock.advance(1);
      expect(second.emu.orders().map((o) => o.Status)).toEqual(['Successful', 'Failed']);
    } finally {
      await second.close();
    }
    const saved = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    expect(saved.account.orders).toHaveLength(2);
  });

  test('a missing state file starts an empty account; reset() empties the file', async () => {
    const stateFile = path.join(dir, 'fresh.json');
    const h = await harness({ stateFile });
    try {
      expect(h.emu.orders()).toEqual([]);
      await h.voice.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [N.a] }));
      expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).account.orders).toHaveLength(1);
      h.emu.reset();
      expect(JSON.parse(fs.readFileSync(stateFile, 'utf8')).account.orders).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});
