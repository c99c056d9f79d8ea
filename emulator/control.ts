/**
 * The emulator's own HTTP API under /_emulator/, so that another process (a deploy driver, a chaos
 * runner) can steer and inspect it. Unauthenticated and not counted in the request statistics.
 */
import { Emulator } from './types';

export interface ControlResult {
  status: number;
  body: unknown;
}

type Handler = (emu: Emulator, body: Record<string, unknown>) => unknown;

const routes: Record<string, Handler> = {
  'GET /_emulator/state': (emu) => ({ orders: emu.orders(), phoneNumbers: emu.phoneNumbers(), stats: emu.stats() }),
  'GET /_emulator/stats': (emu) => emu.stats(),
  'GET /_emulator/orders': (emu) => emu.orders(),
  'GET /_emulator/phone-numbers': (emu) => emu.phoneNumbers(),
  'GET /_emulator/routing': (emu) => emu.routing(),
  'POST /_emulator/configure': (emu, b) => emu.configure(b),
  'POST /_emulator/unavailable': (emu, b) => emu.setUnavailable(list(b.numbers, 'numbers')),
  'POST /_emulator/associate': (emu, b) =>
    emu.associate(str(b.number, 'number'), str(b.name, 'name') as Parameters<Emulator['associate']>[1], str(b.value, 'value')),
  'POST /_emulator/disassociate': (emu, b) => emu.disassociate(str(b.number, 'number')),
  'POST /_emulator/inject': (emu, b) =>
    emu.injectOnce({
      operation: str(b.operation, 'operation'),
      kind: str(b.kind, 'kind') as Parameters<Emulator['injectOnce']>[0]['kind'],
      count: b.count as number | undefined,
    }),
  'POST /_emulator/order-script': (emu, b) => emu.scriptOrder(b as Parameters<Emulator['scriptOrder']>[0]),
  'POST /_emulator/release-failures': (emu, b) => emu.failReleases(b as unknown as Parameters<Emulator['failReleases']>[0]),
  'POST /_emulator/phone-numbers': (emu, b) => emu.putNumber(b as unknown as Parameters<Emulator['putNumber']>[0]),
  'GET /_emulator/taken': (emu) => emu.takenNumbers(),
  'POST /_emulator/take': (emu, b) => emu.takeNumbers(list(b.numbers, 'numbers')),
  'POST /_emulator/take-after-search': (emu, b) => emu.takeAfterSearch(b as Parameters<Emulator['takeAfterSearch']>[0]),
  'POST /_emulator/unrelated-orders': (emu, b) => {
    const { count, ...opts } = b;
    emu.addUnrelatedOrders(count as number, opts);
  },
  'POST /_emulator/advance-clock': (emu, b) => emu.advanceClock(b.ms as number),
  'POST /_emulator/reset': (emu) => emu.reset(),
};

function str(v: unknown, field: string): string {
  if (typeof v !== 'string') throw new Error(`${field} must be a string`);
  return v;
}

function list(v: unknown, field: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`${field} must be a list of strings`);
  return v;
}

export const CONTROL_ENDPOINTS = Object.keys(routes);

export function handleControl(emu: Emulator, method: string, path: string, rawBody: string): ControlResult {
  const handler = routes[`${method} ${path.split('?')[0]}`];
  if (!handler) return { status: 404, body: { error: `unknown control endpoint; available: ${CONTROL_ENDPOINTS.join(', ')}` } };
  try {
    const body = rawBody.trim() === '' ? {} : (JSON.parse(rawBody) as unknown);
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new Error('body must be a JSON object');
    const result = handler(emu, body as Record<string, unknown>);
    return { status: 200, body: result === undefined ? { ok: true } : result };
  } catch (e) {
    return { status: 400, body: { error: (e as Error).message } };
  }
}
