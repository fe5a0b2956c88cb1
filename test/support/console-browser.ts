import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { TEST_PASSWORD } from 'test/support/auth';
import { launchChromium } from 'test/support/browser';
import { REPO_ROOT } from 'test/support/processes';
import type { TestApp } from 'test/support/test-app';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The console in Debian's Chromium against the real application on an ephemeral port: pages
 * that collect script errors, an axe-core scan, screenshots (to docs/images/console/ with
 * UPDATE_SCREENSHOTS=1, else a temporary folder), sign-in through the console's own form.
 */
export class ConsoleBrowser {
  readonly problems: string[] = [];
  readonly axeProblems: string[] = [];
  readonly screenshots: string;
  private constructor(
    readonly base: string,
    private readonly browser: Browser,
    name: string,
  ) {
    this.screenshots = process.env.UPDATE_SCREENSHOTS === '1' ? path.join(REPO_ROOT, 'docs/images/console') : path.join(os.tmpdir(), `hb-console-${name}-${process.pid}`);
  }

  static async start(t: TestApp, name: string): Promise<ConsoleBrowser> {
    await t.app.listen(0, '127.0.0.1');
    const base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    return new ConsoleBrowser(base, await launchChromium(), name);
  }

  async close(): Promise<void> {
    await this.browser.close();
    if (process.env.UPDATE_SCREENSHOTS !== '1') fs.rmSync(this.screenshots, { recursive: true, force: true });
  }

  /** `bypassCSP` only to inject axe-core; pass false to run under the page's own policy. */
  async newPage(opts: { width?: number; height?: number; locale?: string; bypassCSP?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await this.browser.newContext({
      viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
      locale: opts.locale ?? 'en-GB',
      bypassCSP: opts.bypassCSP ?? true,
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => this.problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      // 400/401/403/404/409: the refusals a step provokes on purpose, logged by the browser.
      if (m.type() === 'error' && !/status of (400|401|403|404|409)/.test(m.text())) this.problems.push(`console: ${m.text()}`);
    });
    return { context, page };
  }

  /** Signs in through the sign-in form with the keyboard, as staff do. */
  async signIn(page: Page, email: string, path = '/admin', lang = 'en'): Promise<void> {
    await page.goto(`${this.base}${path}${path.includes('?') ? '&' : '?'}lang=${lang}`);
    await page.getByLabel(lang === 'fr' ? 'Adresse e-mail' : 'E-mail address').fill(email);
    await page.getByLabel(lang === 'fr' ? 'Mot de passe' : 'Password').fill(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#sign-in', { state: 'detached' });
  }

  async axe(page: Page, step: string): Promise<void> {
    await page.addScriptTag({ content: AXE_SOURCE });
    const { passes, violations } = await page.evaluate(async () => {
      const run = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ passes: unknown[]; violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run;
      const result = await run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
      return { passes: result.passes.length, violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')) })) };
    });
    if (passes < 10) this.axeProblems.push(`${step}: axe-core checked only ${passes} rules`);
    for (const v of violations.filter((x) => x.impact === 'serious' || x.impact === 'critical')) this.axeProblems.push(`${step}: ${v.id} (${v.impact}) at ${v.targets.join(', ')}`);
  }

  /** axe-core on the page as it is, then the same page at 640 px (200% zoom) must not scroll sideways. */
  async check(page: Page, step: string): Promise<void> {
    await this.axe(page, step);
    const size = page.viewportSize()!;
    await page.setViewportSize({ width: 640, height: size.height });
    if (await ConsoleBrowser.scrollsSideways(page)) this.axeProblems.push(`${step}: scrolls sideways at 640 px`);
    await page.setViewportSize(size);
  }

  async shoot(page: Page, name: string): Promise<void> {
    fs.mkdirSync(this.screenshots, { recursive: true });
    await page.screenshot({ path: path.join(this.screenshots, name), fullPage: true });
  }

  /** At 200% zoom a 1280 px window is 640 CSS px wide: the page must reflow, not scroll sideways. */
  static async scrollsSideways(page: Page): Promise<boolean> {
    return page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth + 1);
  }
}

/** The e-mail address test/support/auth.ts gives the account of a role. */
export const emailOf = (role: string): string => `${role.replace('_', '-')}@test.invalid`;
