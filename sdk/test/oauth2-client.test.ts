import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidResponseError, OAuth2Error } from "../src/errors.ts";
import { createOAuth2Client } from "../src/oauth2/client.ts";
import { createFakeFetch, jsonResponse } from "./fake-fetch.ts";

const now = () => new Date("2026-01-01T00:00:00Z");
const tokenBody = { access_token: "at", token_type: "Bearer", expires_in: 3600, refresh_token: "rt", scope: "basic" };

describe("OAuth 2 client", () => {
  it("authenticates with Basic over the form-encoded id and secret (RFC 6749 §2.3.1)", async () => {
    const fetch = createFakeFetch(() => jsonResponse(200, tokenBody));
    const client = createOAuth2Client({ clientId: "s6BhdRkqt3", clientSecret: "7Fjfp0ZBr1KtDRbnfVdmIw", tokenEndpoint: "https://as.example/token", fetch, now });
    await client.exchangeCode({ code: "SplxlOBeZQQYbYS6WxSbIA", redirectUri: "https://client.example/cb", codeVerifier: "v".repeat(43) });
    const [request] = fetch.seen;
    // RFC 6749 §2.3.1 / §4.1.3 example credentials
    assert.equal(request?.headers.get("authorization"), "Basic czZCaGRSa3F0Mzo3RmpmcDBaQnIxS3REUmJuZlZkbUl3");
    assert.equal(request?.headers.get("content-type"), "application/x-www-form-urlencoded");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(request?.body)), {
      grant_type: "authorization_code", code: "SplxlOBeZQQYbYS6WxSbIA", redirect_uri: "https://client.example/cb", code_verifier: "v".repeat(43),
    });
  });

  it("form-encodes special characters before Basic encoding them", async () => {
    const fetch = createFakeFetch(() => jsonResponse(200, tokenBody));
    const client = createOAuth2Client({ clientId: "id:1", clientSecret: "a b&c", tokenEndpoint: "https://as.example/token", fetch });
    await client.clientCredentials();
    assert.equal(atob(fetch.seen[0]?.headers.get("authorization")?.slice(6) ?? ""), "id%3A1:a+b%26c");
  });

  it("puts the credentials in the body with client_secret_post and adds MapMyFitness's Api-Key", async () => {
    const fetch = createFakeFetch(() => jsonResponse(200, tokenBody));
    const client = createOAuth2Client({
      clientId: "cid", clientSecret: "sec", authentication: "client_secret_post", tokenEndpoint: "https://as.example/token",
      headers: { "Api-Key": "cid" }, fetch,
    });
    await client.refresh("rt0", { scope: ["basic", "premier"] });
    const request = fetch.seen[0];
    assert.equal(request?.headers.get("authorization"), null);
    assert.equal(request?.headers.get("api-key"), "cid");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(request?.body)), {
      grant_type: "refresh_token", refresh_token: "rt0", scope: "basic premier", client_id: "cid", client_secret: "sec",
    });
  });

  it("sends only client_id for a public client", async () => {
    const fetch = createFakeFetch(() => jsonResponse(200, tokenBody));
    const client = createOAuth2Client({ clientId: "pub", tokenEndpoint: "https://as.example/token", fetch });
    await client.exchangeCode({ code: "c", redirectUri: "http://localhost/cb", codeVerifier: "v".repeat(43) });
    assert.equal(new URLSearchParams(fetch.seen[0]?.body).get("client_id"), "pub");
    assert.equal(new URLSearchParams(fetch.seen[0]?.body).has("client_secret"), false);
  });

  it("keeps the old refresh token when the server does not issue a new one (RFC 6749 §6)", async () => {
    const fetch = createFakeFetch(() => jsonResponse(200, { access_token: "at2", token_type: "Bearer", expires_in: 60 }));
    const client = createOAuth2Client({ clientId: "c", clientSecret: "s", tokenEndpoint: "https://as.example/token", fetch, now });
    const tokens = await client.refresh("rt-old");
    assert.equal(tokens.refreshToken, "rt-old");
    assert.equal(tokens.expiresAt?.toISOString(), "2026-01-01T00:01:00.000Z");
  });

  it("throws OAuth2Error with the RFC code for an error answer", async () => {
    const fetch = createFakeFetch(() => jsonResponse(400, { error: "invalid_grant", error_description: "refresh token revoked" }));
    const client = createOAuth2Client({ clientId: "c", clientSecret: "s", tokenEndpoint: "https://as.example/token", fetch });
    await assert.rejects(client.refresh("rt"), (error: unknown) => error instanceof OAuth2Error && error.code === "invalid_grant" && error.status === 400);
  });

  it("throws InvalidResponseError for an HTML error page", async () => {
    const fetch = createFakeFetch(() => new Response("<html>502</html>", { status: 502 }));
    const client = createOAuth2Client({ clientId: "c", clientSecret: "s", tokenEndpoint: "https://as.example/token", fetch });
    await assert.rejects(client.clientCredentials(), InvalidResponseError);
  });

  it("revokes with the token and its hint, authenticated like token requests (RFC 7009 §2.1)", async () => {
    const fetch = createFakeFetch(() => new Response(null, { status: 200 }));
    const client = createOAuth2Client({ clientId: "c", clientSecret: "s", tokenEndpoint: "https://as.example/token", revocationEndpoint: "https://as.example/revoke", fetch });
    await client.revoke("rt", "refresh_token");
    assert.equal(fetch.seen[0]?.url, "https://as.example/revoke");
    assert.equal(fetch.seen[0]?.body, "token=rt&token_type_hint=refresh_token");
    assert.match(fetch.seen[0]?.headers.get("authorization") ?? "", /^Basic /);
  });

  it("refuses to be created with a secret-based method and no secret", () => {
    assert.throws(() => createOAuth2Client({ clientId: "c", authentication: "client_secret_post", tokenEndpoint: "https://as.example/token" }), TypeError);
  });
});
