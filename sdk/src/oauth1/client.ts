// An OAuth 1.0a client (RFC 5849): request signing through the signature core the fitgate server
// verifies with (./signature.ts), and the three-legged flow FatSecret documents (seeds/002, 003):
// get_request_token (callback or "oob"), get_authorization_url, get_access_token.
import { OAuth1Error } from "../errors.ts";
import { defaultFetch, generateRandomToken, type FetchLike } from "../http.ts";
import { createAuthorizationHeader, signRequest, type Parameter, type SignatureMethod } from "./signature.ts";
import { readTokenCredentials, type OAuth1Token, type RequestToken } from "./token-response.ts";

export type OAuth1ClientOptions = Readonly<{
  consumerKey: string;
  consumerSecret: string;
  /** default HMAC-SHA1, the one every OAuth 1 server supports */
  signatureMethod?: SignatureMethod | undefined;
  requestTokenUrl?: string | undefined;
  authorizeUrl?: string | undefined;
  accessTokenUrl?: string | undefined;
  /** the method of the token requests; FatSecret documents GET, fitgate takes both */
  tokenRequestMethod?: "GET" | "POST" | undefined;
  fetch?: FetchLike | undefined;
  now?: (() => Date) | undefined;
  generateNonce?: (() => string) | undefined;
  /** send oauth_version="1.0" (OPTIONAL in RFC 5849 §3.1, "must be 1.0" at FatSecret); default true */
  sendVersion?: boolean | undefined;
}>;

export type SignedRequestInput = Readonly<{
  method: string;
  url: string | URL;
  /** null for a 2-legged request signed by the consumer alone */
  token?: OAuth1Token | null | undefined;
  /** form parameters sent as an application/x-www-form-urlencoded body (signed, §3.4.1.3.1) */
  form?: URLSearchParams | Readonly<Record<string, string>> | undefined;
  /** extra oauth_* protocol parameters (oauth_callback, oauth_verifier) */
  protocolParameters?: Readonly<Record<string, string>> | undefined;
}>;

export type OAuth1Client = Readonly<{
  /** the Authorization header value for a request, and the base string it signed (for debugging) */
  sign(input: SignedRequestInput): { authorization: string; baseString: string };
  /** sends a signed request; the form goes in the body for POST, in the query otherwise */
  fetch(input: SignedRequestInput): Promise<Response>;
  /** @see RFC 5849 §2.1; callbackUrl "oob" when the app cannot receive a redirect */
  getRequestToken(callbackUrl: string): Promise<RequestToken>;
  /** @see RFC 5849 §2.2 */
  getAuthorizationUrl(requestToken: Pick<OAuth1Token, "token">): URL;
  /** reads the redirect to the callback: the verifier, or the user's refusal (permission_denied) */
  parseCallback(callbackUrl: string | URL, requestToken: Pick<OAuth1Token, "token">): { verifier: string };
  /** @see RFC 5849 §2.3 */
  getAccessToken(requestToken: OAuth1Token, verifier: string): Promise<OAuth1Token>;
}>;

export function createOAuth1Client(options: OAuth1ClientOptions): OAuth1Client {
  const signatureMethod = options.signatureMethod ?? "HMAC-SHA1";
  const fetchImpl = options.fetch ?? defaultFetch();
  const now = options.now ?? (() => new Date());
  const generateNonce = options.generateNonce ?? (() => generateRandomToken(16));
  const tokenRequestMethod = options.tokenRequestMethod ?? "POST";
  const required = (url: string | undefined, name: string): string => {
    if (url === undefined) throw new TypeError(`this OAuth 1 client was created without ${name}`);
    return url;
  };

  const sign = (input: SignedRequestInput) => {
    const protocol: Parameter[] = [
      ["oauth_consumer_key", options.consumerKey],
      ["oauth_nonce", generateNonce()],
      ["oauth_signature_method", signatureMethod],
      ["oauth_timestamp", String(Math.floor(now().getTime() / 1000))],
    ];
    if (options.sendVersion ?? true) protocol.push(["oauth_version", "1.0"]);
    if (input.token) protocol.push(["oauth_token", input.token.token]);
    for (const [name, value] of Object.entries(input.protocolParameters ?? {})) protocol.push([name, value]);
    const form = new URLSearchParams(input.form);
    const { signature, baseString } = signRequest({
      method: input.method,
      url: input.method.toUpperCase() === "POST" ? input.url : withQuery(input.url, form),
      parameters: input.method.toUpperCase() === "POST" ? [...protocol, ...form] : protocol,
      signatureMethod,
      consumerSecret: options.consumerSecret,
      tokenSecret: input.token?.tokenSecret ?? null,
    });
    return { authorization: createAuthorizationHeader([...protocol, ["oauth_signature", signature]]), baseString };
  };

  const send = (input: SignedRequestInput): Promise<Response> => {
    const { authorization } = sign(input);
    const isPost = input.method.toUpperCase() === "POST";
    const form = new URLSearchParams(input.form);
    return fetchImpl(isPost ? input.url : withQuery(input.url, form), {
      method: input.method.toUpperCase(),
      headers: isPost ? { authorization, "content-type": "application/x-www-form-urlencoded" } : { authorization },
      body: isPost ? form.toString() : null,
      redirect: "manual",
    });
  };

  return {
    sign,
    fetch: send,
    async getRequestToken(callbackUrl) {
      const url = required(options.requestTokenUrl, "requestTokenUrl");
      const response = await send({ method: tokenRequestMethod, url, protocolParameters: { oauth_callback: callbackUrl } });
      const credentials = await readTokenCredentials(response, "request token endpoint");
      // RFC 5849 §2.1: a server that did not confirm the callback is not a 1.0a server
      if (!credentials.callbackConfirmed) throw new OAuth1Error("callback_not_confirmed", "the server did not answer oauth_callback_confirmed=true", response.status);
      return credentials;
    },
    getAuthorizationUrl(requestToken) {
      const url = new URL(required(options.authorizeUrl, "authorizeUrl"));
      url.searchParams.set("oauth_token", requestToken.token);
      return url;
    },
    parseCallback(callbackUrl, requestToken) {
      const query = new URL(callbackUrl).searchParams;
      const problem = query.get("oauth_problem");
      if (problem !== null) throw new OAuth1Error(problem, query.get("oauth_problem_advice"), null);
      if (query.get("oauth_token") !== requestToken.token) throw new OAuth1Error("token_mismatch", "the callback is for another request token", null);
      const verifier = query.get("oauth_verifier");
      if (verifier === null || verifier === "") throw new OAuth1Error("parameter_absent", "the callback carries no oauth_verifier", null);
      return { verifier };
    },
    async getAccessToken(requestToken, verifier) {
      const url = required(options.accessTokenUrl, "accessTokenUrl");
      const response = await send({ method: tokenRequestMethod, url, token: requestToken, protocolParameters: { oauth_verifier: verifier } });
      const { token, tokenSecret } = await readTokenCredentials(response, "access token endpoint");
      return { token, tokenSecret };
    },
  };
}

function withQuery(url: string | URL, form: URLSearchParams): URL {
  const target = new URL(url);
  for (const [name, value] of form) target.searchParams.append(name, value);
  return target;
}
