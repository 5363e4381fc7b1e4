import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, it } from "node:test";
import { createSecretBox } from "./secret-box.ts";

const key = () => randomBytes(32).toString("base64");

describe("secret box", () => {
  it("opens what it sealed, and seals the same text differently each time", () => {
    const box = createSecretBox([key()]);
    const a = box.seal("consumer secret");
    assert.notEqual(a, box.seal("consumer secret"));
    assert.equal(box.open(a), "consumer secret");
    assert.ok(!a.includes("consumer"));
  });

  it("stores the key id beside the value so a rotated key still opens old values", () => {
    const oldKey = key();
    const sealedUnderOld = createSecretBox([oldKey]).seal("s3cret");
    const rotated = createSecretBox([key(), oldKey]);
    assert.equal(rotated.open(sealedUnderOld), "s3cret");
    assert.equal(rotated.seal("x").split(".")[1], rotated.currentKeyId);
  });

  it("refuses a value sealed under a key it does not have", () => {
    const sealed = createSecretBox([key()]).seal("x");
    assert.throws(() => createSecretBox([key()]).open(sealed), /unknown master key/);
  });

  it("refuses a tampered value or a value relabelled to another key id", () => {
    const box = createSecretBox([key()]);
    const parts = box.seal("hello").split(".");
    const tampered = [...parts];
    tampered[3] = Buffer.from("jello").toString("base64url");
    assert.throws(() => box.open(tampered.join(".")));
    assert.throws(() => box.open("v1.nope"), /not a sealed value/);
  });

  it("rejects keys that are not 32 bytes", () => {
    assert.throws(() => createSecretBox([Buffer.alloc(16).toString("base64")]));
    assert.throws(() => createSecretBox([]));
  });
});
