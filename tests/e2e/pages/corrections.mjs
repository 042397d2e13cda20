// Page objects of corrections: an invoice's payment list and its forms, the archive/delete
// actions of clients, items and methods; on top of the collections fixtures (clock, seed…).
import { readFileSync } from 'node:fs';
import { test as base, expect, FIXTURES } from './collections.mjs';
import { sealed } from './data.mjs';

export { expect, FIXTURES };

/** The payments of the invoice page (`#/invoices/<id>`). */
export class Payments {
  constructor(page) {
    this.page = page;
    this.rows = page.locator('#collect-payments > li');
    this.counting = page.locator('#collect-payments > li[data-state="counts"]');
    this.voided = page.locator('#collect-payments > li[data-state="voided"]');
    this.discount = page.locator('#payments-discount');
    this.form = page.locator('form[data-form="payment"]');
    this.question = page.locator('#overpay-question');
    this.status = page.locator('#collect-status');
    this.owed = page.locator('#collect-owed');
    this.notice = page.locator('.payments [data-notice]');
  }
  row(amount) {
    return this.page.locator(`#collect-payments > li[data-state="counts"][data-amount="${amount}"]`);
  }
  /** Open the record form and fill it (values as typed); does not save. */
  async fill({ amount, date } = {}) {
    if ((await this.form.count()) === 0) await this.page.locator('.collect-panel [data-action="record-payment"]').click();
    if (date) await this.form.locator('[data-field="date"]').fill(date);
    if (amount !== undefined) await this.form.locator('[data-field="amount"]').fill(amount);
  }
  async save() {
    await this.form.locator('[data-action="save"]').click();
  }
  async correct(row, { amount, reason }) {
    await row.locator('[data-action="correct-payment"]').click();
    await this.form.locator('[data-field="amount"]').fill(amount);
    if (reason) await this.form.locator('[data-field="reason"]').fill(reason);
    await this.save();
  }
  async void(row, reason) {
    await row.locator('[data-action="void-payment"]').click();
    const form = this.page.locator('form[data-form="void-payment"]');
    await form.locator('[data-field="reason"]').fill(reason);
    await form.locator('[data-action="confirm-void"]').click();
    await expect(form).toHaveCount(0);
  }
}

/** `collections-day0.json` with `edit` applied to its data, as a file to restore (sealed in
 * the version 1 form, whose checksum covers the data alone). */
export function day0(edit = () => {}) {
  const doc = JSON.parse(readFileSync(FIXTURES + 'collections-day0.json', 'utf8'));
  edit(doc.data);
  doc.schema_version = 1;
  delete doc.digests;
  return sealed(doc, 'day0-edited.json');
}

/** No part of the page is wider than the window (nothing to scroll sideways). */
export async function expectNoHorizontalOverflow(page) {
  const { scroll, width } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    width: window.innerWidth,
  }));
  expect(scroll, 'page wider than the window').toBeLessThanOrEqual(width);
}

export const test = base.extend({
  payments: async ({ page }, use) => use(new Payments(page)),
});
