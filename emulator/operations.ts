/** One function per API operation: validate, act on the model, shape the response. */
import { Model } from './model';
import { hash32, Prng } from './random';
import { isRoutingOperation, runRoutingOperation } from './routing-operations';
import { Route } from './routes';
import { matching } from './stock';
import { ApiName, OperationName } from './types';
import * as v from './validation';
import { numberToWire, orderToWire } from './wire';

export interface OperationContext {
  model: Model;
  seed: number;
  maxPageSize?: number;
  /** Called with the numbers a search answered, before the answer goes out (another customer may take some). */
  afterSearch?: (found: string[]) => void;
}

export interface OperationResult {
  status: number;
  body?: unknown;
  /** Whether the account changed (the state file is rewritten then). */
  mutated: boolean;
}

const ok = (body: unknown, mutated = false, status = 200): OperationResult => ({ status, body, mutated });

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
    case 'ListPhoneNumbers':
      return ok(listNumbers(ctx, api, v.validateListNumbers(api, route.query)));
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
    case 'SearchAvailablePhoneNumbers': {
      const found = search(ctx, v.validateSearch(route.query));
      ctx.afterSearch?.(found.E164PhoneNumbers);
      return ok(found);
    }
  }
}

/** Available stock numbers matching the query, in an order fixed by the seed and the query, a page at a time. */
function search(ctx: OperationContext, input: v.SearchInput): { E164PhoneNumbers: string[]; NextToken?: string } {
  const key = JSON.stringify({ ...input, maxResults: undefined, offset: undefined });
  const candidates = matching(input).map((n) => n.e164);
  const free = new Prng(ctx.seed ^ hash32(key)).shuffle(candidates).filter((n) => ctx.model.isAvailable(n));
  const end = input.offset + (input.maxResults ?? DEFAULT_SEARCH_RESULTS);
  return {
    E164PhoneNumbers: free.slice(input.offset, end),
    ...(end < free.length ? { NextToken: v.encodeToken('search', end) } : {}),
  };
}

/** Every number the account has a record of, in E.164 order, filtered as asked. */
function listNumbers(ctx: OperationContext, api: ApiName, input: v.ListNumbersInput): { PhoneNumbers: Record<string, unknown>[]; NextToken?: string } {
  const size = Math.min(input.maxResults ?? v.maxListResults(api), ctx.maxPageSize ?? Infinity);
  const all = [...ctx.model.inventory.values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .filter((r) => input.after === undefined || r.id > input.after)
    .map((r) => ({ record: r, wire: numberToWire(api, r) }))
    .filter(({ record, wire }) => (input.status === undefined || wire.Status === input.status)
      && (input.productType === undefined || record.productType === input.productType)
      && (input.filter === undefined || record.associations.some((a) => a.name === input.filter?.name && a.value === input.filter.value)));
  const page = all.slice(0, size);
  return {
    PhoneNumbers: page.map((p) => p.wire),
    ...(all.length > size ? { NextToken: v.encodeCursor('numbers', page[page.length - 1].record.id) } : {}),
  };
}
