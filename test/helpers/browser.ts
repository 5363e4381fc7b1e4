// Debian's Chromium driven by playwright-core (npx playwright install cannot work here), and the
// person's steps every browser test takes: log in, then Allow or Deny on the consent page.
// Without /usr/bin/chromium the browser tests skip, saying why; FITGATE_TEST_REQUIRE_BROWSER=1
// (CI) makes them fail instead.
import { existsSync } from "node:fs";
import { chromium, type Browser, type Page } from "playwright-core";
import { useSuiteValue } from "./suite.ts";

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

/** Chromium for the suite (test/helpers/suite.ts): launched before its first test, closed after its last */
export function useBrowser(): () => Browser {
  return useSuiteValue("the suite's Chromium", launchBrowser, (browser) => browser.close());
}

export type Credentials = Readonly<{ email: string; password: string }>;

/** goes to `url` (an authorization URL, or /login) logged out, logs in on the login page, and waits until the browser has left /login */
export async function logInInChromium(page: Page, url: string, user: Credentials): Promise<void> {
  await page.goto(url);
  await page.getByLabel(/email/i).fill(user.email);
  await page.getByLabel(/password/i).fill(user.password);
  await Promise.all([page.waitForURL((next) => !next.pathname.startsWith("/login")), page.getByRole("button", { name: /log in/i }).click()]);
}

/** presses Allow or Deny on the consent page; with `arrival`, waits until the browser is at that URL (the app's callback) */
export async function answerConsent(page: Page, button: "Allow" | "Deny", arrival?: string): Promise<void> {
  const arrived = arrival === undefined ? undefined : page.waitForURL(`${arrival}**`);
  await Promise.all([arrived, page.getByRole("button", { name: button }).click()]);
}

/** logInInChromium, then Allow on the consent page it leads to */
export async function logInAndAllow(page: Page, url: string, user: Credentials, arrival?: string): Promise<void> {
  await logInInChromium(page, url, user);
  await answerConsent(page, "Allow", arrival);
}
