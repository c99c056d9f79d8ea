// Preloaded (`node --require`) by the integ app: every `aws-cdk-lib` and `constructs` import, the
// library's and @aws-cdk/integ-tests-alpha's included, loads the release integ-runner can read
// (see scripts/cdk-lib-versions.js), not the devDependency.
const Module = require('module');
const path = require('path');
const { modulesOf } = require('../../scripts/cdk-lib-versions');

const modules = modulesOf('integ');
const PINNED = /^(aws-cdk-lib|constructs)(\/.*)?$/;
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return resolve.call(this, PINNED.test(request) ? path.join(modules, request) : request, ...rest);
};
