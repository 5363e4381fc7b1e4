import assert from "node:assert/strict";
import { mkdtemp, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { InvalidResponseError } from "../src/errors.ts";
import type { TokenSet } from "../src/oauth2/token-response.ts";
import { createFileTokenStore } from "../src/token-stores/file.ts";

const tokens = (name: string): TokenSet => ({ accessToken: `at-${name}`, tokenType: "Bearer", expiresAt: new Date("2026-01-01T00:00:00Z"), refreshToken: `rt-${name}`, scope: ["basic"] });

describe("file token store", () => {
  it("round-trips tokens through a file only its owner can read", async () => {
    const directory = await mkdtemp(join(tmpdir(), "fitgate-sdk-"));
    const path = join(directory, "nested", "tokens.json");
    const store = createFileTokenStore(path);
    assert.equal(await store.load("alice"), null);
    await store.save("alice", tokens("a"));
    assert.deepEqual(await createFileTokenStore(path).load("alice"), tokens("a"));
    assert.equal((await stat(path)).mode & 0o777, 0o600);
    assert.deepEqual(await readdir(join(directory, "nested")), ["tokens.json"]); // no temporary file left behind
  });

  it("keeps every key when saves race", async () => {
    const directory = await mkdtemp(join(tmpdir(), "fitgate-sdk-"));
    const store = createFileTokenStore(join(directory, "tokens.json"));
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.save(`user${i}`, tokens(String(i)))));
    const all = JSON.parse(await readFile(join(directory, "tokens.json"), "utf8"));
    assert.equal(Object.keys(all).length, 10);
    await store.delete("user3");
    assert.equal(await store.load("user3"), null);
    assert.deepEqual(await store.load("user4"), tokens("4"));
  });

  it("reports a corrupted file instead of treating it as empty", async () => {
    const directory = await mkdtemp(join(tmpdir(), "fitgate-sdk-"));
    const path = join(directory, "tokens.json");
    await writeFile(path, "{not json");
    await assert.rejects(createFileTokenStore(path).load("x"), InvalidResponseError);
    await writeFile(path, JSON.stringify({ x: { access_token: 5 } }));
    await assert.rejects(createFileTokenStore(path).load("x"), InvalidResponseError);
  });
});
