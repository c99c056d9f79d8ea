/** A failure the user can act on: printed as its message, without a stack trace. */
export class LocalDeployError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
    this.name = 'LocalDeployError';
  }
}

/** A bad command line: exit code 2, with the usage. */
export class UsageError extends LocalDeployError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'UsageError';
  }
}
