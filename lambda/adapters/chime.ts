import {
  BatchDeletePhoneNumberCommand, ChimeClient, CreatePhoneNumberOrderCommand, GetPhoneNumberCommand,
  GetPhoneNumberOrderCommand, ListPhoneNumberOrdersCommand, ListPhoneNumbersCommand, RestorePhoneNumberCommand,
  SearchAvailablePhoneNumbersCommand, UpdatePhoneNumberCommand,
} from '@aws-sdk/client-chime';
import type { ChimePort } from '../chime-port';
import { restPort } from './rest-port';

/** The legacy Amazon Chime API: one global endpoint, signed for `region` (its partition's global region). */
export function chimePort(deadline: number, region: string): ChimePort {
  return restPort({
    api: 'chime',
    client: ChimeClient,
    region,
    maxPageSize: 99,
    marksNumbers: false,
    commands: {
      create: CreatePhoneNumberOrderCommand, getOrder: GetPhoneNumberOrderCommand, listOrders: ListPhoneNumberOrdersCommand,
      getNumber: GetPhoneNumberCommand, listNumbers: ListPhoneNumbersCommand, search: SearchAvailablePhoneNumbersCommand,
      update: UpdatePhoneNumberCommand, batchDelete: BatchDeletePhoneNumberCommand,
      restore: RestorePhoneNumberCommand,
    },
  }, deadline);
}
