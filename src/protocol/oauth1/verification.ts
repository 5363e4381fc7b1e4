// RFC 5849 §3.2: verifying a signed request — parameters, signature method, timestamp,
// consumer, token, signature (compared in constant time), then nonce — on top of the shared
// signing core (sdk/src/oauth1/signature.ts), so the server checks exactly what the SDK signs.
import {
  createSignature, createSignatureBaseString, isSignatureMethod, type SignatureMethod,
} from "../../../sdk/src/oauth1/signature.ts";
import type { Client } from "../../domain/client.ts";
import { constantTimeEqual } from "../../security/random.ts";
import { collectParameters, type ProtocolParameters, type SignedRequestInput } from "./parameters.ts";
import { OAuth1Problem } from "./problems.ts";
import { checkNonceFormat, checkReplay, parseTimestamp, type ReplayStore } from "./replay.ts";

export type Consumer = Readonly<{ client: Client; consumerSecret: string }>;

export type TokenCredentials<T> = Readonly<{ token: T; tokenSecret: string }>;

export type VerificationPolicy<T> = Readonly<{
  /** consumer secret opened, or null for an unknown consumer key */
  findConsumer(consumerKey: string): Promise<Consumer | null>;
  /** the token (checked for kind, consumer, expiry: throw token_rejected) or null if none is needed;
   *  called with null when the request has no oauth_token */
  findToken(token: string | null, consumer: Consumer): Promise<TokenCredentials<T> | null>;
  replay: ReplayStore;
  windowSeconds: number;
  strictTimestamps: boolean;
  /** PLAINTEXT is only allowed when the public URL is https (RFC 5849 §3.4.4) */
  allowPlaintext: boolean;
  now: Date;
}>;

export type VerifiedRequest<T> = Readonly<{
  consumer: Consumer;
  token: T | null;
  protocol: ProtocolParameters;
  signatureMethod: SignatureMethod;
}>;

export async function verifySignedRequest<T>(input: SignedRequestInput, policy: VerificationPolicy<T>): Promise<VerifiedRequest<T>> {
  const { protocol, signed } = collectParameters(input);
  const signatureMethod = checkSignatureMethod(protocol.signatureMethod, policy.allowPlaintext);
  const nowSeconds = Math.floor(policy.now.getTime() / 1000);
  const timestampSeconds = parseTimestamp(protocol.timestamp, nowSeconds, policy.windowSeconds);
  checkNonceFormat(protocol.nonce);
  const consumer = await policy.findConsumer(protocol.consumerKey);
  if (consumer === null) {
    throw new OAuth1Problem("consumer_key_unknown", "oauth_consumer_key is not the consumer key of any application registered here; copy it from the developer portal.");
  }
  const credentials = await policy.findToken(protocol.token, consumer);
  const baseString = createSignatureBaseString({ method: input.method, url: input.url, parameters: signed });
  const expected = createSignature(signatureMethod, baseString, consumer.consumerSecret, credentials?.tokenSecret ?? null);
  if (!constantTimeEqual(expected, protocol.signature)) {
    throw new OAuth1Problem("signature_invalid",
      `The oauth_signature does not match. Sign the base string shown in debug_sbs (development servers only) with the key consumer_secret&token_secret, both percent-encoded (RFC 5849 §3.4).`,
      { baseString });
  }
  // only a correctly signed request may use up a nonce, so nobody else can burn a client's nonces
  await checkReplay(policy.replay, { consumerKey: protocol.consumerKey, token: protocol.token ?? "", timestampSeconds, nonce: protocol.nonce },
    policy.windowSeconds, policy.strictTimestamps);
  return { consumer, token: credentials?.token ?? null, protocol, signatureMethod };
}

function checkSignatureMethod(value: string, allowPlaintext: boolean): SignatureMethod {
  if (!isSignatureMethod(value)) {
    throw new OAuth1Problem("signature_method_rejected", `oauth_signature_method "${value}" is not supported; use HMAC-SHA1 or HMAC-SHA256.`,
      { extra: { oauth_acceptable_signature_methods: allowPlaintext ? "HMAC-SHA1&HMAC-SHA256&PLAINTEXT" : "HMAC-SHA1&HMAC-SHA256" } });
  }
  if (value === "PLAINTEXT" && !allowPlaintext) {
    throw new OAuth1Problem("signature_method_rejected", "PLAINTEXT sends the secrets themselves, so it is only accepted over https; use HMAC-SHA1 or HMAC-SHA256.",
      { extra: { oauth_acceptable_signature_methods: "HMAC-SHA1&HMAC-SHA256" } });
  }
  return value;
}
