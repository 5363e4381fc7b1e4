import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { InvalidResponseError, OAuth2Error, ReauthorizationRequiredError } from "../src/errors.ts";
import { createTokenManager } from "../src/oauth2/token-manager.ts";
import type { TokenSet } from "../src/oauth2/token-response.ts";
import { createMemoryTokenStore } from "../src/token-stores/memory.ts";
import { createFakeFetch } from "./fake-fetch.ts";

const T0 = new Date("2026-01-01T00:00:00Z").getTime();

function fakeClock(start = T0) {
  let nowMs = start;
  return { now: () => new Date(nowMs), advanceSeconds: (s: number) => { nowMs += s * 1000; } };
}

function tokensExpiringIn(seconds: number, clock: { now(): Date }, name = "at0"): TokenSet {
  return { accessToken: name, tokenType: "Bearer", expiresAt: new Date(clock.now().getTime() + seconds * 1000), refreshToken: "rt0", scope: ["basic"] };
}

/** a fake client whose refresh answers after a tick, numbering the tokens it issues */
function fakeClient(clock: { now(): Date }, fail: Error | null = null) {
  const calls = { refresh: 0, clientCredentials: 0 };
  const issue = async (kind: "refresh" | "clientCredentials"): Promise<TokenSet> => {
    calls[kind] += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (fail !== null) throw fail;
    return { accessToken: `at${calls[kind]}`, tokenType: "Bearer", expiresAt: new Date(clock.now().getTime() + 3600_000), refreshToken: `rt${calls[kind]}`, scope: null };
  };
  return { calls, client: { refresh: () => issue("refresh"), clientCredentials: () => issue("clientCredentials") } };
}

const okFetch = () => createFakeFetch(() => new Response("{}", { status: 200 }));

describe("token manager", () => {
  it("uses a token with time left without refreshing", async () => {
    const clock = fakeClock();
    const { calls, client } = fakeClient(clock);
    const fetch = okFetch();
    const manager = createTokenManager({ client, store: createMemoryTokenStore({ default: tokensExpiringIn(600, clock) }), now: clock.now, fetch });
    await manager.fetch("https://api.example/x");
    assert.equal(calls.refresh, 0);
    assert.equal(fetch.seen[0]?.headers.get("authorization"), "Bearer at0");
  });

  it("refreshes exactly once when 20 calls race on a token about to expire", async () => {
    const clock = fakeClock();
    const { calls, client } = fakeClient(clock);
    const fetch = okFetch();
    const store = createMemoryTokenStore({ default: tokensExpiringIn(30, clock) }); // inside the 60 s margin
    const manager = createTokenManager({ client, store, now: clock.now, fetch });
    await Promise.all(Array.from({ length: 20 }, () => manager.fetch("https://api.example/x")));
    assert.equal(calls.refresh, 1);
    assert.deepEqual(new Set(fetch.seen.map((r) => r.headers.get("authorization"))), new Set(["Bearer at1"]));
    assert.equal((await store.load("default"))?.refreshToken, "rt1");
  });

  it("refreshes again only once the new token nears its own expiry", async () => {
    const clock = fakeClock();
    const { calls, client } = fakeClient(clock);
    const manager = createTokenManager({ client, store: createMemoryTokenStore({ default: tokensExpiringIn(10, clock) }), now: clock.now, fetch: okFetch() });
    assert.equal(await manager.getAccessToken(), "at1");
    clock.advanceSeconds(3500);
    assert.equal(await manager.getAccessToken(), "at1");
    clock.advanceSeconds(60);
    assert.equal(await manager.getAccessToken(), "at2");
    assert.equal(calls.refresh, 2);
  });

  it("turns a refused refresh token into ReauthorizationRequiredError and forgets the tokens", async () => {
    const clock = fakeClock();
    const { client } = fakeClient(clock, new OAuth2Error("invalid_grant", "revoked", 400));
    const store = createMemoryTokenStore({ default: tokensExpiringIn(0, clock) });
    const manager = createTokenManager({ client, store, now: clock.now, fetch: okFetch() });
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => manager.fetch("https://api.example/x")));
    for (const result of results) {
      assert.equal(result.status, "rejected");
      assert.ok(result.reason instanceof ReauthorizationRequiredError);
      assert.equal(result.reason.code, "reauthorization_required");
      assert.ok(result.reason.cause instanceof OAuth2Error);
    }
    assert.equal(await store.load("default"), null);
  });

  it("passes other refresh failures through and keeps the tokens for a retry", async () => {
    const clock = fakeClock();
    const { client } = fakeClient(clock, new InvalidResponseError("502", 502));
    const store = createMemoryTokenStore({ default: tokensExpiringIn(0, clock) });
    const manager = createTokenManager({ client, store, now: clock.now, fetch: okFetch() });
    await assert.rejects(manager.getAccessToken(), InvalidResponseError);
    assert.notEqual(await store.load("default"), null);
  });

  it("asks for authorization when nothing is stored", async () => {
    const clock = fakeClock();
    const manager = createTokenManager({ client: fakeClient(clock).client, now: clock.now });
    await assert.rejects(manager.getAccessToken(), ReauthorizationRequiredError);
  });

  it("renews once and retries when the API answers 401 invalid_token", async () => {
    const clock = fakeClock();
    const { calls, client } = fakeClient(clock);
    const fetch = createFakeFetch((request) => request.headers.get("authorization") === "Bearer at0"
      ? new Response("", { status: 401, headers: { "www-authenticate": 'Bearer error="invalid_token"' } })
      : new Response("ok", { status: 200 }));
    const manager = createTokenManager({ client, store: createMemoryTokenStore({ default: tokensExpiringIn(600, clock) }), now: clock.now, fetch });
    const response = await manager.fetch("https://api.example/x", { method: "POST", body: "a=1" });
    assert.equal(response.status, 200);
    assert.equal(calls.refresh, 1);
    assert.deepEqual(fetch.seen.map((r) => [r.headers.get("authorization"), r.body]), [["Bearer at0", "a=1"], ["Bearer at1", "a=1"]]);
  });

  it("does not retry a 401 without the invalid_token challenge (e.g. insufficient scope is 403 anyway)", async () => {
    const clock = fakeClock();
    const { calls, client } = fakeClient(clock);
    const fetch = createFakeFetch(() => new Response("", { status: 401 }));
    const manager = createTokenManager({ client, store: createMemoryTokenStore({ default: tokensExpiringIn(600, clock) }), now: clock.now, fetch });
    assert.equal((await manager.fetch("https://api.example/x")).status, 401);
    assert.equal(calls.refresh, 0);
  });

  it("gets a new client_credentials token instead of refreshing, once for 20 racing calls", async () => {
    const clock = fakeClock();
    const { calls, client } = fakeClient(clock);
    const manager = createTokenManager({ client, grant: "client_credentials", now: clock.now, fetch: okFetch() });
    const tokens = await Promise.all(Array.from({ length: 20 }, () => manager.getAccessToken()));
    assert.deepEqual(new Set(tokens), new Set(["at1"]));
    assert.equal(calls.clientCredentials, 1);
    assert.equal(calls.refresh, 0);
  });
});
