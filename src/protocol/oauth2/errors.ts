// RFC 6749 §4.1.2.1 and §5.2 error responses, RFC 7009 §2.2.1, RFC 6750 §3.1.
// One class for the family: the RFC error code, the HTTP status it is answered with, a public
// description safe to show the client, a private detail for the logs only, and whether the
// error may be sent to the redirect URI (never for an unknown client or redirect URI).

export type OAuth2ErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "access_denied"
  | "unsupported_response_type"
  | "server_error"
  | "temporarily_unavailable"
  | "unsupported_token_type"
  | "slow_down";

export class OAuth2Error extends Error {
  readonly code: OAuth2ErrorCode;
  readonly status: number;
  readonly description: string;
  readonly detail: string | null;
  readonly redirectable: boolean;
  constructor(code: OAuth2ErrorCode, description: string, options: { status?: number; detail?: string; redirectable?: boolean } = {}) {
    super(`${code}: ${description}`);
    this.name = "OAuth2Error";
    this.code = code;
    this.status = options.status ?? statusOf(code);
    this.description = toErrorDescription(description);
    this.detail = options.detail ?? null;
    this.redirectable = options.redirectable ?? true;
  }
}

/**
 * RFC 6749 §5.2 and §4.1.2.1: error_description holds only %x20-21 / %x23-5B / %x5D-7E. Some
 * descriptions echo what the client sent (a grant type, a parameter name), which may hold
 * anything: other characters become "?", and the text is kept short.
 */
function toErrorDescription(text: string): string {
  const allowed = text.replace(/[^\x20\x21\x23-\x5B\x5D-\x7E]/g, "?");
  return allowed.length > 200 ? `${allowed.slice(0, 197)}...` : allowed;
}

function statusOf(code: OAuth2ErrorCode): number {
  if (code === "invalid_client") return 401;
  if (code === "server_error") return 500;
  if (code === "temporarily_unavailable" || code === "slow_down") return 429;
  return 400;
}

export const invalidRequest = (description: string, detail?: string) => new OAuth2Error("invalid_request", description, { ...(detail === undefined ? {} : { detail }) });
export const invalidGrant = (description: string, detail?: string) => new OAuth2Error("invalid_grant", description, { ...(detail === undefined ? {} : { detail }) });
export const invalidScope = (description: string) => new OAuth2Error("invalid_scope", description);
export const invalidClient = (description: string, detail?: string) => new OAuth2Error("invalid_client", description, { ...(detail === undefined ? {} : { detail }) });
export const unauthorizedClient = (description: string) => new OAuth2Error("unauthorized_client", description);

/** the RFC 6749 §5.2 JSON body */
export function errorBodyOf(error: OAuth2Error): { error: string; error_description: string } {
  return { error: error.code, error_description: error.description };
}
