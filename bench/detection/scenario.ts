import { randomUUID } from 'crypto';
import { DEFAULT_CREDENTIALS, startEmulator, type Emulator } from '../../emulator';
import { BUNDLE } from '../paths';
import type { Detected } from '../types';
import { driveEvent } from './framework';
import { Sandbox } from './sandbox-client';
import type { Strategy } from './strategies';

/** Past the order's own duration, how long a scenario may take before it counts as broken. */
const SLACK_MS = 60_000;

export interface Scenario {
  readonly strategy: Strategy;
  readonly orderSeconds: number;
  readonly seed: number;
}

/** A scenario with its emulator and sandbox up, ready to start the clock. */
export interface Prepared {
  readonly scenario: Scenario;
  run(): Promise<Detected>;
  close(): Promise<void>;
}

/** Its own emulator, so the emulator's request counts are this one order's alone. */
export async function prepare(scenario: Scenario): Promise<Prepared> {
  const emulator = await startEmulator({ seed: scenario.seed, orderDelayMs: scenario.orderSeconds * 1000 });
  let sandbox: Sandbox;
  try {
    sandbox = await Sandbox.start(sandboxEnv(scenario.strategy, emulator.url));
  } catch (err) {
    await emulator.close();
    throw err;
  }
  return {
    scenario,
    run: () => measure(scenario, emulator, sandbox),
    close: async () => {
      sandbox.close();
      await emulator.close();
    },
  };
}

async function measure(scenario: Scenario, emulator: Emulator, sandbox: Sandbox): Promise<Detected> {
  const giveUpAt = Date.now() + scenario.orderSeconds * 1000 + SLACK_MS;
  const { learnedAt, data } = await driveEvent(sandbox, createEvent(), scenario.strategy.queryIntervalMs, giveUpAt);
  const order = emulator.orders().find(o => o.PhoneNumberOrderId === data.OrderId);
  if (data.OrderStatus !== 'Successful' || !order) throw new Error(`${describe(scenario)}: expected a Successful order, got ${JSON.stringify(data)}`);
  if (order.Status === 'Processing') throw new Error(`${describe(scenario)}: the handler reported the order terminal while it was Processing`);
  const malformed = emulator.stats().malformedDetails;
  if (malformed.length > 0) throw new Error(`${describe(scenario)}: malformed requests: ${malformed.join('; ')}`);
  return {
    // UpdatedTimestamp of a terminal order is the moment it left Processing.
    overheadSeconds: (learnedAt - Date.parse(order.UpdatedTimestamp)) / 1000,
    getCalls: emulator.stats().byOperation.GetPhoneNumberOrder ?? 0,
  };
}

function sandboxEnv(strategy: Strategy, endpoint: string): Record<string, string> {
  return {
    BENCH_HANDLER: BUNDLE,
    AWS_ENDPOINT_URL_CHIME: endpoint,
    AWS_ENDPOINT_URL_CHIME_SDK_VOICE: endpoint,
    AWS_ACCESS_KEY_ID: DEFAULT_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: DEFAULT_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    // What PhoneNumberOrderProvider sets on isComplete (default totalTimeout 30 minutes).
    TOTAL_TIMEOUT_SECONDS: '1800',
    QUERY_INTERVAL_SECONDS: String(strategy.queryIntervalMs / 1000),
    ...(strategy.inlineWaitSeconds === undefined ? {} : { INLINE_WAIT_SECONDS: String(strategy.inlineWaitSeconds) }),
  };
}

/** A Create as CloudFormation sends it for `new PhoneNumberOrder(..., { productType: VOICE_CONNECTOR, e164PhoneNumbers: [...] })`. */
function createEvent(): object {
  return {
    RequestType: 'Create',
    RequestId: randomUUID(),
    StackId: 'arn:aws:cloudformation:us-east-1:123456789012:stack/Bench/00000000-0000-0000-0000-000000000000',
    LogicalResourceId: 'N0',
    ResourceType: 'Custom::ChimePhoneNumberOrder',
    ResourceProperties: {
      ServiceToken: 'arn:aws:lambda:us-east-1:123456789012:function:framework-onEvent',
      ProductType: 'VoiceConnector',
      E164PhoneNumbers: ['+12065550100'],
      Api: 'chime-sdk-voice',
      AllowPartial: 'false',
    },
  };
}

export const describe = (s: Scenario) => `${s.strategy.name} on a ${s.orderSeconds} s order (seed ${s.seed})`;
