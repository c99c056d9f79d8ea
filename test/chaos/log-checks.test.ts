// The log checks on made-up lines: a zero from them must mean "nothing found", not "could not find anything".
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { readLambdaLog } from '../../tools/chaos/audit/lambda-log';
import { LogScanner } from '../../tools/chaos/log-scan';

test('finds a whole number, also glued to a word, but not the digits of a UUID or an ARN\'s account', () => {
  const scan = new LogScanner(['s3cr3t']);
  scan.add('{"message":"placed order","orderId":"ced754b9-0703-4e67-acd9-a1234567890c"}');
  scan.add('{"message":"released","numbers":["***0100"]}');
  scan.add('{"executionArn":"arn:aws:states:us-east-1:123456789012:execution:waiter:ef30c91a"}');
  expect(scan.figures.fullNumbers).toBe(0);
  scan.add('{"message":"oops","number":"+12055550100"}');
  scan.add('id-12055550101 was not masked');
  scan.add('arn:aws:lambda:us-east-1:123456789012:function:12055550102');
  expect(scan.figures).toMatchObject({ lines: 6, jsonLines: 4, fullNumbers: 3 });
  expect(scan.figures.samples.join(' ')).not.toMatch(/\d{7}/);
});

test('finds credentials and signing material', () => {
  const scan = new LogScanner(['s3cr3t']);
  scan.add('secret is s3cr3t');
  scan.add('authorization: AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/chime/aws4_request, Signature=abc');
  expect(scan.figures.credentials).toBe(2);
  expect(scan.figures.samples.join(' ')).not.toContain('s3cr3t');
});

test('the handler log: invocations past their timeout, runtime crashes, events at once, delivery faults applied', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'chaos-log-')), 'lambda.log');
  const line = (time: string, type: string, record: object) => JSON.stringify({ time: `2026-01-01T00:00:0${time}Z`, type, record });
  fs.writeFileSync(file, [
    line('0', 'local-deploy.request', { requestId: 'r1', faults: ['duplicate-at-once'] }),
    line('1', 'local-deploy.request', { requestId: 'r2', faults: [] }),
    line('2', 'local-deploy.response', { requestId: 'r1' }),
    line('3', 'local-deploy.request', { requestId: 'r3', faults: ['duplicate-at-once'] }),
    line('4', 'local-deploy.response', { requestId: 'r2' }),
    line('5', 'local-deploy.response', { requestId: 'r3' }),
    line('6', 'platform.report', { functionName: 'OnEvent', requestId: 'x', status: 'timeout' }),
    line('6', 'platform.report', { functionName: 'OnEvent', requestId: 'y', status: 'success' }),
    JSON.stringify({ timestamp: 't', level: 'ERROR', requestId: 'z', message: { errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: 'boom +12055550100' } }),
    JSON.stringify({ timestamp: 't', level: 'ERROR', requestId: 'z', message: { errorType: 'EventFailure', errorMessage: 'refused' } }),
  ].join('\n'));
  const figures = readLambdaLog(file, []);
  expect(figures).toMatchObject({ hangs: ['OnEvent (x)'], maxConcurrentEvents: 2, deliveryFaults: { 'duplicate-at-once': 2 } });
  expect(figures.crashes).toEqual(['Runtime.UnhandledPromiseRejection: boom ***0100']);
  expect(figures.logs.fullNumbers).toBe(1);
});
