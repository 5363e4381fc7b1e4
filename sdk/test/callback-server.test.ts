import assert from "node:assert/strict";
import { createServer } from "node:net";
import { describe, it } from "node:test";
import { startCallbackServer } from "../src/node/callback-server.ts";

describe("callback server", () => {
  it("hands over the first callback's URL, answers it with a page, and 404s other paths", async () => {
    const server = await startCallbackServer({ port: 0 });
    try {
      assert.equal((await fetch(`http://127.0.0.1:${server.port}/favicon.ico`)).status, 404);
      const waiting = server.waitForCallback({ timeoutSeconds: 5 });
      const page = await fetch(`http://127.0.0.1:${server.port}/callback?code=abc&state=xyz`);
      assert.equal(page.status, 200);
      assert.match(await page.text(), /close this window/);
      const url = await waiting;
      assert.equal(url.searchParams.get("code"), "abc");
      assert.equal(server.redirectUri, `http://localhost:${server.port}/callback`);
    } finally {
      await server.close();
    }
  });

  it("moves to a free port when the requested one is taken, and says so", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const address = blocker.address();
    const taken = typeof address === "object" && address !== null ? address.port : 0;
    try {
      const server = await startCallbackServer({ port: taken });
      assert.equal(server.gotRequestedPort, false);
      assert.notEqual(server.port, taken);
      await server.close();
      await assert.rejects(startCallbackServer({ port: taken, fallbackToFreePort: false }), /EADDRINUSE/);
    } finally {
      blocker.close();
    }
  });

  it("gives up waiting after the timeout", async () => {
    const server = await startCallbackServer({ port: 0 });
    try {
      await assert.rejects(server.waitForCallback({ timeoutSeconds: 0.05 }), /no callback within/);
    } finally {
      await server.close();
    }
  });
});
