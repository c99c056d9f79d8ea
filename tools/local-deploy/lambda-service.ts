// A local Lambda endpoint (REST JSON, as the SDK speaks it) with what the Provider framework calls:
// Invoke (RequestResponse) of the user functions, and GetFunction for the SDK's
// waitUntilFunctionActiveV2, which the framework uses before it re-invokes after a failed invoke.
// The SDK finds it through AWS_ENDPOINT_URL_LAMBDA.
import { randomUUID } from 'crypto';
import * as http from 'http';
import { serveLocally, type LocalServer } from './local-server';
import type { FunctionSpec, InvokeOutcome } from './lambda-runner';

export interface LambdaServiceOptions {
  /** The deployed function with this name or ARN (a qualifier allowed). */
  resolve(nameOrArn: string): FunctionSpec | undefined;
  invoke(spec: FunctionSpec, payload: unknown): Promise<InvokeOutcome>;
  /** Whether to lose this invoke's answer: the function ran, the connection drops before its result. */
  loseAnswer(payload: unknown): boolean;
  note(type: string, record: Record<string, unknown>): void;
}

export type LambdaEndpoint = LocalServer;

const FUNCTION_PATH = /^\/2015-03-31\/functions\/([^/]+)(\/invocations)?$/;

export async function startLambdaService(options: LambdaServiceOptions): Promise<LambdaEndpoint> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void serve(options, req, res, Buffer.concat(chunks)).catch(err => {
        fail(res, 500, 'ServiceException', `local deploy's Lambda endpoint failed: ${(err as Error).message}`);
      });
    });
  });
  return serveLocally(server);
}

async function serve(options: LambdaServiceOptions, req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const match = FUNCTION_PATH.exec(url.pathname);
  if (!match) return fail(res, 404, 'UnknownOperationException', `local deploy's Lambda endpoint serves Invoke and GetFunction only, not ${req.method} ${url.pathname}`);
  const name = decodeURIComponent(match[1]);
  const spec = options.resolve(name);
  if (!spec) return fail(res, 404, 'ResourceNotFoundException', `Function not found: ${name}`);
  if (!match[2] && req.method === 'GET') {
    options.note('lambda.GetFunction', { functionName: spec.name });
    return json(res, 200, { Configuration: configuration(spec), Code: { RepositoryType: 'S3' } });
  }
  if (!match[2] || req.method !== 'POST') return fail(res, 404, 'UnknownOperationException', `${req.method} ${url.pathname} is not a Lambda operation`);
  const type = String(req.headers['x-amz-invocation-type'] ?? 'RequestResponse');
  if (type === 'DryRun') return void res.writeHead(204).end();
  let payload: unknown;
  try {
    payload = body.length === 0 ? {} : JSON.parse(body.toString('utf8'));
  } catch {
    return fail(res, 400, 'InvalidRequestContentException', 'Could not parse request body into json');
  }
  if (type === 'Event') {
    void options.invoke(spec, payload);
    return void res.writeHead(202, { 'x-amzn-requestid': randomUUID() }).end();
  }
  const outcome = await options.invoke(spec, payload);
  if (options.loseAnswer(payload)) {
    options.note('lambda.answer-lost', { functionName: spec.name, requestId: (payload as { RequestId?: string })?.RequestId });
    req.socket.destroy();
    return;
  }
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST', 'x-amzn-requestid': randomUUID() };
  if (!outcome.ok) {
    headers['x-amz-function-error'] = 'Unhandled';
    res.writeHead(200, headers).end(JSON.stringify({ errorType: outcome.errorType, errorMessage: outcome.errorMessage, trace: outcome.trace ?? [] }));
    return;
  }
  res.writeHead(200, headers).end(JSON.stringify(outcome.payload ?? null));
}

function configuration(spec: FunctionSpec): Record<string, unknown> {
  return {
    FunctionName: spec.name, FunctionArn: spec.arn, Runtime: spec.runtime, Handler: spec.handler,
    Timeout: spec.timeoutSeconds, MemorySize: spec.memoryMb, Version: '$LATEST',
    State: 'Active', LastUpdateStatus: 'Successful', PackageType: 'Zip',
    Environment: { Variables: spec.environment },
  };
}

function json(res: http.ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-requestid': randomUUID() }).end(JSON.stringify(body));
}

function fail(res: http.ServerResponse, status: number, type: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-amzn-errortype': type, 'x-amzn-requestid': randomUUID() });
  res.end(JSON.stringify({ Type: 'User', message }));
}
