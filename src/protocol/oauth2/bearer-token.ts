// RFC 6750: reading the Bearer token from the Authorization header (§2.1) and the error a
// protected resource answers with (§3, §3.1): status, error code and the WWW-Authenticate value.
export type BearerErrorCode = "invalid_request" | "invalid_token" | "insufficient_scope";

export const BEARER_REALM = "fitgate";

export class BearerTokenError extends Error {
  readonly code: BearerErrorCode;
  /** 400 invalid_request, 401 invalid_token or no credentials, 403 insufficient_scope */
  readonly status: number;
  readonly description: string;
  readonly detail: string | null;
  /** §3.1: a request without any credentials gets a challenge with no error code */
  readonly credentialsMissing: boolean;
  /** for insufficient_scope: the scopes the request needs */
  readonly scope: string | null;
  constructor(code: BearerErrorCode, description: string, options: { detail?: string; credentialsMissing?: boolean; scope?: string } = {}) {
    super(`${code}: ${description}`);
    this.name = "BearerTokenError";
    this.code = code;
    this.credentialsMissing = options.credentialsMissing ?? false;
    this.status = this.credentialsMissing ? 401 : code === "invalid_request" ? 400 : code === "insufficient_scope" ? 403 : 401;
    this.description = description;
    this.detail = options.detail ?? null;
    this.scope = options.scope ?? null;
  }

  /** the WWW-Authenticate header value to send with the error (RFC 6750 §3) */
  get wwwAuthenticate(): string {
    const parts = [`realm="${BEARER_REALM}"`];
    if (!this.credentialsMissing) {
      parts.push(`error="${this.code}"`, `error_description="${this.description.replace(/["\\]/g, "")}"`);
      if (this.scope !== null) parts.push(`scope="${this.scope}"`);
    }
    return `Bearer ${parts.join(", ")}`;
  }
}

/** RFC 6750 §2.1 `Authorization: Bearer b64token`; null when the header carries no Bearer token */
export function parseBearerAuthorization(header: string | undefined): string | null {
  if (header === undefined || header === "") return null;
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header);
  if (match?.[1] !== undefined) return match[1];
  if (/^Bearer\b/i.test(header)) throw new BearerTokenError("invalid_request", "The Authorization header is not a valid Bearer credential");
  return null;
}

/** RFC 6750 §3.1 insufficient_scope when any required scope is missing */
export function checkScopes(granted: readonly string[], required: readonly string[]): void {
  const missing = required.filter((s) => !granted.includes(s));
  if (missing.length > 0) {
    throw new BearerTokenError("insufficient_scope", `The access token lacks the scope ${missing.join(" ")}`, { scope: required.join(" ") });
  }
}
