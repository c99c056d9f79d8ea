'use strict';
// A scriptable custom resource handler: it records every event it gets (EVENTS_FILE) and does what
// the resource's properties tell it (fail, poll a few times, stay in progress until a file is gone).
const fs = require('fs');
const path = require('path');

function record(fn, event) {
  const env = { AWS_REGION: process.env.AWS_REGION, AWS_LAMBDA_LOG_GROUP_NAME: process.env.AWS_LAMBDA_LOG_GROUP_NAME, QUERY_INTERVAL_SECONDS: process.env.QUERY_INTERVAL_SECONDS };
  fs.appendFileSync(process.env.EVENTS_FILE, `${JSON.stringify({ fn, at: Date.now(), pid: process.pid, env, event })}\n`);
}

const told = (p, key, type) => String(p[key] || '').split(',').includes(type);
const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** How many times isComplete was asked about this request: kept in a file, as calls may land in different environments. */
function poll(requestId) {
  const file = path.join(path.dirname(process.env.EVENTS_FILE), `polls-${requestId}`);
  const n = (fs.existsSync(file) ? Number(fs.readFileSync(file, 'utf8')) : 0) + 1;
  fs.writeFileSync(file, String(n));
  return n;
}

exports.onEvent = async event => {
  record('onEvent', event);
  const p = event.ResourceProperties;
  if (p.SleepMs) await sleep(Number(p.SleepMs));
  if (told(p, 'FailOn', event.RequestType)) throw new Error(`told to fail ${event.RequestType} of ${event.LogicalResourceId}`);
  if (event.RequestType === 'Update' && p.FailUpdateWhileExists && fs.existsSync(p.FailUpdateWhileExists)) throw new Error('cannot update yet');
  if (event.RequestType === 'Delete') {
    if (p.FailDeleteWhileExists && fs.existsSync(p.FailDeleteWhileExists)) throw new Error('cannot delete yet');
    return {};
  }
  const physical = p.PhysicalId || event.PhysicalResourceId || `phys-${event.LogicalResourceId}`;
  return { PhysicalResourceId: physical, Data: { Value: p.Value, Upper: String(p.Value).toUpperCase(), ...(p.Big ? { Big: 'x'.repeat(Number(p.Big)) } : {}) } };
};

exports.isComplete = async event => {
  record('isComplete', event);
  const p = event.ResourceProperties;
  const polls = poll(event.RequestId);
  if (event.RequestType !== 'Delete' && polls <= Number(p.Polls || 0)) return { IsComplete: false };
  if (told(p, 'FailCompleteOn', event.RequestType)) throw new Error(`isComplete refused ${event.RequestType}`);
  return { IsComplete: true, Data: { Polls: String(polls) } };
};
