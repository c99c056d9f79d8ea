// Jest runs each test file in its own VM realm, where errors thrown by Node's core modules
// (socket resets, timeouts) are not `instanceof Error`. The AWS SDK's retry strategy checks
// exactly that to classify network faults, so inside a plain jest realm it would mistake a
// reset for an unknown error. Sharing the host realm's Error keeps the SDK behaving as it
// does in Lambda.
const { TestEnvironment } = require('jest-environment-node');

class HostErrorEnvironment extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    this.global.Error = Error;
  }
}

module.exports = HostErrorEnvironment;
