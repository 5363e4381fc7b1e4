// Debian's Chromium driven by playwright-core (npx playwright install cannot work here).
// Without /usr/bin/chromium the browser tests skip, saying why; FITGATE_TEST_REQUIRE_BROWSER=1
// (CI) makes them fail instead.
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

export const CHROMIUM_PATH = process.env.FITGATE_TEST_CHROMIUM ?? "/usr/bin/chromium";

export function browserSkipReason(): false | string {
  if (existsSync(CHROMIUM_PATH)) return false;
  const reason = `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`;
  if (process.env.FITGATE_TEST_REQUIRE_BROWSER === "1") throw new Error(`FITGATE_TEST_REQUIRE_BROWSER=1 but ${reason}`);
  return reason;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
  });
}
