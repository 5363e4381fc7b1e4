// A developer in a real browser (Debian Chromium via playwright-core) follows the footer's
// "API reference" link, finds a method from the index, reads its scope and parameters, finds
// the error code table, and opens the OpenAPI document the page links to.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { browserSkipReason, useBrowser } from "../helpers/browser.ts";
import { databaseTargets } from "../helpers/databases.ts";
import { useTestServer } from "../helpers/suite.ts";

const [sqlite] = await databaseTargets();
const skip = browserSkipReason();

describe("the API reference in Chromium", { skip }, () => {
  const server = useTestServer(sqlite!);
  const browser = useBrowser();
  let page: Page;

  before(async () => { page = await browser().newPage(); });

  it("is reached from the footer and leads to each method, the error codes and the OpenAPI document", async () => {
    await page.goto(`${server.url}/login`);
    await page.getByRole("link", { name: "API reference" }).click();
    await page.getByRole("heading", { level: 1, name: "fitgate API reference" }).waitFor();

    await page.getByRole("link", { name: "food_entry.create" }).click();
    assert.ok(page.url().endsWith("#food_entry.create"));
    const section = page.getByRole("region", { name: "food_entry.create" });
    assert.match(await section.innerText(), /Scope diary:write \(a user's grant/);
    const parameters = section.getByRole("table", { name: "Parameters of food_entry.create" });
    assert.ok(await parameters.getByRole("cell", { name: "client_entry_id", exact: true }).isVisible());

    const errors = page.getByRole("table", { name: "Error codes" });
    const row = errors.getByRole("row").filter({ hasText: "Missing scope" });
    assert.deepEqual((await row.getByRole("cell").allInnerTexts()).slice(0, 2), ["14", "403"]);

    await page.getByRole("link", { name: "/api/openapi.json" }).click();
    const document = JSON.parse(await page.locator("body").innerText()) as { openapi: string };
    assert.equal(document.openapi, "3.1.0");
  });
});
