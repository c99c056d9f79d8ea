// One look at the account per invocation: each number's status, owner, order and associations,
// and the orders behind this resource's numbers. Everything the plans decide from is in here.
import type { Association, ChimePort, HeldNumber, PhoneOrder } from './chime-port';
import { mapLimit } from './concurrency';
import { chimeFailure } from './failure';
import { maskNumber } from '../lib/order-rules';
import { type Identity, type Owner, ownerOf, parseName } from './ownership';
import type { SipRule } from './routing/port';
import { type NumberState, numberState } from './statuses';

const LOOKUPS_IN_FLIGHT = 8;

export interface NumberFacts {
  readonly number: string;
  /** Chime's status; undefined when the account has no record of the number. */
  readonly status?: string;
  readonly state: NumberState;
  readonly owner: Owner;
  /** The Name without the mark. */
  readonly label: string;
  readonly orderId?: string;
  readonly productType?: string;
  readonly associations: Association[];
  /** Epoch ms, when Chime reports them (Chime SDK Voice lists and reads give both). */
  readonly createdAt?: number;
  readonly deletedAt?: number;
}

export interface Snapshot {
  readonly marksNumbers: boolean;
  readonly numbers: ReadonlyMap<string, NumberFacts>;
  /** Orders read for this snapshot, by ID. */
  readonly orders: ReadonlyMap<string, PhoneOrder>;
  /**
   * The SIP rules behind the numbers' associations, by ID: read only when the resource routes its
   * numbers (now or before this event); undefined otherwise, and then every association is foreign.
   */
  readonly rules?: ReadonlyMap<string, SipRule>;
}

export function factsOf(snapshot: Snapshot, number: string): NumberFacts {
  const f = snapshot.numbers.get(number);
  if (!f) throw new Error(`${maskNumber(number)} was not observed`);
  return f;
}

export async function observeNumbers(port: ChimePort, identity: Identity, numbers: string[]): Promise<Map<string, NumberFacts>> {
  const facts = await mapLimit([...new Set(numbers)], LOOKUPS_IN_FLIGHT, async number => {
    let held;
    try {
      held = await port.getNumber(number);
    } catch (err) {
      throw chimeFailure(`GetPhoneNumber ${maskNumber(number)}`, err);
    }
    return factsFrom(number, held, identity, port.marksNumbers);
  });
  return new Map(facts.map(f => [f.number, f]));
}

/**
 * Every number of the account whose Name carries this resource's mark, in any state (failed
 * acquisitions and the deletion queue included): all the pages of ListPhoneNumbers. No filter
 * narrows the scan safely: a number of ours may have been moved to another product type, and the
 * statuses that matter are many. Chime SDK Voice only (the legacy API keeps no marks).
 */
export async function observeMarked(port: ChimePort, identity: Identity): Promise<Map<string, NumberFacts>> {
  const marked = new Map<string, NumberFacts>();
  try {
    for await (const held of port.listNumbers()) {
      const f = factsFrom(held.number, held, identity, port.marksNumbers);
      if (f.owner.kind === 'self') marked.set(f.number, f);
    }
  } catch (err) {
    throw chimeFailure('ListPhoneNumbers', err);
  }
  return marked;
}

function factsFrom(number: string, held: HeldNumber | undefined, identity: Identity, marksNumbers: boolean): NumberFacts {
  const { label, mark } = parseName(held?.name);
  return {
    number,
    status: held?.status,
    state: numberState(held?.status),
    owner: ownerOf(mark, identity, marksNumbers),
    label,
    orderId: held?.orderId,
    productType: held?.productType,
    associations: held?.associations ?? [],
    createdAt: held?.createdAt?.getTime(),
    deletedAt: held?.deletedAt?.getTime(),
  };
}

/** Reads the given orders (skipping empty IDs); a vanished order is simply absent. */
export async function observeOrders(port: ChimePort, ids: Iterable<string | undefined>): Promise<Map<string, PhoneOrder>> {
  const orders = new Map<string, PhoneOrder>();
  for (const id of new Set(ids)) {
    if (!id) continue;
    let order;
    try {
      order = await port.getOrder(id);
    } catch (err) {
      throw chimeFailure(`GetPhoneNumberOrder ${id}`, err);
    }
    if (order) orders.set(id, order);
  }
  return orders;
}

export async function observe(port: ChimePort, identity: Identity, numbers: string[], orderIds: Iterable<string | undefined> = []): Promise<Snapshot> {
  return { marksNumbers: port.marksNumbers, numbers: await observeNumbers(port, identity, numbers), orders: await observeOrders(port, orderIds) };
}
