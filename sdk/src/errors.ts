// Every failure the SDK reports is a FitgateSdkError with a stable `code`, so an app can branch
// on `error.code` (or `instanceof`) without reading messages. Protocol errors keep the server's
// own words: RFC 6749 §5.2 `error`/`error_description`, OAuth Problem Reporting `oauth_problem`,
// fitgate's numeric API error codes.

export class FitgateSdkError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "FitgateSdkError";
    this.code = code;
  }
}

/** The server answered with something that is not what the protocol promises (bad JSON, missing field…). */
export class InvalidResponseError extends FitgateSdkError {
  readonly status: number | null;
  constructor(message: string, status: number | null = null) {
    super("invalid_response", message);
    this.name = "InvalidResponseError";
    this.status = status;
  }
}

/**
 * An RFC 6749 §5.2 error from the token, revocation or introspection endpoint; `code` is the
 * RFC error code (`invalid_grant`, `invalid_client`, …).
 * @see RFC 6749 §5.2
 */
export class OAuth2Error extends FitgateSdkError {
  readonly error: string;
  readonly errorDescription: string | null;
  readonly status: number;
  constructor(error: string, errorDescription: string | null, status: number) {
    super(error, `${error}${errorDescription === null ? "" : `: ${errorDescription}`} (HTTP ${status})`);
    this.name = "OAuth2Error";
    this.error = error;
    this.errorDescription = errorDescription;
    this.status = status;
  }
}

/**
 * The authorization server sent the user back with an error (`access_denied` when they clicked
 * Deny), or the callback does not belong to the request we made (state or issuer mismatch).
 * @see RFC 6749 §4.1.2.1, RFC 9207
 */
export class AuthorizationResponseError extends FitgateSdkError {
  readonly error: string;
  readonly errorDescription: string | null;
  constructor(error: string, errorDescription: string | null) {
    super(error, `authorization failed: ${error}${errorDescription === null ? "" : `: ${errorDescription}`}`);
    this.name = "AuthorizationResponseError";
    this.error = error;
    this.errorDescription = errorDescription;
  }
}

/**
 * The stored grant can no longer be used: there are no tokens, or the refresh token was revoked
 * (by the user on the connected-apps page, by the app, or by an operator). The tokens have been
 * removed from the store; the app must send the user through authorization again.
 */
export class ReauthorizationRequiredError extends FitgateSdkError {
  constructor(message: string, cause?: unknown) {
    super("reauthorization_required", message, { cause });
    this.name = "ReauthorizationRequiredError";
  }
}

/**
 * An OAuth 1.0a failure as the server reported it (`signature_invalid`, `token_rejected`,
 * `permission_denied`, …).
 * @see OAuth Problem Reporting (oauth_problem, oauth_problem_advice)
 */
export class OAuth1Error extends FitgateSdkError {
  readonly problem: string;
  readonly advice: string | null;
  readonly status: number | null;
  constructor(problem: string, advice: string | null, status: number | null) {
    super(problem, `${problem}${advice === null ? "" : `: ${advice}`}${status === null ? "" : ` (HTTP ${status})`}`);
    this.name = "OAuth1Error";
    this.problem = problem;
    this.advice = advice;
    this.status = status;
  }
}

/** fitgate's API error body `{"error":{"code":N,"message":"…"}}` (SPEC §4). */
export class ApiError extends FitgateSdkError {
  readonly apiCode: number;
  readonly status: number;
  constructor(apiCode: number, message: string, status: number) {
    super("api_error", `API error ${apiCode}: ${message} (HTTP ${status})`);
    this.name = "ApiError";
    this.apiCode = apiCode;
    this.status = status;
  }
}
