import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidResponseError } from "../src/errors.ts";
import { discoverAuthorizationServer, metadataUrlFor } from "../src/oauth2/discovery.ts";
import { fatsecretOAuth1, fatsecretOAuth2 } from "../src/presets/fatsecret.ts";
import { discoverFitgate, FITGATE_SCOPES, fitgateOAuth1, fitgateOAuth2 } from "../src/presets/fitgate.ts";
import { SCOPE_CATALOGUE } from "../../src/domain/scopes.ts";
import { mapmyfitness } from "../src/presets/mapmyfitness.ts";
import { myfitnesspal } from "../src/presets/myfitnesspal.ts";
import { createOAuth2ClientFromPreset, type OAuth2Preset } from "../src/presets/preset.ts";
import { createFakeFetch, jsonResponse } from "./fake-fetch.ts";

describe("presets", () => {
  const platforms: OAuth2Preset[] = [fatsecretOAuth2, mapmyfitness, myfitnesspal];
  for (const preset of platforms) {
    it(`${preset.name}'s URLs are absolute https`, () => {
      for (const url of [preset.authorizationEndpoint, preset.tokenEndpoint, preset.revocationEndpoint, preset.apiBaseUrl]) {
        if (url !== null) assert.equal(new URL(url).protocol, "https:");
      }
    });
  }

  it("pins FatSecret's documented endpoints and scopes (seeds 002 and 004)", () => {
    assert.equal(fatsecretOAuth2.tokenEndpoint, "https://oauth.fatsecret.com/connect/token");
    assert.deepEqual(fatsecretOAuth2.scopes, ["basic", "premier", "barcode", "localization", "nlp", "image-recognition"]);
    assert.equal(fatsecretOAuth1.requestTokenUrl, "https://www.fatsecret.com/oauth/request_token");
    assert.equal(fatsecretOAuth1.authorizeUrl, "https://www.fatsecret.com/oauth/authorize");
    assert.equal(fatsecretOAuth1.accessTokenUrl, "https://www.fatsecret.com/oauth/access_token");
    assert.equal(fatsecretOAuth1.apiBaseUrl, "https://platform.fatsecret.com/rest/server.api");
  });

  it("sends MapMyFitness's token requests form-encoded with the client id as Api-Key (seed 001)", async () => {
    const fetch = createFakeFetch(() => jsonResponse(200, { access_token: "a", token_type: "Bearer", expires_in: 5184000, refresh_token: "r" }));
    const client = createOAuth2ClientFromPreset(mapmyfitness, { clientId: "my-key", clientSecret: "my-secret", fetch });
    await client.exchangeCode({ code: "e6e3d79f", redirectUri: "http://localhost.mapmyapi.com:12345/callback" });
    const request = fetch.seen[0];
    assert.equal(request?.url, "https://api.mapmyfitness.com/v7.1/oauth2/access_token/");
    assert.equal(request?.headers.get("api-key"), "my-key");
    assert.equal(request?.headers.get("content-type"), "application/x-www-form-urlencoded");
    assert.deepEqual(Object.fromEntries(new URLSearchParams(request?.body)), {
      grant_type: "authorization_code", code: "e6e3d79f", redirect_uri: "http://localhost.mapmyapi.com:12345/callback", client_id: "my-key", client_secret: "my-secret",
    });
  });

  it("lists exactly the server's scope catalogue for fitgate", () => {
    assert.deepEqual([...FITGATE_SCOPES].sort(), SCOPE_CATALOGUE.map((s) => s.name).sort());
  });

  it("builds fitgate's endpoints from an issuer, and from its metadata when it answers", async () => {
    assert.equal(fitgateOAuth2("https://fit.example").tokenEndpoint, "https://fit.example/oauth2/token");
    assert.equal(fitgateOAuth1("https://fit.example").accessTokenUrl, "https://fit.example/oauth/access_token");
    const fetch = createFakeFetch(() => jsonResponse(200, { issuer: "https://fit.example", token_endpoint: "https://tokens.fit.example/t", authorization_endpoint: "https://fit.example/a", code_challenge_methods_supported: ["S256"] }));
    const preset = await discoverFitgate("https://fit.example", { fetch });
    assert.equal(fetch.seen[0]?.url, "https://fit.example/.well-known/oauth-authorization-server");
    assert.equal(preset.tokenEndpoint, "https://tokens.fit.example/t");
    assert.equal(preset.revocationEndpoint, "https://fit.example/oauth2/revoke");
  });
});

describe("discovery", () => {
  it("puts an issuer's path after the well-known prefix (RFC 8414 §3.1)", () => {
    assert.equal(metadataUrlFor("https://as.example/tenant1").href, "https://as.example/.well-known/oauth-authorization-server/tenant1");
    assert.equal(metadataUrlFor("https://as.example/").href, "https://as.example/.well-known/oauth-authorization-server");
  });

  const refused: [string, unknown, number][] = [
    ["another issuer (RFC 8414 §3.3)", { issuer: "https://evil.example", token_endpoint: "https://evil.example/t" }, 200],
    ["no token_endpoint", { issuer: "https://as.example" }, 200],
    ["a non-array scopes_supported", { issuer: "https://as.example", token_endpoint: "https://as.example/t", scopes_supported: "basic" }, 200],
    ["an error status", { issuer: "https://as.example", token_endpoint: "https://as.example/t" }, 404],
  ];
  for (const [what, body, status] of refused) {
    it(`refuses metadata with ${what}`, async () => {
      await assert.rejects(discoverAuthorizationServer("https://as.example", { fetch: createFakeFetch(() => jsonResponse(status, body)) }), InvalidResponseError);
    });
  }
});
