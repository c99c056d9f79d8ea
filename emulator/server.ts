/** The HTTP side: wire format, request pipeline (auth, faults, operation), statistics, lifecycle. */
import { randomInt, randomUUID } from 'crypto';
import * as http from 'http';
import type { AddressInfo } from 'net';
import { authenticate, detectApi } from './auth';
import { handleControl } from './control';
import { DEFAULT_CREDENTIALS, EmulatorCredentials } from './credentials';
import { ApiError } from './errors';
import { emptyCounters, FaultInjector, FaultPlan, validateFaultSettings } from './faults';
import { Model } from './model';
import { maskText } from './numbers';
import { runOperation } from './operations';
import { loadState, saveState } from './persistence';
import { RandomStreams, streams } from './random';
import { matchRoute } from './routes';
import {
  AssociationName,
  ConfigurablePatch,
  Emulator,
  EmulatorOptions,
  EmulatorOrder,
  EmulatorPhoneNumber,
  EmulatorRouting,
  EmulatorStats,
  FaultSettings,
  InjectedFault,
  OrderScript,
  ReleaseFailureScript,
  SeededNumber,
  TakeAfterSearchScript,
  UnrelatedOrderOptions,
} from './types';
import { groupToWire, sipRuleToWire, smaToWire, voiceConnectorToWire } from './routing-operations';
import { numberView, orderView } from './wire';

const SEVEN_DAYS_MS = 7 * 24 * 3600_000;
const MAX_BODY_BYTES = 1024 * 1024;
const MAX_MALFORMED_DETAILS = 1000;

interface Settings {
  orderDelayMs: number;
  deletionQueueMs: number;
  maxPageSize?: number;
  faults: FaultSettings;
}

function checkSettings(patch: ConfigurablePatch): void {
  const nonNegative = (v: unknown, name: string) => {
    if (v !== undefined && !(typeof v === 'number' && Number.isFinite(v) && v >= 0)) throw new Error(`${name} must be a non-negative number`);
  };
  nonNegative(patch.orderDelayMs, 'orderDelayMs');
  nonNegative(patch.deletionQueueMs, 'deletionQueueMs');
  const p = patch.maxPageSize;
  if (p !== undefined && p !== null && !(Number.isInteger(p) && p >= 1)) throw new Error('maxPageSize must be a positive integer');
  if (patch.faults !== undefined) validateFaultSettings(patch.faults);
}

function checkCredentials(list: EmulatorCredentials[]): void {
  const ok = Array.isArray(list) && list.every((c) => typeof c?.accessKeyId === 'string' && c.accessKeyId !== '' && typeof c.secretAccessKey === 'string');
  if (!ok) throw new Error('credentials must be a list of { accessKeyId, secretAccessKey }');
}

function emptyStats(): EmulatorStats {
  return { requests: 0, byOperation: {}, malformed: 0, malformedDetails: [], faultsInjected: emptyCounters() };
}

function faultError(kind: NonNullable<FaultPlan['before']>): ApiError {
  switch (kind) {
    case 'throttle':
      return new ApiError('ThrottledClient', 'Rate exceeded.');
    case 'server-error':
      return new ApiError('ServiceFailure', 'The service encountered an unexpected error.');
    case 'service-unavailable':
      return new ApiError('ServiceUnavailable', 'The service is currently unavailable.');
    case 'access-denied':
      return new ApiError('AccessDenied', 'You do not have sufficient access to perform this action.');
    case 'resource-limit-exceeded':
      return new ApiError('ResourceLimitExceeded', 'The request exceeds the resource limit.');
    default:
      return new ApiError('BadRequest', 'Injected bad request.');
  }
}

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

class ChimeEmulator implements Emulator {
  url = '';
  port = 0;
  private readonly server: http.Server;
  private readonly seed: number;
  private readonly clock: () => number;
  private readonly signingClock: () => number;
  private clockOffset = 0;
  private rng!: RandomStreams;
  private settings!: Settings;
  private model!: Model;
  private faults!: FaultInjector;
  private statsData: EmulatorStats = emptyStats();
  private closed = false;
  private readonly sleepers = new Map<NodeJS.Timeout, () => void>();

  constructor(private readonly options: EmulatorOptions) {
    checkSettings(options);
    this.seed = options.seed !== undefined ? options.seed >>> 0 : randomInt(0, 2 ** 32);
    this.clock = options.clock ?? Date.now;
    this.signingClock = options.signingClock ?? Date.now;
    if (options.credentials !== undefined) checkCredentials(options.credentials);
    this.init();
    if (options.stateFile) {
      const saved = loadState(options.stateFile);
      if (saved) {
        this.model.load(saved.account);
        this.rng.ids.state = saved.rng.ids;
        this.rng.misc.state = saved.rng.misc;
      }
    }
    this.server = http.createServer((req, res) => {
      this.onRequest(req, res).catch((e) => {
        console.error('[chime-emulator] internal error', e);
        res.destroy();
      });
    });
  }

