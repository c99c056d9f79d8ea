// A local Step Functions endpoint (AWS JSON 1.0, as the SDK speaks it) with the one operation the
// Provider framework calls: StartExecution of its waiter, run from the state machine's definition
// in the deployed template. The SDK finds it through AWS_ENDPOINT_URL_SFN.
import { randomUUID } from 'crypto';
import * as http from 'http';
import { serveLocally, type LocalServer } from './local-server';
import { Definition, ExecutionResult, parseDefinition, runExecution } from './state-machine';
import type { ExecutionDeps } from './state-machine';
import type { Json } from './template';

export interface MachineRecord {
  arn: string;
  name: string;
  definition: Json;
}

export interface StepFunctionsOptions {
  /** The state machine of a deployed stack with this ARN. */
  machine(arn: string): MachineRecord | undefined;
  /** How its tasks run: Lambda, the clock, the Retry as the local deploy adjusts it. */
  deps(machineArn: string): ExecutionDeps;
  /** Told when an execution starts, with its end; the input is what the caller passed. */
  started(input: Json, done: Promise<ExecutionResult>, executionArn: string): void;
}

export type StepFunctionsEndpoint = LocalServer;

export async function startStepFunctions(options: StepFunctionsOptions): Promise<StepFunctionsEndpoint> {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      const reply = (status: number, payload: object) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
        res.end(JSON.stringify(payload));
      };
      const target = String(req.headers['x-amz-target'] ?? '');
      if (req.method !== 'POST' || target !== 'AWSStepFunctions.StartExecution') {
        reply(400, { __type: 'UnknownOperationException', message: `local deploy's Step Functions serves StartExecution only, not ${target || req.method}` });
        return;
      }
      let request: { stateMachineArn?: string; input?: string; name?: string };
      try {
        request = JSON.parse(body);
      } catch {
        reply(400, { __type: 'SerializationException', message: 'The request body is not JSON' });
        return;
      }
      const machine = request.stateMachineArn ? options.machine(request.stateMachineArn) : undefined;
      if (!machine) {
        reply(400, { __type: 'StateMachineDoesNotExist', message: `State Machine Does Not Exist: '${request.stateMachineArn}'` });
        return;
      }
      let definition: Definition;
      let input: Json;
      try {
        definition = parseDefinition(machine.definition);
      } catch (err) {
        reply(400, { __type: 'InvalidDefinition', message: `local deploy cannot run ${machine.arn}: ${(err as Error).message}` });
        return;
      }
      try {
        input = request.input === undefined ? {} : JSON.parse(request.input);
      } catch {
        reply(400, { __type: 'InvalidExecutionInput', message: 'Invalid State Machine Execution Input: input is not JSON' });
        return;
      }
      const executionArn = `${machine.arn.replace(':stateMachine:', ':execution:')}:${request.name ?? randomUUID()}`;
      options.started(input, runExecution(definition, input, options.deps(machine.arn)), executionArn);
      reply(200, { executionArn, startDate: Date.now() / 1000 });
    });
  });
  return serveLocally(server);
}
