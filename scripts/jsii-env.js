// Environment for jsii tools run from our scripts. jsii 6 prints a banner on Node.js 20 (end of life for
// jsii since 2026-10-30); this machine's CI runs Node.js 20, and the compiled package itself supports
// Node.js 20+ (package.json engines). The banner is silenced for 20 only: any other unsupported version still shows it.
module.exports = { ...process.env, JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };
