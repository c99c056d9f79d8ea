import {
  BatchDeletePhoneNumberCommand, ChimeSDKVoiceClient, CreatePhoneNumberOrderCommand, GetPhoneNumberCommand,
  GetPhoneNumberOrderCommand, ListPhoneNumberOrdersCommand, ListPhoneNumbersCommand, RestorePhoneNumberCommand,
  SearchAvailablePhoneNumbersCommand, UpdatePhoneNumberCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import type { ChimePort } from '../chime-port';
import { restPort } from './rest-port';

/** The Amazon Chime SDK Voice API in `region` (the resource's ApiRegion). */
export function chimeSdkVoicePort(deadline: number, region: string): ChimePort {
  return restPort({
    api: 'chime-sdk-voice',
    client: ChimeSDKVoiceClient,
    region,
    maxPageSize: 100,
    marksNumbers: true,
    commands: {
      create: CreatePhoneNumberOrderCommand, getOrder: GetPhoneNumberOrderCommand, listOrders: ListPhoneNumberOrdersCommand,
      getNumber: GetPhoneNumberCommand, listNumbers: ListPhoneNumbersCommand, search: SearchAvailablePhoneNumbersCommand,
      update: UpdatePhoneNumberCommand, batchDelete: BatchDeletePhoneNumberCommand,
      restore: RestorePhoneNumberCommand,
    },
  }, deadline);
}
