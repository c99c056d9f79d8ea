'use strict';
// One warm Lambda container: plays the Node.js runtime for a single function. Plain JavaScript with
// no dependencies, because it must start under bare `node` in the function's own directory, as
// Lambda starts the function's code. stdout and stderr are the log file (the parent opens it).
const fs = require('fs');
const path = require('path');
const util = require('util');
const { pathToFileURL } = require('url');

const LEVELS = { TRACE: 0, DEBUG: 1, INFO: 2, WARN: 3, ERROR: 4, FATAL: 5 };
const jsonLogs = process.env.AWS_LAMBDA_LOG_FORMAT === 'JSON';
const minLevel = LEVELS[String(process.env.AWS_LAMBDA_LOG_LEVEL || 'INFO').toUpperCase()] ?? LEVELS.INFO;
let requestId;
let loaded;

// The local CloudFormation response endpoint, when it cannot listen on port 443 itself: connections
// to HOST:443 go to its real port, as DNS and S3 would route them. The function never sees this.
const redirect = /^([^:]+):443=([^:]+):(\d+)$/.exec(process.env._LOCAL_DEPLOY_HTTPS_REDIRECT || '');
delete process.env._LOCAL_DEPLOY_HTTPS_REDIRECT;
if (redirect) {
  const https = require('https');
  const agent = https.globalAgent;
  const createConnection = agent.createConnection;
  agent.createConnection = function (options, ...rest) {
    const port = Number(options.port || 443);
    const routed = options.host === redirect[1] && port === 443 ? { ...options, host: redirect[2], port: Number(redirect[3]), servername: undefined } : options;
    return createConnection.call(this, routed, ...rest);
  };
}

// The runtime's JSON format: one object per console call, the lone argument kept as a value.
function errorReplacer(_key, value) {
  if (value instanceof Error) {
    return Object.assign({
      errorType: value.constructor?.name ?? 'UnknownError',
      errorMessage: value.message,
      stackTrace: typeof value.stack === 'string' ? value.stack.split('\n') : value.stack,
    }, value);
  }
  return value;
}

function formatJson(level, args) {
  const record = { timestamp: new Date().toISOString(), level, requestId };
  if (args.length === 1) {
    record.message = args[0];
    try {
      return JSON.stringify(record, errorReplacer);
    } catch {
      record.message = util.format(args[0]);
      return JSON.stringify(record);
    }
  }
  record.message = util.format(...args);
  const error = args.find(a => a instanceof Error);
  if (error) Object.assign(record, errorReplacer('', error));
  return JSON.stringify(record);
}

function emit(level, args) {
  if (jsonLogs && LEVELS[level] < minLevel) return;
  const line = jsonLogs
    ? formatJson(level, args)
    // Text format keeps a multi-line message in one log event, as CloudWatch shows it.
    : `${new Date().toISOString()}\t${requestId ?? 'undefined'}\t${level}\t${util.format(...args)}`.replace(/\n/g, '\r');
  fs.writeSync(1, `${line}\n`);
}

console.trace = (...args) => emit('TRACE', args);
console.debug = (...args) => emit('DEBUG', args);
console.log = (...args) => emit('INFO', args);
console.info = (...args) => emit('INFO', args);
console.warn = (...args) => emit('WARN', args);
console.error = (...args) => emit('ERROR', args);
console.fatal = (...args) => emit('FATAL', args);

// Paths as Lambda reports them: the function's code in /var/task, the runtime's in /var/runtime.
const LAMBDA_PATHS = [[process.env.LAMBDA_TASK_ROOT, '/var/task'], [__dirname, '/var/runtime']]
  .filter(([local]) => local)
  .map(([local, remote]) => [new RegExp(local.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'), remote]);

function lambdaPaths(line) {
  return LAMBDA_PATHS.reduce((text, [local, remote]) => text.replace(local, remote), line);
}

function toError(err) {
  if (err instanceof Error) {
    const trace = typeof err.stack === 'string' ? err.stack.split('\n').map(lambdaPaths) : [];
    return { errorType: err.name || 'Error', errorMessage: err.message, trace };
  }
  return { errorType: typeof err, errorMessage: String(err), trace: [] };
}

class RuntimeError extends Error {
  constructor(name, message) {
    super(message);
    this.name = name;
  }
}

async function loadHandler() {
  const spec = process.env._HANDLER || '';
  const match = /^(.*?)\.([^/]+)$/.exec(spec);
  if (!match) throw new RuntimeError('Runtime.MalformedHandlerName', `Bad handler ${spec}`);
  const [, modulePath, functionPath] = match;
  const base = path.resolve(process.env.LAMBDA_TASK_ROOT || process.cwd(), modulePath);
  const file = ['.js', '.mjs', '.cjs'].map(ext => base + ext).find(f => fs.existsSync(f));
  if (!file) throw new RuntimeError('Runtime.ImportModuleError', `Error: Cannot find module '${modulePath}'`);
  const mod = file.endsWith('.mjs') ? await import(pathToFileURL(file).href) : await requireOrImport(file);
  const handler = functionPath.split('.').reduce((obj, key) => (obj == null ? undefined : obj[key]), mod);
  if (typeof handler !== 'function') throw new RuntimeError('Runtime.HandlerNotFound', `${spec} is undefined or not exported`);
  return handler;
}

/** A .js file of an ES module package cannot be required (Node 20); Lambda imports it. */
async function requireOrImport(file) {
  try {
    return require(file);
  } catch (err) {
    if (err && err.code === 'ERR_REQUIRE_ESM') return import(pathToFileURL(file).href);
    throw err;
  }
}

function callHandler(handler, event, context) {
  if (handler.length < 3) return Promise.resolve().then(() => handler(event, context));
  return new Promise((resolve, reject) => {
    const done = (err, result) => (err ? reject(err) : resolve(result));
    const returned = handler(event, context, done);
    if (returned && typeof returned.then === 'function') returned.then(resolve, reject);
  });
}

function contextFor(msg) {
  const env = process.env;
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: env.AWS_LAMBDA_FUNCTION_NAME,
    functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
    invokedFunctionArn: msg.functionArn,
    memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
    awsRequestId: msg.requestId,
    logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
    logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
    getRemainingTimeInMillis: () => Math.max(0, msg.deadline - Date.now()),
  };
}

function reply(message) {
  if (process.connected) process.send(message);
}

process.on('message', async msg => {
  if (!msg || msg.type !== 'invoke') return;
  requestId = msg.requestId;
  try {
    loaded = loaded || loadHandler();
    // A failed init is retried on the next invoke, as Lambda does.
    const handler = await loaded.catch(err => {
      loaded = undefined;
      throw err;
    });
    const result = await callHandler(handler, msg.event, contextFor(msg));
    reply({ type: 'result', requestId: msg.requestId, ok: true, payload: JSON.stringify(result === undefined ? null : result) });
  } catch (err) {
    const error = toError(err);
    emit('ERROR', [{ errorType: error.errorType, errorMessage: error.errorMessage, stackTrace: error.trace }]);
    reply({ type: 'result', requestId: msg.requestId, ok: false, error });
  }
});

// Lambda ends the sandbox on these; the parent reports Runtime.ExitError for the invocation.
process.on('unhandledRejection', reason => {
  emit('ERROR', [{ errorType: 'Runtime.UnhandledPromiseRejection', errorMessage: String(reason?.message ?? reason) }]);
  process.exit(128);
});
process.on('disconnect', () => process.exit(0));
