// Page objects, one per screen, handed to tests as Playwright fixtures. Every test
// also fails on any page error, console error or request to another origin.
import { test as base, expect } from '@playwright/test';

/** The frame around every screen: brand, navigation, language switch, update prompt. */
export class Shell {
  constructor(page) {
    this.page = page;
    this.nav = page.getByRole('navigation');
    this.langSwitch = page.locator('#lang-switch');
    this.updateBanner = page.locator('#update-banner');
    this.heading = page.locator('main h1');
  }
  /** Open the app (optionally under a sub-path) and wait until the wasm has rendered. */
  async open(path = './') {
    await this.page.goto(path);
    await expect(this.nav).toBeVisible();
  }
  navLink(route) {
    return this.page.locator(`nav a[data-route="${route}"]`);
  }
  /** The phone bar's "More" button, which opens the sheet with the areas the bar has no room for. */
  get moreToggle() {
    return this.page.locator('#nav-more-toggle');
  }
  /** Make an area's link visible: on a phone, open "More" when the link is in its sheet. */
  async reveal(route) {
    const link = this.navLink(route);
    // The rail (desktop) or the bar shows it, or it waits in the closed sheet: opening the
    // sheet must show it, so a link missing from both fails here, not as a click timeout.
    if (!(await link.isVisible()) && (await this.moreToggle.isVisible())) {
      await expect(this.moreToggle).toHaveAttribute('aria-expanded', 'false');
      await this.moreToggle.click();
      await expect(this.moreToggle).toHaveAttribute('aria-expanded', 'true');
    }
    await expect(link).toBeVisible();
    return link;
  }
  async go(route) {
    await (await this.reveal(route)).click();
    // A fresh install's home is the first-run set-up until there is a business or data.
    const target = route === 'agenda' ? '[data-page="agenda"], [data-page="first-run"]' : `[data-page="${route}"]`;
    await expect(this.page.locator(target)).toBeVisible();
  }
  async setLanguage(code) {
    await this.langSwitch.selectOption(code);
  }
  /** Resolves once a service worker controls the page (the app is then offline-capable). */
  async waitForServiceWorker() {
    await this.page.waitForFunction(() => navigator.serviceWorker?.controller != null, null, { timeout: 30_000 });
  }
}

/** A screen of the app, reached from the navigation. */
class Screen {
  constructor(page, shell, route) {
    this.page = page;
    this.shell = shell;
    this.route = route;
    this.root = page.locator(`[data-page="${route}"]`);
    this.heading = this.root.locator('h1');
  }
  async goto() {
    await this.shell.go(this.route);
  }
}

export class AgendaScreen extends Screen {}
export class InvoicesScreen extends Screen {}
export class QuotesScreen extends Screen {}
export class ClientsScreen extends Screen {}
export class ReportsScreen extends Screen {}
export class SettingsScreen extends Screen {}
export class BackupScreen extends Screen {
  constructor(page, shell, route) {
    super(page, shell, route);
    this.fileInput = page.locator('#import-file');
    this.preview = page.locator('#import-preview');
    this.problems = page.locator('#import-problems');
    this.outcome = page.locator('#backup-outcome');
    this.replaceButton = page.locator('#import-replace');
    this.mergeButton = page.locator('#import-merge');
    this.acceptEdited = page.locator('#accept-edited');
    this.lastBackup = page.locator('#last-backup');
  }
  /** Open the app straight on the backup screen. */
  async open() {
    await this.shell.open('./#/backup');
    await expect(this.root).toBeVisible();
  }
  /** Choose a file: a path, or { name, buffer } for generated content. */
  async choose(file) {
    await this.fileInput.setInputFiles(typeof file === 'string' ? file : { mimeType: 'application/json', ...file });
  }
  /** How many records of a store the device holds, as the screen shows it. */
  count(store) {
    return this.page.locator(`#stored-counts [data-store="${store}"] dd`);
  }
  /** Records of a store in the chosen file, as the preview shows it. */
  inFile(store) {
    return this.preview.locator(`tr[data-store="${store}"] .in-file`);
  }
  async restore(file, mode = 'replace') {
    await this.choose(file);
    await expect(this.preview).toBeVisible();
    await (mode === 'replace' ? this.replaceButton : this.mergeButton).click();
    await expect(this.outcome).toHaveClass(/ok/);
  }
  /** Click export and return the downloaded file's name and text. */
  async download() {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.locator('#export-button').click()]);
    const path = await download.path();
    const { readFileSync } = await import('node:fs');
    return { name: download.suggestedFilename(), text: readFileSync(path, 'utf8') };
  }
}

export const ROUTES = ['agenda', 'invoices', 'quotes', 'clients', 'reports', 'settings', 'backup'];

export const test = base.extend({
  // Collected for every test; asserted in the auto fixture below.
  // Every page of the test's context is watched, including tabs a test opens itself.
  problems: async ({ page, baseURL }, use) => {
    const problems = [];
    const origin = new URL(baseURL).origin;
    const watch = (p) => {
      p.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      p.on('console', (m) => {
        if (m.type() === 'error') problems.push(`console error: ${m.text()}`);
      });
      // A script that runs would most likely show itself as a dialog (alert, confirm):
      // the app never opens one, so any dialog is a failure.
      p.on('dialog', (d) => {
        problems.push(`dialog: ${d.type()} ${d.message()}`);
        d.dismiss().catch(() => {});
      });
    };
    watch(page);
    page.context().on('page', watch);
    page.context().on('request', (r) => {
      const u = new URL(r.url());
      if (!['data:', 'blob:'].includes(u.protocol) && u.origin !== origin) problems.push(`foreign request: ${r.url()}`);
    });
    await use(problems);
  },
  guard: [
    async ({ problems }, use) => {
      await use();
      expect(problems, 'no page errors, console errors or foreign requests').toEqual([]);
    },
    { auto: true },
  ],
  shell: async ({ page }, use) => use(new Shell(page)),
  agenda: async ({ page, shell }, use) => use(new AgendaScreen(page, shell, 'agenda')),
  invoices: async ({ page, shell }, use) => use(new InvoicesScreen(page, shell, 'invoices')),
  quotes: async ({ page, shell }, use) => use(new QuotesScreen(page, shell, 'quotes')),
  clients: async ({ page, shell }, use) => use(new ClientsScreen(page, shell, 'clients')),
  reports: async ({ page, shell }, use) => use(new ReportsScreen(page, shell, 'reports')),
  settings: async ({ page, shell }, use) => use(new SettingsScreen(page, shell, 'settings')),
  backup: async ({ page, shell }, use) => use(new BackupScreen(page, shell, 'backup')),
});

export { expect };
