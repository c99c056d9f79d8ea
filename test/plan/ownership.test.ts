import { NAME_MARK_LENGTH } from '../../lib/order-rules';
import { MARK_LENGTH, identityOf, markOf, markWord, nameWith, ownerOf, parseName, routeMark } from '../../lambda/ownership';

const STACK = 'arn:aws:cloudformation:us-east-1:123456789012:stack/Telephony/11111111-2222-3333-4444-555555555555';

test('a resource is the stack (without its unique suffix) and the logical ID; a request is its own', () => {
  const id = identityOf(STACK, 'Numbers', 'r1');
  expect(id.resource).toMatch(/^[0-9a-f]{16}$/);
  expect(id.request).toMatch(/^[0-9a-f]{8}$/);
  // the same stack created again (new unique suffix) is the same resource
  expect(identityOf(STACK.replace('11111111', '99999999'), 'Numbers', 'r2').resource).toBe(id.resource);
  // another logical ID, another stack name, another region: other resources
  expect(identityOf(STACK, 'Numbers2', 'r1').resource).not.toBe(id.resource);
  expect(identityOf(STACK.replace('Telephony', 'Other'), 'Numbers', 'r1').resource).not.toBe(id.resource);
  expect(identityOf(STACK.replace('us-east-1', 'us-west-2'), 'Numbers', 'r1').resource).not.toBe(id.resource);
  expect(identityOf(STACK, 'Numbers', 'r2').request).not.toBe(id.request);
});

test('a Name carries the label and the mark; both are read back, and the mark fits the length the construct reserves', () => {
  const mark = markOf(identityOf(STACK, 'Numbers', 'r1'), 'adopted');
  const name = nameWith('front desk', mark);
  expect(name).toBe(`front desk ${markWord(mark)}`);
  expect(parseName(name)).toEqual({ label: 'front desk', mark });
  expect(parseName('no mark here')).toEqual({ label: 'no mark here' });
  expect(parseName(undefined)).toEqual({ label: '' });
  expect(nameWith('', mark)).toBe(markWord(mark));
  expect(MARK_LENGTH).toBe(NAME_MARK_LENGTH);
  expect(` ${markWord(mark)}`).toHaveLength(MARK_LENGTH);
  // the model's pattern for a Name
  expect(name).toMatch(/^$|^[a-zA-Z0-9,._-]+(\s+[a-zA-Z0-9,._-]+)*$/);
});

test('owners: self, former (let go by this resource), other, none (unmarked or let go by another), unknown (legacy)', () => {
  const me = identityOf(STACK, 'Numbers', 'r1');
  const them = identityOf(STACK, 'Them', 'r1');
  expect(ownerOf(markOf(me, 'ordered'), me, true).kind).toBe('self');
  expect(ownerOf(markOf(me, 'adopted'), me, true).kind).toBe('self');
  expect(ownerOf(markOf(me, 'let-go'), me, true).kind).toBe('former');
  expect(ownerOf(markOf(them, 'ordered'), me, true).kind).toBe('other');
  expect(ownerOf(markOf(them, 'let-go'), me, true).kind).toBe('none');
  expect(ownerOf(undefined, me, true).kind).toBe('none');
  expect(ownerOf(markOf(me, 'ordered'), me, false).kind).toBe('unknown');
});

test('a SIP rule\'s routing mark names the resource and (hashed) the number it routes; it fits the model\'s SIP rule name and owns no number', () => {
  const me = identityOf(STACK, 'Numbers', 'r1');
  const [a, b] = [routeMark(me, '+12065550100'), routeMark(me, '+12065550101')];
  expect(a).toEqual({ resource: me.resource, kind: 'routed', request: expect.stringMatching(/^[0-9a-f]{8}$/) });
  expect(a.request).not.toBe(b.request);
  expect(routeMark(identityOf(STACK, 'Numbers', 'another request'), '+12065550100')).toEqual(a);
  expect(markWord(a)).not.toContain('2065550100');
  expect(parseName(`PhoneNumberOrder ${markWord(a)}`)).toEqual({ label: 'PhoneNumberOrder', mark: a });
  // SipRuleName: 1 to 256 of [a-zA-Z0-9 _.-]
  expect(`PhoneNumberOrder ${markWord(a)}`).toMatch(/^[a-zA-Z0-9 _.-]{1,256}$/);
  expect(ownerOf(a, me, true).kind).toBe('none');
});