  /** The state and settings the emulator starts with; reset() returns here. */
  private init(): void {
    this.rng = streams(this.seed);
    this.settings = {
      orderDelayMs: this.options.orderDelayMs ?? 0,
      deletionQueueMs: this.options.deletionQueueMs ?? SEVEN_DAYS_MS,
      maxPageSize: this.options.maxPageSize,
      faults: { ...(this.options.faults ?? {}) },
    };
    this.model = new Model(() => this.now(), this.rng.ids, this.settings);
    this.faults = new FaultInjector(this.rng.faults, this.settings.faults);
    this.statsData = emptyStats();
    this.clockOffset = 0;
  }

  private now(): number {
    return this.clock() + this.clockOffset;
  }

  listen(port: number, host: string): Promise<void> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        this.port = (this.server.address() as AddressInfo).port;
        this.url = `http://${host.includes(':') ? `[${host}]` : host}:${this.port}`;
        resolve();
      });
    });
  }

  close(): Promise<void> {
    this.closed = true;
    for (const [timer, wake] of this.sleepers) {
      clearTimeout(timer);
      wake();
    }
    this.sleepers.clear();
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.sleepers.delete(timer);
        resolve();
      }, ms);
      this.sleepers.set(timer, resolve);
    });
  }

  private persist(): void {
    if (!this.options.stateFile) return;
    saveState(this.options.stateFile, { account: this.model.toState(), rng: { ids: this.rng.ids.state, misc: this.rng.misc.state } });
  }

  /** Every entry point applies due transitions first, so reads never see a stale clock. */
  private settle(): void {
    if (this.model.settle()) this.persist();
  }

  private log(line: string): void {
    if (this.options.logRequests) console.log(`[chime-emulator] ${maskText(line)}`);
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const rawBody = await readBody(req);
    const body = rawBody.toString('utf8');
    if (/^\/_emulator(\/|\?|$)/.test(rawUrl)) {
      const result = handleControl(this, method, rawUrl, body);
      this.send(res, result.status, result.body);
      return;
    }
    const route = matchRoute(method, rawUrl);
    const api = detectApi(req.headers, this.options.defaultApi ?? 'chime-sdk-voice');
    const op = route.operation;
    const stats = this.statsData;
    stats.requests++;
    stats.byOperation[op] = (stats.byOperation[op] ?? 0) + 1;
    const tag = `${api} ${method} ${rawUrl} ${op}`;
    let plan: FaultPlan = { dropAfterAct: false, latencyMs: 0 };
    try {
      const auth = authenticate({ method, rawUrl, headers: req.headers, body: rawBody }, api, {
        credentials: this.options.credentials ?? [DEFAULT_CREDENTIALS],
        now: this.signingClock(),
      });
      if ('noEndpoint' in auth) {
        // Closest to a DNS failure on voice-chime.<region>.amazonaws.com: no answer at all, which the SDK
        // classifies as a network error and retries, then fails, as it would in AWS.
        this.countMalformed(`${op} (${api}): signed for ${auth.noEndpoint}, where Chime SDK Voice has no endpoint`);
        this.log(`${tag} -> connection dropped: no Chime SDK Voice endpoint in ${auth.noEndpoint}`);
        return void res.destroy();
      }
      if (op === 'Unknown') {
        throw new ApiError('NotFound', `No operation matches ${method} ${route.path}.`, { malformed: true });
      }
      plan = this.faults.plan(op);
      if (plan.latencyMs > 0) await this.sleep(plan.latencyMs);
      if (this.closed) return void res.destroy();
      if (plan.before === 'drop-before-act') {
        this.log(`${tag} -> connection dropped before acting`);
        return void res.destroy();
      }
      if (plan.before) throw faultError(plan.before);
      this.settle();
      const afterSearch = (found: string[]) => this.raceSearch(found);
      const result = runOperation({ model: this.model, seed: this.seed, maxPageSize: this.settings.maxPageSize, afterSearch }, op, api, route, body);
      if (result.mutated) this.persist();
      if (plan.dropAfterAct) {
        this.log(`${tag} -> ${result.status}, connection dropped after acting`);
        return void res.destroy();
      }
      this.log(`${tag} -> ${result.status}`);
      this.send(res, result.status, result.body);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError('ServiceFailure', 'The emulator failed unexpectedly.');
      if (!(e instanceof ApiError)) console.error('[chime-emulator] unexpected error', e);
      if (err.malformed) this.countMalformed(`${op} (${api}): ${err.message}`);
      if (plan.dropAfterAct) {
        this.log(`${tag} -> ${err.status} ${err.headerName}, connection dropped`);
        return void res.destroy();
      }
      this.log(`${tag} -> ${err.status} ${err.headerName}: ${err.message}`);
      this.send(res, err.status, err.toBody(), { 'x-amzn-ErrorType': err.headerName });
    }
  }

  /** Another customer takes some of the numbers a search found, between the search and our order. */
  private raceSearch(found: string[]): void {
    if (found.length === 0) return;
    const share = this.model.scripts.takeTakeAfterSearch() ?? (this.faults.takesAfterSearch() ? 0.5 : undefined);
    if (share === undefined) return;
    const taken = found.slice(0, Math.max(1, Math.round(found.length * share)));
    this.model.take(taken);
    this.persist();
    this.log(`another customer took ${taken.length} of the ${found.length} numbers the search found`);
  }

  private countMalformed(detail: string): void {
    const stats = this.statsData;
    stats.malformed++;
    if (stats.malformedDetails.length < MAX_MALFORMED_DETAILS) stats.malformedDetails.push(maskText(detail));
  }

  private send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const payload = body === undefined ? '' : JSON.stringify(body);
    res.writeHead(status, {
      date: new Date(this.signingClock()).toUTCString(),
      ...(payload ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : { 'content-length': 0 }),
      'x-amzn-RequestId': randomUUID(),
      ...headers,
    });
    res.end(payload);
  }

  // ---- controls ----

  configure(patch: ConfigurablePatch): void {
    checkSettings(patch);
    if (patch.orderDelayMs !== undefined) this.settings.orderDelayMs = patch.orderDelayMs;
    if (patch.deletionQueueMs !== undefined) this.settings.deletionQueueMs = patch.deletionQueueMs;
    if ('maxPageSize' in patch) this.settings.maxPageSize = patch.maxPageSize ?? undefined;
    // Fault settings are replaced as a whole, so configure({ faults: {} }) turns them all off.
    if (patch.faults !== undefined) this.settings.faults = this.faults.settings = { ...patch.faults };
  }

  setUnavailable(numbers: string[]): void {
    this.model.setUnavailable(numbers);
    this.persist();
  }

  associate(number: string, name: AssociationName, value: string): void {
    this.settle();
    this.model.associate(number, name, value);
    this.persist();
  }

  disassociate(number: string): void {
    this.settle();
    this.model.disassociate(number);
    this.persist();
  }

  addUnrelatedOrders(count: number, opts: UnrelatedOrderOptions = {}): void {
    this.model.addUnrelatedOrders(count, opts, this.rng.misc);
    this.persist();
  }

  injectOnce(fault: InjectedFault): void {
    this.faults.injectOnce(fault);
  }

  scriptOrder(script: OrderScript): void {
    this.model.scripts.addOrderScript(script);
  }

  failReleases(failure: ReleaseFailureScript): void {
    this.model.scripts.addReleaseFailure(failure);
  }

  putNumber(number: SeededNumber): void {
    this.settle();
    this.model.putNumber(number);
    this.persist();
  }

  takeNumbers(numbers: string[]): void {
    this.settle();
    this.model.take(numbers);
    this.persist();
  }

  takeAfterSearch(script?: TakeAfterSearchScript): void {
    this.model.scripts.addTakeAfterSearch(script);
  }

  takenNumbers(): string[] {
    return [...this.model.taken].sort();
  }

  advanceClock(ms: number): void {
    if (!(typeof ms === 'number' && Number.isFinite(ms) && ms >= 0)) throw new Error('ms must be a non-negative number');
    this.clockOffset += ms;
    this.settle();
  }

  reset(): void {
    this.init();
    this.persist();
  }

  // ---- inspection ----

  orders(): EmulatorOrder[] {
    this.settle();
    return this.model.orders.map((o) => orderView(o));
  }

  phoneNumbers(): EmulatorPhoneNumber[] {
    this.settle();
    return [...this.model.inventory.values()].map(numberView);
  }

  routing(): EmulatorRouting {
    this.settle();
    const r = this.model.routing.state;
    return {
      voiceConnectors: r.voiceConnectors.map(voiceConnectorToWire),
      voiceConnectorGroups: r.voiceConnectorGroups.map(groupToWire),
      sipMediaApplications: r.sipMediaApplications.map(smaToWire),
      sipRules: r.sipRules.map(sipRuleToWire),
    };
  }

  stats(): EmulatorStats {
    const copy = JSON.parse(JSON.stringify(this.statsData)) as EmulatorStats;
    return { ...copy, faultsInjected: { ...this.faults.counters } };
  }
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const emu = new ChimeEmulator(options);
  await emu.listen(options.port ?? 0, options.host ?? '127.0.0.1');
  return emu;
}

