import * as fs from 'node:fs';
import { Browser, chromium } from 'playwright-core';

// Debian's Chromium (apt-get install chromium; .ci/run installs it). Never a downloaded browser:
// playwright-core has no browser of its own and none is fetched.
export const CHROMIUM = '/usr/bin/chromium';

export function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (see .ci/run)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
}
