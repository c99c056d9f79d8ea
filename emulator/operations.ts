/** One function per API operation: validate, act on the model, shape the response. */
import { Model } from './model';
import { TOLL_FREE_AREA_CODES } from './numbers';
import { hash32, Prng } from './random';
import { isRoutingOperation, runRoutingOperation } from './routing-operations';
import { Route } from './routes';
import { ApiName, OperationName } from './types';
import * as v from './validation';
import { numberToWire, orderToWire } from './wire';

export interface OperationContext {
  model: Model;
  seed: number;
  maxPageSize?: number;
}

export interface OperationResult {
  status: number;
  body?: unknown;
  /** Whether the account changed (the state file is rewritten then). */
  mutated: boolean;
}

const ok = (body: unknown, mutated = false, status = 200): OperationResult => ({ status, body, mutated });

const SEARCH_AREA_CODES: Record<string, string[]> = {
  US: ['206', '212', '303', '312', '415', '512', '617', '702', '919'],
  CA: ['204', '416', '514', '604', '613'],
};
const DEFAULT_SEARCH_RESULTS = 100;

export function runOperation(ctx: OperationContext, op: OperationName, api: ApiName, route: Route, rawBody: string): OperationResult {
  const { model } = ctx;
  const id = route.id ?? '';
  if (isRoutingOperation(op)) return runRoutingOperation(model.routing, op, api, id, v.parseJsonObject(rawBody));
  switch (op) {
    case 'CreatePhoneNumberOrder': {
      const input = v.validateCreate(api, v.parseJsonObject(rawBody));
      return ok({ PhoneNumberOrder: orderToWire(api, model.createOrder(api, input), true) }, true, 201);
    }
    case 'GetPhoneNumberOrder':
      return ok({ PhoneNumberOrder: orderToWire(api, model.getOrder(v.validateOrderId(id))) });
    case 'ListPhoneNumberOrders': {
      const page = v.validateListQuery(api, route.query);
      const size = Math.min(page.maxResults ?? v.maxListResults(api), ctx.maxPageSize ?? Infinity);
      const end = page.offset + size;
      const orders = model.orders.slice(page.offset, end).map((o) => orderToWire(api, o));
      return ok({
        PhoneNumberOrders: orders,
        ...(end < model.orders.length ? { NextToken: v.encodeToken('orders', end) } : {}),
      });
    }
    case 'GetPhoneNumber':
      return ok({ PhoneNumber: numberToWire(api, model.getNumber(v.validatePhoneNumberId(api, id))) });
    case 'UpdatePhoneNumber': {
      const input = v.validateUpdate(api, id, v.parseJsonObject(rawBody));
      return ok({ PhoneNumber: numberToWire(api, model.updateNumber(id, input)) }, true);
    }
    case 'DeletePhoneNumber':
      model.deleteNumber(v.validatePhoneNumberId(api, id));
      return { status: 204, mutated: true };
    case 'BatchDeletePhoneNumber': {
      const ids = v.validateBatchDelete(v.parseJsonObject(rawBody));
      const errors = model.batchDelete(ids);
      return ok({ PhoneNumberErrors: errors }, errors.length < ids.length);
    }
    case 'RestorePhoneNumber':
      return ok({ PhoneNumber: numberToWire(api, model.restoreNumber(v.validatePhoneNumberId(api, id, true))) }, true);
    case 'SearchAvailablePhoneNumbers':
      return ok(search(ctx, v.validateSearch(route.query)));
  }
}

/** Fictional NANP numbers (555-0100..0199) the account does not hold, in a seed-stable order. */
function search(ctx: OperationContext, input: v.SearchInput): { E164PhoneNumbers: string[]; NextToken?: string } {
  const key = JSON.stringify({ ...input, maxResults: undefined, offset: undefined });
  const prng = new Prng(ctx.seed ^ hash32(key));
  const areas = SEARCH_AREA_CODES[input.country];
  let area: string | undefined;
  if (input.tollFreePrefix) area = input.tollFreePrefix;
  else if (input.areaCode) area = input.areaCode;
  else if (input.phoneNumberType === 'TollFree') area = TOLL_FREE_AREA_CODES[prng.int(0, TOLL_FREE_AREA_CODES.length - 1)];
  else if (areas) area = areas[prng.int(0, areas.length - 1)];
  if (area !== undefined && !/^[2-9]\d\d$/.test(area)) return { E164PhoneNumbers: [] };
  const tollFree = area !== undefined && TOLL_FREE_AREA_CODES.includes(area);
  const typeMismatch = input.phoneNumberType !== undefined && (input.phoneNumberType === 'TollFree') !== tollFree;
  if (!area || typeMismatch || !areas) return { E164PhoneNumbers: [] };
  const candidates = Array.from({ length: 100 }, (_, i) => `+1${area}55501${String(i).padStart(2, '0')}`);
  const free = prng.shuffle(candidates).filter((n) => !ctx.model.inventory.has(n));
  const end = input.offset + (input.maxResults ?? DEFAULT_SEARCH_RESULTS);
  return {
    E164PhoneNumbers: free.slice(input.offset, end),
    ...(end < free.length ? { NextToken: v.encodeToken('search', end) } : {}),
  };
}
