import { UsageError, parseArgs } from '../../tools/chaos/args';

test('reads the options, with defaults', () => {
  expect(parseArgs([])).toEqual({ help: false });
  expect(parseArgs(['--ci', '--seed', '3'])).toEqual({ ci: true, seed: 3, help: false });
  expect(parseArgs(['--runs', '200', '--seed=7', '--concurrency', '8', '--json', 'out.json', '--only', '3,5', '--keep', 'runs'])).toEqual({
    runs: 200, seed: 7, concurrency: 8, json: 'out.json', only: [3, 5], keep: 'runs', help: false,
  });
  expect(parseArgs(['--help']).help).toBe(true);
});

test('unknown options and bad values are usage errors', () => {
  expect(() => parseArgs(['--run', '3'])).toThrow(UsageError);
  expect(() => parseArgs(['--runs'])).toThrow(/--runs needs a value/);
  expect(() => parseArgs(['--runs', '0'])).toThrow(/--runs must be an integer from 1/);
  expect(() => parseArgs(['--concurrency', 'many'])).toThrow(UsageError);
  expect(() => parseArgs(['extra'])).toThrow(/unknown option "extra"/);
});
