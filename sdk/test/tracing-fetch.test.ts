import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createTracingFetch, maskAuthorization, maskForm, maskUrl } from "../src/debug/tracing-fetch.ts";
import { createFakeFetch, jsonResponse } from "./fake-fetch.ts";

const SECRET = "s3cr3t-value-that-must-not-leak";

describe("tracing fetch", () => {
  const masked: [string, string, RegExp][] = [
    ["a client secret in a form", maskForm(`grant_type=authorization_code&client_id=abc&client_secret=${SECRET}`), /client_secret=<redacted>/],
    ["a code in a callback URL", maskUrl(`http://localhost:12345/callback?code=${SECRET}&state=xyz`), /code=s3cr3t…leak&state=xyz/],
    ["Basic credentials", maskAuthorization(`Basic ${btoa(`abc:${SECRET}`)}`), /^Basic <redacted/],
    ["a Bearer token", maskAuthorization(`Bearer ${SECRET}`), /^Bearer s3cr3t…leak$/],
    ["OAuth 1 token and verifier", maskAuthorization(`OAuth oauth_consumer_key="ck", oauth_token="${SECRET}", oauth_verifier="${SECRET}"`), /oauth_consumer_key="ck", oauth_token="s3cr3t…leak", oauth_verifier="s3cr3t…leak"/],
  ];
  for (const [what, text, expected] of masked) {
    it(`masks ${what}`, () => {
      assert.match(text, expected);
      assert.equal(text.includes(SECRET), false);
    });
  }

  it("prints a whole token exchange without a single secret", async () => {
    const lines: string[] = [];
    const inner = createFakeFetch(() => jsonResponse(200, { access_token: SECRET, refresh_token: SECRET, token_type: "Bearer", expires_in: 3600 }));
    const traced = createTracingFetch((line) => lines.push(line), inner);
    const response = await traced("https://as.example/token", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", authorization: `Basic ${btoa(`id:${SECRET}`)}`, "Api-Key": "id" },
      body: `grant_type=refresh_token&refresh_token=${SECRET}&client_secret=${SECRET}`,
    });
    assert.equal((await response.json()).access_token, SECRET); // the app still gets the real body
    const printed = lines.join("\n");
    assert.match(printed, /→ POST https:\/\/as.example\/token/);
    assert.match(printed, /api-key: id/);
    assert.match(printed, /← 200/);
    assert.equal(printed.includes(SECRET), false, printed);
  });

  it("prints an oauth_token_secret answer redacted", async () => {
    const lines: string[] = [];
    const inner = createFakeFetch(() => new Response(`oauth_token=tok12345678&oauth_token_secret=${SECRET}&oauth_callback_confirmed=true`));
    await createTracingFetch((line) => lines.push(line), inner)("https://as.example/oauth/request_token");
    assert.match(lines.join("\n"), /oauth_token_secret=<redacted>&oauth_callback_confirmed=true/);
    assert.equal(lines.join("\n").includes(SECRET), false);
  });
});
