// Lambda runs the handlers on Node.js 24; the SDK's warning about an older local Node is noise in test output.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const OLDEST = require('./scripts/cdk-lib-versions').modulesOf('oldest');

const common = {
  testEnvironment: '<rootDir>/test/support/node-environment.js',
  roots: ['<rootDir>/test'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.dev.json' }] },
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: 60000,
  projects: [
    // Everything, against the devDependency aws-cdk-lib: the newest release.
    { ...common, displayName: 'newest aws-cdk-lib', testMatch: ['**/*.test.ts'], testPathIgnorePatterns: ['/test/floor/'] },
    // The construct and template tests again, against the oldest aws-cdk-lib and constructs the peer ranges
    // accept (scripts/cdk-lib-versions.js installs them), plus a type-check of lib/ against their declarations.
    {
      ...common,
      displayName: 'oldest aws-cdk-lib',
      testMatch: ['<rootDir>/test/floor/*.test.ts', ...['construct', 'construct-validation', 'outputs', 'nag2'].map(f => `<rootDir>/test/${f}.test.ts`)],
      globalSetup: '<rootDir>/test/floor/global-setup.js',
      moduleNameMapper: {
        '^aws-cdk-lib$': `${OLDEST}/aws-cdk-lib`,
        '^aws-cdk-lib/(.*)$': `${OLDEST}/aws-cdk-lib/$1`,
        '^constructs$': `${OLDEST}/constructs`,
        '^constructs/(.*)$': `${OLDEST}/constructs/$1`,
      },
    },
  ],
};
