/** The service's modelled errors, as the REST-JSON wire carries them. */

export type ErrorName =
  | 'BadRequest'
  | 'UnauthorizedClient'
  | 'Forbidden'
  | 'AccessDenied'
  | 'NotFound'
  | 'Conflict'
  | 'ResourceLimitExceeded'
  | 'ThrottledClient'
  | 'ServiceFailure'
  | 'ServiceUnavailable';

const STATUS: Record<ErrorName, number> = {
  BadRequest: 400,
  UnauthorizedClient: 401,
  Forbidden: 403,
  AccessDenied: 403,
  NotFound: 404,
  Conflict: 409,
  ResourceLimitExceeded: 400,
  ThrottledClient: 429,
  ServiceFailure: 500,
  ServiceUnavailable: 503,
};

// `Code` values come from the models' ErrorCode enum, which names some errors differently.
const DEFAULT_CODE: Record<ErrorName, string> = {
  BadRequest: 'BadRequest',
  UnauthorizedClient: 'Unauthorized',
  Forbidden: 'Forbidden',
  AccessDenied: 'AccessDenied',
  NotFound: 'NotFound',
  Conflict: 'Conflict',
  ResourceLimitExceeded: 'ResourceLimitExceeded',
  ThrottledClient: 'Throttled',
  ServiceFailure: 'ServiceFailure',
  ServiceUnavailable: 'ServiceUnavailable',
};

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly malformed: boolean;

  /**
   * @param malformed the request itself was invalid; feeds the `malformed` statistic, which test
   *   suites hold at zero, so only request defects set it (never state conflicts or injected faults).
   */
  constructor(readonly errorName: ErrorName, message: string, opts: { code?: string; malformed?: boolean } = {}) {
    super(message);
    this.status = STATUS[errorName];
    this.code = opts.code ?? DEFAULT_CODE[errorName];
    this.malformed = opts.malformed ?? false;
  }

  get headerName(): string {
    return `${this.errorName}Exception`;
  }

  toBody(): { Code: string; Message: string } {
    return { Code: this.code, Message: this.message };
  }
}

/** A defect in the request: 400, counted as malformed. */
export function invalid(message: string): ApiError {
  return new ApiError('BadRequest', message, { malformed: true });
}

/** A well-formed request the current state does not allow: 400, not malformed. */
export function refused(message: string, code?: string): ApiError {
  return new ApiError('BadRequest', message, { code });
}

export function notFound(message: string): ApiError {
  return new ApiError('NotFound', message);
}

/** The error a single-number call answers for a per-number ErrorCode (as BatchDeletePhoneNumber would report it). */
export function errorForCode(code: string, message: string): ApiError {
  const byCode: Record<string, ErrorName> = {
    Conflict: 'Conflict', Forbidden: 'Forbidden', NotFound: 'NotFound', ResourceLimitExceeded: 'ResourceLimitExceeded',
    ServiceFailure: 'ServiceFailure', AccessDenied: 'AccessDenied', ServiceUnavailable: 'ServiceUnavailable',
    Throttled: 'ThrottledClient', Throttling: 'ThrottledClient', Unauthorized: 'UnauthorizedClient',
  };
  return new ApiError(byCode[code] ?? 'BadRequest', message, { code });
}
