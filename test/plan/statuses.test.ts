// Every status either model can report has one meaning in the handler. The enum values are
// facts from the AWS service models (chime-sdk-voice-2022-08-03 and chime-2018-05-01):
// shapes PhoneNumberStatus and PhoneNumberOrderStatus.
import { NUMBER_STATUS_MEANING, ORDER_STATUS_MEANING, numberState, orderOutcome } from '../../lambda/statuses';

const VOICE_NUMBER_STATUSES = ['Cancelled', 'PortinCancelRequested', 'PortinInProgress', 'AcquireInProgress', 'AcquireFailed', 'Unassigned',
  'Assigned', 'ReleaseInProgress', 'DeleteInProgress', 'ReleaseFailed', 'DeleteFailed'];
const LEGACY_NUMBER_STATUSES = ['AcquireInProgress', 'AcquireFailed', 'Unassigned', 'Assigned', 'ReleaseInProgress', 'DeleteInProgress',
  'ReleaseFailed', 'DeleteFailed'];
const VOICE_ORDER_STATUSES = ['Processing', 'Successful', 'Failed', 'Partial', 'PendingDocuments', 'Submitted', 'FOC', 'ChangeRequested',
  'Exception', 'CancelRequested', 'Cancelled'];
const LEGACY_ORDER_STATUSES = ['Processing', 'Successful', 'Failed', 'Partial'];

test('every number status of both models has a meaning, and nothing else is listed', () => {
  expect(Object.keys(NUMBER_STATUS_MEANING).sort()).toEqual([...new Set([...VOICE_NUMBER_STATUSES, ...LEGACY_NUMBER_STATUSES])].sort());
});

test('every order status of both models has a meaning, and nothing else is listed', () => {
  expect(Object.keys(ORDER_STATUS_MEANING).sort()).toEqual([...new Set([...VOICE_ORDER_STATUSES, ...LEGACY_ORDER_STATUSES])].sort());
});

test.each([
  ['Unassigned', 'held'], ['Assigned', 'held'], ['ReleaseFailed', 'held'], ['DeleteFailed', 'held'],
  ['AcquireInProgress', 'acquiring'], ['PortinInProgress', 'porting'], ['PortinCancelRequested', 'porting'],
  ['ReleaseInProgress', 'leaving'], ['DeleteInProgress', 'leaving'], ['AcquireFailed', 'failed'], ['Cancelled', 'gone'],
  [undefined, 'gone'], ['SomethingNew', 'unknown'],
])('number status %s means %s', (status, meaning) => {
  expect(numberState(status)).toBe(meaning);
});

test.each([
  ['Processing', 'in-progress'], ['PendingDocuments', 'in-progress'], ['Submitted', 'in-progress'], ['FOC', 'in-progress'],
  ['ChangeRequested', 'in-progress'], ['CancelRequested', 'in-progress'], ['Successful', 'succeeded'], ['Partial', 'partial'],
  ['Failed', 'failed'], ['Exception', 'failed'], ['Cancelled', 'failed'], ['SomethingNew', 'in-progress'],
])('order status %s means %s', (status, meaning) => {
  expect(orderOutcome(status)).toBe(meaning);
});
