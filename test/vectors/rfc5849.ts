// Test vectors from RFC 5849 (The OAuth 1.0 Protocol), https://www.rfc-editor.org/rfc/rfc5849
// Copied from the RFC text; the one value the RFC prints wrong is corrected and marked.
import type { Parameter } from "../../sdk/src/oauth1/signature.ts";

export type SignatureVector = Readonly<{
  name: string;
  method: string;
  url: string;
  /** protocol parameters (header, without realm and oauth_signature) and body parameters, decoded */
  parameters: readonly Parameter[];
  consumerSecret: string;
  tokenSecret: string | null;
  baseString: string | null;
  signature: string;
}>;

// RFC 5849 §1.2 (the example flow): consumer "dpf43f3p2l4k3l03" with secret "kd94hf93k423kf44".
// The base strings are not printed in §1.2; the signatures (from the Authorization headers,
// percent-decoded) are, and these values are right.
const consumerKey = "dpf43f3p2l4k3l03";
const consumerSecret = "kd94hf93k423kf44";

export const RFC5849_FLOW = Object.freeze({
  consumerKey,
  consumerSecret,
  requestToken: "hh5s93j4hdidpola",
  requestTokenSecret: "hdhd0244k9j7ao03",
  verifier: "hfdp7dh39dks9884",
  accessToken: "nnch734d00sl2jdk",
  accessTokenSecret: "pfkkdhi9sl3r4s00",
  callback: "http://printer.example.com/ready",
});

export const RFC5849_SIGNATURES: readonly SignatureVector[] = [
  {
    // RFC 5849 §1.2, temporary credentials request: POST https://photos.example.net/initiate
    name: "§1.2 temporary credentials request",
    method: "POST",
    url: "https://photos.example.net/initiate",
    parameters: [
      ["oauth_consumer_key", consumerKey],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "137131200"],
      ["oauth_nonce", "wIjqoS"],
      ["oauth_callback", "http://printer.example.com/ready"],
    ],
    consumerSecret,
    tokenSecret: null,
    baseString: null,
    signature: "74KNZJeDHnMBp0EMJ9ZHt/XKycU=",
  },
  {
    // RFC 5849 §1.2, token request: POST https://photos.example.net/token
    name: "§1.2 token request",
    method: "POST",
    url: "https://photos.example.net/token",
    parameters: [
      ["oauth_consumer_key", consumerKey],
      ["oauth_token", "hh5s93j4hdidpola"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "137131201"],
      ["oauth_nonce", "walatlh"],
      ["oauth_verifier", "hfdp7dh39dks9884"],
    ],
    consumerSecret,
    tokenSecret: "hdhd0244k9j7ao03",
    baseString: null,
    signature: "gKgrFCywp7rO0OXSjdot/IHF7IU=",
  },
  {
    // RFC 5849 §1.2, protected resource: GET http://photos.example.net/photos?file=vacation.jpg&size=original
    // (the base string is the one §1.2 prints for this request)
    name: "§1.2 protected resource request",
    method: "GET",
    url: "http://photos.example.net/photos?file=vacation.jpg&size=original",
    parameters: [
      ["oauth_consumer_key", consumerKey],
      ["oauth_token", "nnch734d00sl2jdk"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "137131202"],
      ["oauth_nonce", "chapoH"],
    ],
    consumerSecret,
    tokenSecret: "pfkkdhi9sl3r4s00",
    baseString:
      "GET&http%3A%2F%2Fphotos.example.net%2Fphotos&file%3Dvacation.jpg%26oauth_consumer_key%3Ddpf43f3p2l4k3l03%26oauth_nonce%3DchapoH%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131202%26oauth_token%3Dnnch734d00sl2jdk%26size%3Doriginal",
    signature: "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
  },
  {
    // RFC 5849 §3.4.1.1 (string construction) and §3.4.1.3 (the same request's parameters):
    //   POST /request?b5=%3D%253D&a3=a&c%40=&a2=r%20b   Host: example.com
    //   Authorization: OAuth realm="Example", oauth_consumer_key="9djdj82h48djs9d2", …
    //   body: c2&a3=2+q
    // The secrets are those of RFC 5849 §3.1 ("j49sk3j29djd" and "dh893hdasih9").
    // CORRECTED: §3.1/§3.4.1.1 print oauth_signature="bYT5CMsGcbgUdFHObYMEfcx6bsw%3D", which does
    // not match this base string; RFC Errata ID 2550 gives the right value, r6/TJjbCOr97/+UU0NsvSne7s5g=.
    name: "§3.4.1.1 base string with duplicates, empty values and a form body (erratum 2550)",
    method: "POST",
    url: "http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b",
    parameters: [
      ["oauth_consumer_key", "9djdj82h48djs9d2"],
      ["oauth_token", "kkk9d7dh3k39sjv7"],
      ["oauth_signature_method", "HMAC-SHA1"],
      ["oauth_timestamp", "137131201"],
      ["oauth_nonce", "7d8f3e4a"],
      ["c2", ""],
      ["a3", "2 q"],
    ],
    consumerSecret: "j49sk3j29djd",
    tokenSecret: "dh893hdasih9",
    baseString:
      "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
    signature: "r6/TJjbCOr97/+UU0NsvSne7s5g=",
  },
];

// RFC 5849 §3.4.1.3.2: the normalized parameters of the §3.4.1.1 request, before the final encoding.
export const RFC5849_NORMALIZED_PARAMETERS =
  "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7";

// RFC 5849 §3.4.1.2: request URIs and their base string URIs.
export const RFC5849_BASE_STRING_URIS: readonly (readonly [string, string])[] = [
  ["HTTP://EXAMPLE.COM:80/r%20v/X?id=123", "http://example.com/r%20v/X"],
  ["https://www.example.net:8080/?q=1", "https://www.example.net:8080/"],
  // not in the RFC: the default https port is dropped too, a non-default http port kept
  ["https://Example.com:443/a", "https://example.com/a"],
  ["http://example.com:8080", "http://example.com:8080/"],
];

// RFC 5849 §3.6 (with RFC 3986 §2.1 upper-case hex), examples of our own.
export const PERCENT_ENCODING: readonly (readonly [string, string])[] = [
  ["abcABC123-._~", "abcABC123-._~"],
  ["r b", "r%20b"],
  ["!'()*", "%21%27%28%29%2A"],
  ["=%3D", "%3D%253D"],
  ["+&/:?@", "%2B%26%2F%3A%3F%40"],
  ["é", "%C3%A9"],
  ["☃", "%E2%98%83"],
  ["😀", "%F0%9F%98%80"],
  ["", ""],
];
