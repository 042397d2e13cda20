// Page objects of the collections screens (agenda, an invoice's collection panel, reports),
// handed to tests as Playwright fixtures on top of the shared ones in ../fixtures.mjs.
import { readFileSync } from 'node:fs';
import { test as base, expect } from '../fixtures.mjs';

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

/** The app's notion of "today" comes from the browser's Date: the tests fix it. */
export class Clock {
  constructor(page) {
    this.page = page;
  }
  /** Fix "now" at 10:00 local time on `day` (YYYY-MM-DD). Call before navigating. */
  async set(day) {
    this.now = new Date(`${day}T10:00:00`);
    await this.page.clock.setFixedTime(this.now);
  }
}

/** Puts a backup into the app through its own backup screen (restore, replace). */
export class Seed {
  constructor(page, backup) {
    this.page = page;
    this.backup = backup;
  }
  /** Replace everything with the backup in `tests/e2e/fixtures/<name>`; returns the parsed file. */
  async restore(name) {
    await this.backup.open();
    await this.backup.restore(FIXTURES + name, 'replace');
    return JSON.parse(readFileSync(FIXTURES + name, 'utf8'));
  }
}

/** The agenda (home): today's contacts, the next 14 days, the calendar export. */
export class AgendaPage {
  constructor(page) {
    this.page = page;
    this.root = page.locator('[data-page="agenda"]');
    this.due = page.locator('#agenda-due > li.agenda-item');
    this.upcoming = page.locator('#agenda-next > li.agenda-item');
    this.empty = page.locator('#agenda-empty');
    this.exportIcs = page.locator('#export-ics');
  }
  async open() {
    await this.page.goto('./#/agenda');
    await this.page.reload();
    await expect(this.page.locator('#agenda-today')).toBeVisible();
  }
  item(kind, number) {
    return this.page.locator(`#agenda-due > li[data-kind="${kind}"][data-invoice="${number}"]`);
  }
  /** Mark a card done: outcome is a form value (no_answer, confirmed_receipt, promised_to_pay…). */
  async markDone(item, { outcome = 'no_answer', promised, reason, note } = {}) {
    await item.locator('[data-action="done"]').click();
    const form = item.locator('form[data-form="contact"]');
    await form.locator('[data-field="outcome"]').selectOption(outcome);
    if (promised) await form.locator('[data-field="promised"]').fill(promised);
    if (reason) await form.locator('[data-field="reason"]').fill(reason);
    if (note) await form.locator('[data-field="note"]').fill(note);
    await form.locator('[data-action="save"]').click();
    await expect(item).toHaveCount(0);
  }
  async snooze(item, to) {
    await item.locator('[data-action="snooze"]').click();
    const form = item.locator('form[data-form="snooze"]');
    await form.locator('[data-field="snooze-to"]').fill(to);
    await form.locator('[data-action="save"]').click();
    await expect(item).toHaveCount(0);
  }
  async downloadIcs() {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.exportIcs.click()]);
    expect(download.suggestedFilename()).toBe('cobro-seguimiento.ics');
    return readFileSync(await download.path(), 'utf8');
  }
}

/** One invoice's collection panel (reached from the agenda: `#/agenda/invoice/<id>`). */
export class CollectPanel {
  constructor(page) {
    this.page = page;
    this.root = page.locator('.collect-panel');
    this.status = page.locator('#collect-status');
    this.owed = page.locator('#collect-owed');
    this.steps = page.locator('#collect-steps > li');
    this.contacts = page.locator('#collect-contacts > li');
    this.payments = page.locator('#collect-payments > li');
    this.notice = this.root.locator('[data-notice]');
  }
  async open(invoiceId) {
    await this.page.goto(`./#/agenda/invoice/${invoiceId}`);
    await this.page.reload();
    await expect(this.status).toBeVisible();
  }
  async action(name) {
    await this.root.locator(`[data-action="${name}"]`).click();
  }
  async markSent(date) {
    await this.action('mark-sent');
    const form = this.root.locator('form[data-form="send"]');
    if (date) await form.locator('[data-field="date"]').fill(date);
    await form.locator('[data-action="save"]').click();
    await expect(this.page.locator('#collect-sent')).toBeVisible();
  }
  async recordPayment(amount, { date } = {}) {
    await this.action('record-payment');
    const form = this.root.locator('form[data-form="payment"]');
    if (date) await form.locator('[data-field="date"]').fill(date);
    if (amount !== undefined) await form.locator('[data-field="amount"]').fill(amount);
    await form.locator('[data-action="save"]').click();
    await expect(form).toHaveCount(0);
  }
}

/** The reports screen. */
export class ReportsPage {
  constructor(page) {
    this.page = page;
    this.root = page.locator('[data-page="reports"]');
    this.from = page.locator('[data-page="reports"] [data-field="from"]');
    this.to = page.locator('[data-page="reports"] [data-field="to"]');
  }
  async open() {
    await this.page.goto('./#/reports');
    await this.page.reload();
    await expect(this.root).toBeVisible();
  }
  async period(from, to) {
    await this.from.fill(from);
    await this.to.fill(to);
  }
  currency(code) {
    return this.page.locator(`.report-currency[data-currency="${code}"]`);
  }
  async download(buttonId) {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.locator(`#${buttonId}`).click()]);
    return { name: download.suggestedFilename(), text: readFileSync(await download.path(), 'utf8') };
  }
}

export const test = base.extend({
  clock: async ({ page }, use) => use(new Clock(page)),
  seed: async ({ page, backup }, use) => use(new Seed(page, backup)),
  agendaPage: async ({ page }, use) => use(new AgendaPage(page)),
  collect: async ({ page }, use) => use(new CollectPanel(page)),
  reportsPage: async ({ page }, use) => use(new ReportsPage(page)),
});

export { expect };
