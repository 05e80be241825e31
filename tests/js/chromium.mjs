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
