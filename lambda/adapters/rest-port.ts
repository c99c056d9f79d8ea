// Both Chime APIs speak the same REST-JSON operations with the same shapes; only the
// client package, the signing region and a few limits differ. This builds the port from
// one API's client and commands, so the two adapters hold only what differs.
import type { ChimePort } from '../chime-port';
import { boundedClients } from './bounded-clients';
import type { clientConfig } from './client-config';
import { orNotFound, toHeldNumber, toOrder, toReleaseFailures } from './map';

/** The parts of the operations' outputs we read; both APIs name them alike. */
interface WireOutput {
  PhoneNumberOrder?: Parameters<typeof toOrder>[0];
  PhoneNumberOrders?: Parameters<typeof toOrder>[0][];
  NextToken?: string;
  PhoneNumber?: Parameters<typeof toHeldNumber>[0];
  PhoneNumbers?: Parameters<typeof toHeldNumber>[0][];
  PhoneNumberErrors?: Parameters<typeof toReleaseFailures>[0];
  E164PhoneNumbers?: string[];
}
interface Sender {
  send(command: object, options?: object): Promise<WireOutput>;
}
// The two SDKs' command inputs have the same members but distinct enum types (the voice API has
// no BusinessCalling), so no one input type fits both constructors; the inputs built below follow both models.
type Command = new (input: any) => object;

export interface RestApi {
  readonly api: string;
  readonly client: new (config: ReturnType<typeof clientConfig>) => Sender;
  readonly region: string;
  readonly maxPageSize: number;
  /** Chime SDK Voice: orders take a Name, numbers carry Name and OrderId. */
  readonly marksNumbers: boolean;
  readonly commands: {
    readonly create: Command; readonly getOrder: Command; readonly listOrders: Command; readonly getNumber: Command;
    readonly listNumbers: Command; readonly search: Command; readonly update: Command; readonly batchDelete: Command; readonly restore: Command;
  };
}

const BATCH_DELETE_LIMIT = 250;

/** `deadline` (epoch ms) aborts any call still running then, so the invocation can still answer. */
export function restPort(spec: RestApi, deadline: number): ChimePort {
  const { send, once } = boundedClients<WireOutput>(spec.client, spec.region, deadline);
  const c = spec.commands;
  return {
    api: spec.api,
    marksNumbers: spec.marksNumbers,
    async createOrder(productType, numbers, name) {
      const input = { ProductType: productType, E164PhoneNumbers: numbers, ...(spec.marksNumbers && name ? { Name: name } : {}) };
      return toOrder((await once(new c.create(input))).PhoneNumberOrder);
    },
    async getOrder(id) {
      // An empty ID would ask for the order list's path; it is always a defect of ours.
      if (!id) throw new Error('GetPhoneNumberOrder needs an order ID');
      return orNotFound(async () => toOrder((await send(new c.getOrder({ PhoneNumberOrderId: id }))).PhoneNumberOrder));
    },
    async *listOrders() {
      let token: string | undefined;
      do {
        const page = await send(new c.listOrders({ MaxResults: spec.maxPageSize, NextToken: token }));
        for (const o of page.PhoneNumberOrders ?? []) yield toOrder(o);
        token = page.NextToken;
      } while (token);
    },
    getNumber: number => orNotFound(async () => toHeldNumber((await send(new c.getNumber({ PhoneNumberId: number }))).PhoneNumber, number)),
    async *listNumbers() {
      let token: string | undefined;
      do {
        const page = await send(new c.listNumbers({ MaxResults: spec.maxPageSize, NextToken: token }));
        for (const n of page.PhoneNumbers ?? []) yield toHeldNumber(n, '');
        token = page.NextToken;
      } while (token);
    },
    async searchAvailable(criteria, maxResults, nextToken) {
      const page = await send(new c.search({ ...criteria, MaxResults: maxResults, NextToken: nextToken }));
      return { numbers: page.E164PhoneNumbers ?? [], nextToken: page.NextToken };
    },
    async setProductType(number, productType) {
      await send(new c.update({ PhoneNumberId: number, ProductType: productType }));
    },
    async setName(number, name) {
      if (!spec.marksNumbers) throw new Error(`${spec.api} numbers have no Name`);
      await send(new c.update({ PhoneNumberId: number, Name: name }));
    },
    async releaseNumbers(numbers) {
      const failures = [];
      for (const batch of batches(numbers, BATCH_DELETE_LIMIT)) {
        failures.push(...toReleaseFailures((await send(new c.batchDelete({ PhoneNumberIds: batch }))).PhoneNumberErrors));
      }
      return failures;
    },
    async restoreNumber(number) {
      await send(new c.restore({ PhoneNumberId: number }));
    },
  };
}

function batches<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
