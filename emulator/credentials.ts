/** The access keys the emulator knows, as AWS knows an account's keys. */

export interface EmulatorCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /**
   * When set, requests with this key must carry this `x-amz-security-token`. When unset the token
   * is not checked: the emulator models no STS, and a signed token cannot be altered anyway.
   */
  readonly sessionToken?: string;
}

/**
 * The pair the local deploy hands the handlers and the test suites sign with; accepted unless
 * the emulator is given other credentials. Dummy values: they open nothing but the emulator.
 */
export const DEFAULT_CREDENTIALS: EmulatorCredentials = {
  accessKeyId: 'AKIALOCALDEPLOY00000',
  secretAccessKey: 'local-deploy-dummy-secret',
};
