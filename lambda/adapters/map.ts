// Both APIs answer with the same shapes; these turn them into the port's types.
import type { HeldNumber, PhoneOrder, ReleaseFailure } from '../chime-port';

interface WireOrder {
  PhoneNumberOrderId?: string;
  Status?: string;
  ProductType?: string;
  OrderedPhoneNumbers?: { E164PhoneNumber?: string; Status?: string }[];
  CreatedTimestamp?: Date;
}

interface WireNumber {
  E164PhoneNumber?: string;
  PhoneNumberId?: string;
  Status?: string;
  ProductType?: string;
  Associations?: { Name?: string; Value?: string }[];
  OrderId?: string;
  Name?: string;
  CreatedTimestamp?: Date;
  DeletionTimestamp?: Date;
}

export function toOrder(o: WireOrder | undefined): PhoneOrder {
  if (!o?.PhoneNumberOrderId) throw new Error('Chime answered without a PhoneNumberOrder');
  return {
    id: o.PhoneNumberOrderId,
    status: o.Status ?? 'Processing',
    productType: o.ProductType ?? '',
    numbers: (o.OrderedPhoneNumbers ?? []).map(n => ({ number: n.E164PhoneNumber ?? '', status: n.Status ?? 'Processing' })),
    createdAt: o.CreatedTimestamp,
  };
}

export function toHeldNumber(n: WireNumber | undefined, asked: string): HeldNumber {
  return {
    number: n?.E164PhoneNumber ?? n?.PhoneNumberId ?? asked,
    status: n?.Status ?? 'Unassigned',
    productType: n?.ProductType,
    associations: (n?.Associations ?? []).map(a => ({ name: a.Name ?? '', value: a.Value ?? '' })),
    orderId: n?.OrderId,
    name: n?.Name,
    createdAt: n?.CreatedTimestamp,
    deletedAt: n?.DeletionTimestamp,
  };
}

export function toReleaseFailures(errors: { PhoneNumberId?: string; ErrorCode?: string; ErrorMessage?: string }[] | undefined): ReleaseFailure[] {
  return (errors ?? []).map(e => ({ number: e.PhoneNumberId ?? '', code: e.ErrorCode ?? 'Unknown', message: e.ErrorMessage ?? '' }));
}

export function isNotFound(err: unknown): boolean {
  return (err as { name?: string })?.name === 'NotFoundException';
}

/** The call's answer, or undefined when Chime says the thing asked for does not exist. */
export async function orNotFound<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}
