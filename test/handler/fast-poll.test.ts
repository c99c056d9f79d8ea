import { pollDelays } from '../../lambda/fast-poll';

const cumulative = (delays: number[]) => delays.reduce<number[]>((acc, d) => [...acc, (acc[acc.length - 1] ?? 0) + d], []);

test('the inline poll schedule starts at 250 ms, grows by half, caps at 2.5 s and ends exactly at the window', () => {
  const delays = pollDelays(30_000);
  expect(delays.slice(0, 4)).toEqual([250, 375, 562.5, 843.75]);
  expect(Math.max(...delays)).toBe(2_500);
  expect(cumulative(delays).pop()).toBe(30_000);
  // A fixed 5 s interval polls 7 times in 30 s; the goal allows ten more.
  expect(delays.length).toBeLessThanOrEqual(17);
});

test('every order finishing inside the window is seen within 0.5 s plus 10 % of its duration, or 2.5 s', () => {
  const polls = cumulative(pollDelays(30_000));
  for (let done = 0; done <= 30_000; done += 100) {
    const seen = polls.find(t => t >= done)!;
    expect(seen - done).toBeLessThanOrEqual(Math.max(500 + done / 10, 2_500));
  }
});

test('no window, no polls', () => expect(pollDelays(0)).toEqual([]));
