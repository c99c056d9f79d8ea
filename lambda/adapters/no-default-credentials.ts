// Stands in for @aws-sdk/credential-provider-node in the bundle (scripts/bundle-handler.js): the
// clients are given credentials from the environment (client-config.ts), so the SDK never asks its
// default chain, and the chain's STS and SSO clients need not be loaded on every cold start.
export function defaultProvider(): never {
  throw new Error('The bundled handler takes credentials from the environment only (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), as Lambda sets them');
}
