// Who may call what (SPEC §4): a catalogue method needs its client scope; a user's data needs
// a user's grant (never client credentials or 2-legged OAuth 1) holding the method's user
// scope. Bearer callers get RFC 6750 §3.1 insufficient_scope challenges.
import type { ApiCaller } from "../api-caller.ts";
import { ApiError } from "./errors.ts";
import type { ApiMethod } from "./method.ts";

/** the user whose data the call may touch (null for catalogue methods); throws ApiError 14 or 15 */
export function checkCallerMayCall(caller: ApiCaller, method: ApiMethod): string | null {
  if (method.userData && caller.userId === null) {
    throw new ApiError(15, `User authorization required: '${method.name}' reads or writes a user's data; use a token a user granted with the scope '${method.scope}'`,
      { wwwAuthenticate: insufficientScope(caller, method, "The method needs a user's grant") });
  }
  if (!caller.scopes.includes(method.scope)) {
    throw new ApiError(14, `Missing scope: '${method.scope}'`, { wwwAuthenticate: insufficientScope(caller, method, `The access token lacks the scope ${method.scope}`) });
  }
  return method.userData ? caller.userId : null;
}

function insufficientScope(caller: ApiCaller, method: ApiMethod, description: string): string | null {
  if (caller.protocol !== "oauth2") return null;
  return `Bearer realm="fitgate", error="insufficient_scope", error_description="${description}", scope="${method.scope}"`;
}
