// The chaos suite's own checks, on made-up books and lines: a zero from them must mean
// "nothing found", not "could not find anything".
import { AssociatePhoneNumbersWithVoiceConnectorCommand, ChimeSDKVoiceClient, CreatePhoneNumberOrderCommand } from '@aws-sdk/client-chime-sdk-voice';
import { DEFAULT_CREDENTIALS, startEmulator } from '../../emulator';
import { auditBooks, duplicateCount } from '../../tools/chaos/audit';
import { auditRouting, createTargets } from '../../tools/chaos/routing';
import { mask } from '../../tools/chaos/numbers';
import { LogScanner } from '../../tools/chaos/log-scan';
import type { EmulatorOrder, EmulatorPhoneNumber } from '../../emulator';

const [A, B, U] = ['+12055550100', '+12055550101', '+12055550107'];

function order(id: string, at: string, numbers: [string, 'Acquired' | 'Failed' | 'Processing'][], unrelated = false): EmulatorOrder {
  const statuses = numbers.map(([, s]) => s);
  const status = statuses.includes('Processing') ? 'Processing' : statuses.every(s => s === 'Acquired') ? 'Successful' : statuses.every(s => s === 'Failed') ? 'Failed' : 'Partial';
  return {
    PhoneNumberOrderId: id, ProductType: 'VoiceConnector', Status: status, OrderType: 'New',
    OrderedPhoneNumbers: numbers.map(([n, s]) => ({ E164PhoneNumber: n, Status: s })),
    CreatedTimestamp: at, UpdatedTimestamp: at, Api: 'chime-sdk-voice', Unrelated: unrelated,
  };
}

function held(n: string, status: EmulatorPhoneNumber['Status'] = 'Unassigned'): EmulatorPhoneNumber {
  return {
    PhoneNumberId: n, E164PhoneNumber: n, Country: 'US', Type: 'Local', ProductType: 'VoiceConnector', Status: status,
    Associations: [], CreatedTimestamp: '2026-01-01T00:00:00.000Z', UpdatedTimestamp: '2026-01-01T00:00:00.000Z',
  };
}

describe('auditBooks', () => {
  test('an order placed for a number the account already held is a duplicate; an unavailable number failing is not', () => {
    const books = {
      orders: [
        order('o1', '2026-01-01T00:00:00.000Z', [[A, 'Acquired'], [U, 'Failed']]),
        order('o2', '2026-01-01T00:01:00.000Z', [[A, 'Failed'], [U, 'Failed']]),
        order('x', '2026-01-01T00:02:00.000Z', [[A, 'Acquired']], true),
      ],
      phoneNumbers: [held(A)],
    };
    const audit = auditBooks(books, [U], [A]);
    expect(audit.duplicates).toEqual([{ number: '***0100', orders: ['o1', 'o2'] }]);
    expect(duplicateCount(audit.duplicates)).toBe(1);
    expect(audit.orphans).toEqual([]);
    expect(audit.lost).toEqual([]);
  });

  test('held numbers the outputs do not list are orphans; listed ones not held are lost; the deletion queue holds nothing', () => {
    const books = { orders: [order('o1', '2026-01-01T00:00:00.000Z', [[A, 'Acquired'], [B, 'Acquired']])], phoneNumbers: [held(A), held(B, 'DeleteInProgress')] };
    expect(auditBooks(books, [], []).orphans).toEqual(['***0100']);
    expect(auditBooks(books, [], [A, B]).lost).toEqual(['***0101']);
    expect(auditBooks(books, [], undefined).holdingsSkipped).toBe('half-done stack');
  });
});

describe('LogScanner', () => {
  test('finds a whole number, also glued to a word, but not the digits of a UUID', () => {
    const scan = new LogScanner(['s3cr3t']);
    scan.add('{"message":"placed order","orderId":"ced754b9-0703-4e67-acd9-a1234567890c"}');
    scan.add('{"message":"released","numbers":["***0100"]}');
    expect(scan.figures.fullNumbers).toBe(0);
    scan.add('{"message":"oops","number":"+12055550100"}');
    scan.add('id-12055550101 was not masked');
    expect(scan.figures).toMatchObject({ lines: 4, jsonLines: 3, fullNumbers: 2 });
    expect(scan.figures.samples.join(' ')).not.toMatch(/\d{7}/);
  });

  test('finds credentials and signing material', () => {
    const scan = new LogScanner(['s3cr3t']);
    scan.add('secret is s3cr3t');
    scan.add('authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/chime/aws4_request, Signature=abc');
    expect(scan.figures.credentials).toBe(2);
    expect(scan.figures.samples.join(' ')).not.toContain('s3cr3t');
  });
});

describe('auditRouting', () => {
  test('finds a number still routed and the Voice Connector it keeps from being deleted; nothing when the account is clean', async () => {
    const emulator = await startEmulator({ seed: 3 });
    const client = new ChimeSDKVoiceClient({ endpoint: emulator.url, region: 'us-east-1', credentials: DEFAULT_CREDENTIALS });
    try {
      const targets = await createTargets(emulator.url);
      expect(await auditRouting(emulator, targets, mask)).toEqual({ leftovers: [], stuck: [] });
      const again = await createTargets(emulator.url);
      await client.send(new CreatePhoneNumberOrderCommand({ ProductType: 'VoiceConnector', E164PhoneNumbers: [A] }));
      await client.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: again.voiceConnectors[0], E164PhoneNumbers: [A] }));
      const found = await auditRouting(emulator, again, mask);
      expect(found).toEqual({ leftovers: ['***0100 VoiceConnectorId'], stuck: [expect.stringMatching(`^Voice Connector ${again.voiceConnectors[0]}: BadRequestException`)] });
    } finally {
      client.destroy();
      await emulator.close();
    }
  });
});
