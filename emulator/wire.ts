/** Renders records as each API's JSON shapes (and as the emulator's inspection views). */
import { NumberRecord, OrderRecord } from './model';
import { ApiName, EmulatorOrder, EmulatorPhoneNumber, OrderStatus, PhoneNumberStatus } from './types';

const iso = (ms: number) => new Date(ms).toISOString();

/** How the legacy API shows what only Chime SDK Voice names. */
const LEGACY_ORDER_STATUS: Partial<Record<OrderStatus, OrderStatus>> = {
  PendingDocuments: 'Processing', Submitted: 'Processing', FOC: 'Processing', ChangeRequested: 'Processing', CancelRequested: 'Processing',
  Exception: 'Failed', Cancelled: 'Failed',
};
const LEGACY_NUMBER_STATUS: Partial<Record<PhoneNumberStatus, string>> = {
  DeleteInProgress: 'ReleaseInProgress', Cancelled: 'AcquireFailed', PortinInProgress: 'AcquireInProgress', PortinCancelRequested: 'AcquireInProgress',
};

/** @param asPlaced render as the order looked when placed: CreatePhoneNumberOrder always answers Processing. */
export function orderView(o: OrderRecord, asPlaced = false): EmulatorOrder {
  const processing = asPlaced || !o.settled;
  const acquired = o.numbers.filter((n) => n.outcome === 'Acquired').length;
  const status: OrderStatus = processing
    ? (asPlaced ? 'Processing' : o.processingStatus ?? 'Processing')
    : o.end
      ? o.end
      : acquired === o.numbers.length
      ? 'Successful'
      : acquired === 0
        ? 'Failed'
        : 'Partial';
  return {
    PhoneNumberOrderId: o.id,
    ProductType: o.productType,
    Status: status,
    OrderType: 'New',
    OrderedPhoneNumbers: o.numbers.map((n) => ({ E164PhoneNumber: n.e164, Status: processing ? 'Processing' : n.outcome })),
    CreatedTimestamp: iso(o.createdAt),
    UpdatedTimestamp: iso(processing ? o.createdAt : o.readyAt),
    ...(o.name !== undefined ? { Name: o.name } : {}),
    ...(o.numbers.some((n) => n.heldBy) ? { HeldAtPlacement: heldAtPlacement(o) } : {}),
    Api: o.api,
    Unrelated: o.unrelated,
  };
}

function heldAtPlacement(o: OrderRecord): NonNullable<EmulatorOrder['HeldAtPlacement']> {
  return Object.fromEntries(o.numbers.filter((n) => n.heldBy).map((n) => [n.e164, {
    Status: n.heldBy!.status,
    ...(n.heldBy!.name !== undefined ? { Name: n.heldBy!.name } : {}),
    ...(n.heldBy!.orderId !== undefined ? { OrderId: n.heldBy!.orderId } : {}),
  }]));
}

export function numberView(r: NumberRecord): EmulatorPhoneNumber {
  return {
    PhoneNumberId: r.id,
    E164PhoneNumber: r.id,
    Country: r.country,
    Type: r.type,
    ProductType: r.productType,
    Status: r.status,
    Associations: r.associations.map((a) => ({ Value: a.value, Name: a.name, AssociatedTimestamp: iso(a.at) })),
    ...(r.callingName !== undefined ? { CallingName: r.callingName } : {}),
    ...(r.name !== undefined ? { Name: r.name } : {}),
    ...(r.orderId !== undefined ? { OrderId: r.orderId } : {}),
    CreatedTimestamp: iso(r.createdAt),
    UpdatedTimestamp: iso(r.updatedAt),
    ...(r.deletedAt !== undefined ? { DeletionTimestamp: iso(r.deletedAt) } : {}),
  };
}

export function orderToWire(api: ApiName, o: OrderRecord, asPlaced = false): Record<string, unknown> {
  const wire: Record<string, unknown> = { ...orderView(o, asPlaced) };
  delete wire.Api;
  delete wire.Unrelated;
  delete wire.HeldAtPlacement;
  // Neither model gives orders a Name: it lands on the numbers.
  delete wire.Name;
  if (api === 'chime') {
    // The legacy model has no OrderType, and only four order statuses.
    delete wire.OrderType;
    wire.Status = LEGACY_ORDER_STATUS[wire.Status as OrderStatus] ?? wire.Status;
  } else {
    // The API reference: "This field is null if a phone number order is not a porting order."
    wire.FocDate = null;
  }
  return wire;
}

export function numberToWire(api: ApiName, r: NumberRecord): Record<string, unknown> {
  const view = numberView(r);
  const tollFree = r.type === 'TollFree';
  const wire: Record<string, unknown> = {
    ...view,
    Capabilities: {
      InboundCall: true,
      OutboundCall: true,
      InboundSMS: r.country === 'US',
      OutboundSMS: r.country === 'US',
      InboundMMS: r.country === 'US' && !tollFree,
      OutboundMMS: r.country === 'US' && !tollFree,
    },
    CallingNameStatus: r.callingName ? 'UpdateSucceeded' : 'Unassigned',
  };
  if (api === 'chime') {
    // Legacy Chime calls the deletion queue state ReleaseInProgress, lacks the voice-only statuses and has no OrderId/Name members.
    wire.Status = LEGACY_NUMBER_STATUS[r.status] ?? r.status;
    delete wire.OrderId;
    delete wire.Name;
  }
  return wire;
}
