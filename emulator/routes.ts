/** Maps method + path + query to the operation, as the restJson1 bindings of both models define them. */
import { matchRoutingRoute } from './routing-operations';
import { OperationName } from './types';

export interface Route {
  operation: OperationName | 'Unknown';
  /** The decoded path label: `{PhoneNumberId}`, `{PhoneNumberOrderId}`, `{VoiceConnectorId}`, `{SipRuleId}`... */
  id?: string;
  query: URLSearchParams;
  /** Path with the query stripped, for messages. */
  path: string;
}

function decodeLabel(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function matchRoute(method: string, rawUrl: string): Route {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1));
  const segments = path.split('/').slice(1);
  const op = query.get('operation');
  const route = (operation: Route['operation'], id?: string): Route => ({ operation, id, query, path });
  const [head, label, ...rest] = segments;
  if (rest.length > 0) return route('Unknown');
  const id = label === undefined ? undefined : decodeLabel(label);
  if (label !== undefined && !id) return route('Unknown');

  if (head === 'phone-number-orders') {
    if (id === undefined && method === 'POST' && op === null) return route('CreatePhoneNumberOrder');
    if (id === undefined && method === 'GET') return route('ListPhoneNumberOrders');
    if (id !== undefined && method === 'GET') return route('GetPhoneNumberOrder', id);
  } else if (head === 'phone-numbers') {
    if (id === undefined && method === 'POST' && op === 'batch-delete') return route('BatchDeletePhoneNumber');
    if (id === undefined && method === 'GET') return route('ListPhoneNumbers');
    if (id !== undefined && method === 'GET') return route('GetPhoneNumber', id);
    if (id !== undefined && method === 'DELETE') return route('DeletePhoneNumber', id);
    if (id !== undefined && method === 'POST' && op === 'restore') return route('RestorePhoneNumber', id);
    if (id !== undefined && method === 'POST' && op === null) return route('UpdatePhoneNumber', id);
  } else if (matchRoutingRoute(method, head, id, op)) {
    return route(matchRoutingRoute(method, head, id, op)!, id);
  } else if (head === 'search' && id === undefined && method === 'GET' && query.get('type') === 'phone-numbers') {
    return route('SearchAvailablePhoneNumbers');
  }
  return route('Unknown');
}
