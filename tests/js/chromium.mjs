// Headless Chromium for the page tests: Debian's chromium driven by playwright-core (its own
// browser download is not reachable here), with the flags these machines need.
import { chromium } from "playwright-core";

/** Launches headless Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/**
 * Opens `url` in a new page and waits for the scenario's `window.testResult`. Returns it, every
 * line the page logged and every error it threw (`problems`), and the `.wasm` files it loaded.
 * `reportUnhandledRejections` turns an unhandled promise rejection into a logged line too.
 */
export async function runScenario(browser, url, { timeout = 120_000, reportUnhandledRejections = false } = {}) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  if (reportUnhandledRejections) {
    await page.addInitScript(() => window.addEventListener("unhandledrejection", (e) => console.log(`unhandled rejection: ${e.reason}`)));
  }
  page.on("console", (m) => problems.push(`console.${m.type()}: ${m.text()}`));
  await page.goto(url);
  await page.waitForFunction(() => window.testResult, null, { timeout });
  const result = await page.evaluate(() => window.testResult);
  const wasm = await page.evaluate(() => performance.getEntriesByType("resource").map((r) => r.name).filter((n) => n.endsWith(".wasm")));
  await page.close();
  return { result, problems, wasm };
}

/** `problems` without the line Chromium itself logs for every failed fetch ("Failed to load resource: ..."). */
export function withoutFailedLoads(problems) {
  return problems.filter((p) => !/^console\.error: Failed to load resource: /.test(p));
}
