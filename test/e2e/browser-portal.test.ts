// A person in a real browser (Debian Chromium via playwright-core): signs up, logs in, registers
// an application, copies its secret, reloads and no longer sees it; a form sent without its
// CSRF token is refused.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { sha256Hex } from "../../src/security/random.ts";
import { findClientById } from "../../src/store/kysely/clients.ts";
import { browserSkipReason, useBrowser } from "../helpers/browser.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { useTestServer } from "../helpers/suite.ts";

const [sqlite] = await databaseTargets();
const skip = browserSkipReason();

describe("the developer portal in Chromium", { skip }, () => {
  const server = useTestServer(sqlite!);
  const browser = useBrowser();
  let page: Page;

  before(async () => {
    const context = await browser().newContext();
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: server.url });
    page = await context.newPage();
  });

  it("signs up, logs out and logs back in", async () => {
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "Sign up" }).first().click();
    await page.getByLabel("Email").fill("dev@example.com");
    await page.getByLabel("Password").fill("a long passphrase");
    await page.getByRole("button", { name: "Sign up" }).click();
    await page.waitForURL(`${server.url}/developer`);
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL(`${server.url}/`);
    await page.getByRole("link", { name: "Log in" }).first().click();
    await page.getByLabel("Email").fill("dev@example.com");
    await page.getByLabel("Password").fill("wrong password");
    await page.getByRole("button", { name: "Log in" }).click();
    assert.match(await page.getByRole("alert").first().innerText(), /not right/);
    await page.getByLabel("Password").fill("a long passphrase");
    await page.getByRole("button", { name: "Log in" }).click();
    await page.waitForURL(`${server.url}/developer`);
    assert.equal(await page.getByRole("heading", { level: 1 }).innerText(), "Your applications");
  });

  it("shows a message next to a bad field and keeps what was typed", async () => {
    await page.goto(`${server.url}/developer/apps/new`);
    await page.getByLabel("Name", { exact: true }).fill("Calorie Counter");
    await page.getByLabel(/OAuth 2 redirect URIs/).fill("http://counter.example/callback");
    await page.getByRole("button", { name: "Register" }).click();
    const message = page.locator("#redirect_uris-error");
    assert.match(await message.innerText(), /https/);
    assert.equal(await page.getByLabel("Name", { exact: true }).inputValue(), "Calorie Counter");
  });

  it("registers an application, copies its secret, and never shows it again", async () => {
    await page.goto(`${server.url}/developer/apps/new`);
    await page.getByLabel("Name", { exact: true }).fill("Calorie Counter");
    await page.getByLabel(/OAuth 2 redirect URIs/).fill("http://localhost:12345/callback");
    await page.getByRole("group", { name: /may request/ }).getByLabel(/diary:read/).check();
    await page.getByRole("button", { name: "Register" }).click();
    await page.waitForURL(/\/developer\/apps\/[0-9a-f]{32}$/);

    const clientId = await page.locator("#client-id").innerText();
    const secret = await page.locator("#client-secret").innerText();
    assert.match(await page.getByRole("alert").first().innerText(), /only time/);
    await page.locator('button[data-copy="client-secret"]').click();
    await page.getByRole("button", { name: "Copied" }).waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);

    const client = await findClientById(server.database.db, clientId);
    assert.equal(client?.secretHash, sha256Hex(secret), "the copied secret is the app's secret");

    await page.reload();
    assert.equal(await page.locator("#client-secret").count(), 0);
    assert.equal(await page.locator("#client-id").innerText(), clientId, "the client id stays visible");
    assert.ok(!(await page.content()).includes(secret));
  });

  it("refuses a form whose CSRF token was removed, and changes nothing", async () => {
    await page.goto(`${server.url}/developer`);
    await page.getByRole("link", { name: "Calorie Counter" }).click();
    const before = page.url();
    await page.getByLabel("Name", { exact: true }).fill("Renamed by a forged form");
    await page.locator('form[action$="' + new URL(before).pathname + '"] input[name="csrf_token"]').evaluate((input) => input.remove());
    await page.getByRole("button", { name: "Save changes" }).click();
    await page.getByRole("heading", { name: "Form expired" }).waitFor();
    const clientId = new URL(before).pathname.split("/").pop() ?? "";
    assert.equal((await findClientById(server.database.db, clientId))?.name, "Calorie Counter");
  });

  it("asks before rotating secrets; once confirmed, shows the new ones once and the old hash is gone", async () => {
    await page.goto(`${server.url}/developer`);
    await page.getByRole("link", { name: "Calorie Counter" }).click();
    const clientId = await page.locator("#client-id").innerText();
    const before = (await findClientById(server.database.db, clientId))?.secretHash;
    page.once("dialog", (dialog) => void dialog.dismiss());
    await page.getByRole("button", { name: "Rotate secrets" }).click();
    assert.equal((await findClientById(server.database.db, clientId))?.secretHash, before, "dismissed: nothing changed");
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Rotate secrets" }).click();
    await page.locator("#client-secret").waitFor();
    const secret = await page.locator("#client-secret").innerText();
    assert.equal((await findClientById(server.database.db, clientId))?.secretHash, sha256Hex(secret));
    await page.reload();
    assert.equal(await page.locator("#client-secret").count(), 0);
  });

  it("deletes an application after confirmation", async () => {
    await page.goto(`${server.url}/developer`);
    await page.getByRole("link", { name: "Calorie Counter" }).click();
    const clientId = await page.locator("#client-id").innerText();
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Delete application" }).click();
    await page.waitForURL(`${server.url}/developer?deleted=1`);
    assert.match(await page.getByRole("status").innerText(), /Application deleted/);
    assert.equal(await page.getByRole("link", { name: "Calorie Counter" }).count(), 0);
    assert.equal(await findClientById(server.database.db, clientId), null);
  });
});
