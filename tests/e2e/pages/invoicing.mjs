// Page objects of the invoicing screens (first run, clients, invoice editor and
// view, quotes), added to the shared fixtures with test.extend.
import { test as base, expect } from '../fixtures.mjs';

export class FirstRun {
  constructor(page) {
    this.page = page;
    this.root = page.locator('[data-page="first-run"]');
    // A refused value is said at its field; a failed save under the form.
    // The first one: a field's own message when there is one, else the form's.
    this.error = page.locator('#first-run-form .field-error, #first-run-error').first();
  }
  async fill({ name, taxId, street, postal, city, email, iban, bic, holder }) {
    const p = this.page;
    await p.locator('#fr-name').fill(name);
    await p.locator('#fr-tax-id').fill(taxId);
    await p.locator('#fr-street').fill(street);
    await p.locator('#fr-postal').fill(postal);
    await p.locator('#fr-city').fill(city);
    await p.locator('#fr-email').fill(email);
    await p.locator('#fr-iban').fill(iban);
    await p.locator('#fr-bic').fill(bic ?? '');
    await p.locator('#fr-holder').fill(holder ?? '');
  }
  async submit() {
    await this.page.locator('#first-run-save').click();
  }
}

export class ClientForm {
  constructor(page) {
    this.page = page;
    this.root = page.locator('[data-page="client-edit"]');
    this.view = page.locator('[data-page="client-view"]');
  }
  /** Create a client; returns its id (from the address of its page). */
  async create({ name, taxId, apName, apEmail, instructions, poRequired, terms, language, street, postal, city }) {
    const p = this.page;
    await p.goto('./#/clients/new');
    await expect(this.root).toBeVisible();
    await p.locator('#client-name').fill(name);
    await p.locator('#client-tax-id').fill(taxId);
    if (street) await p.locator('#client-street').fill(street);
    if (postal) await p.locator('#client-postal').fill(postal);
    if (city) await p.locator('#client-city').fill(city);
    await p.locator('#client-ap-name').fill(apName ?? '');
    await p.locator('#client-ap-email').fill(apEmail ?? '');
    await p.locator('#client-instructions').fill(instructions ?? '');
    if (poRequired) await p.locator('#client-po-required').check();
    await p.locator('#client-terms').fill(String(terms ?? 30));
    if (language) await p.locator('#client-language').selectOption(language);
    await p.locator('#client-save').click();
    await expect(this.view).toBeVisible();
    return /#\/clients\/([^/?]+)/.exec(p.url())?.[1];
  }
}

export class InvoiceEditor {
  constructor(page) {
    this.page = page;
    this.root = page.locator('[data-page="invoice-edit"]');
    this.saveState = page.locator('#save-state');
    this.issueError = page.locator('#issue-error');
    this.totalsError = page.locator('#totals-error');
    this.total = page.locator('#total-amount');
    this.confirm = page.locator('#issue-confirm');
  }
  async openNew() {
    await this.page.goto('./#/invoices/new');
    await expect(this.root).toBeVisible();
  }
  line(n) {
    return this.page.locator('.line-row').nth(n);
  }
  async chooseClient(name) {
    await this.page.locator('#inv-client').selectOption({ label: name });
  }
  async setLine(n, { description, quantity, price, vat }) {
    const row = this.line(n);
    if (description !== undefined) await row.locator('.line-description').fill(description);
    if (quantity !== undefined) await row.locator('.line-quantity').fill(quantity);
    if (price !== undefined) await row.locator('.line-price').fill(price);
    if (vat !== undefined) await row.locator('.line-vat').selectOption(vat);
  }
  async field(id, value) {
    await this.page.locator(`#${id}`).fill(value);
  }
  async waitSaved() {
    await expect(this.saveState).toHaveText(/Borrador guardado|Draft saved/);
  }
  /** Ask to issue: the confirmation opens (or the problems show at their fields). */
  async requestIssue() {
    await this.page.locator('#issue-invoice').click();
  }
  /** Issue after the confirmation; returns the number it announced. */
  async issue() {
    await this.requestIssue();
    await expect(this.confirm).toBeVisible();
    const number = await this.page.locator('#issue-confirm-number').textContent();
    await this.page.locator('#confirm-issue').click();
    return number;
  }
  /** The problem shown under the field `id` of the editor. */
  problem(id) {
    return this.page.locator(`.field:has(#${id}) .field-problem`);
  }
  /** The problem shown under a field of line `n` (`.line-quantity`…). */
  lineProblem(n, cls) {
    return this.line(n).locator(`.field:has(${cls}) .field-problem`);
  }
}

export class InvoiceView {
  constructor(page) {
    this.page = page;
    this.root = page.locator('[data-page="invoice-view"]');
    this.number = page.locator('#doc-number');
    this.po = page.locator('#doc-po');
    this.status = page.locator('#invoice-status');
    this.qr = page.locator('svg#epc-qr');
    this.pay = page.locator('#doc-pay');
    this.total = page.locator('#invoice-doc #total-amount');
    this.seller = page.locator('#doc-seller');
    this.buyer = page.locator('#doc-buyer');
    this.early = page.locator('#doc-early');
    this.reference = page.locator('#doc-reference');
    this.cancelledBy = page.locator('#cancelled-by');
  }
  /** The EPC payload lines the QR code encodes. */
  async epcLines() {
    const payload = await this.qr.getAttribute('data-epc');
    return payload.split('\n');
  }
  /** Dark modules of the drawn QR code as "x,y" strings, and the drawing's side. */
  async modules() {
    const d = await this.qr.locator('path').getAttribute('d');
    const box = await this.qr.getAttribute('viewBox');
    const side = Number(box.split(' ')[2]);
    const set = new Set([...d.matchAll(/M(\d+),(\d+)h1v1h-1z/g)].map((m) => `${m[1]},${m[2]}`));
    return { set, side };
  }
  async creditNote(reason) {
    await this.page.locator('#open-credit').click();
    await this.page.locator('#credit-reason').fill(reason);
    await this.page.locator('#confirm-credit').click();
  }
}

export class QuoteScreens {
  constructor(page) {
    this.page = page;
    this.edit = page.locator('[data-page="quote-edit"]');
    this.view = page.locator('[data-page="quote-view"]');
    this.state = page.locator('#quote-state');
    this.number = page.locator('#quote-doc #doc-number');
  }
  async create({ client, description, quantity, price }) {
    const p = this.page;
    await p.goto('./#/quotes/new');
    await expect(this.edit).toBeVisible();
    await p.locator('#quote-client').selectOption({ label: client });
    const row = p.locator('.line-row').first();
    await row.locator('.line-description').fill(description);
    await row.locator('.line-quantity').fill(quantity);
    await row.locator('.line-price').fill(price);
    await p.locator('#quote-save').click();
    await expect(this.view).toBeVisible();
  }
}

/** A business as the first run leaves it (bank transfer with its IBAN), for the specs that
 *  start from an empty browser. */
export const BUSINESS = {
  name: 'Lucía Martín Estudio',
  taxId: '12345678Z',
  street: 'Calle Mayor 1',
  postal: '28013',
  city: 'Madrid',
  email: 'lucia@example.es',
  iban: 'ES91 2100 0418 4502 0005 1332',
  bic: 'CAIXESBBXXX',
  holder: 'Lucía Martín',
};

/** Set the business up through the first run; the app then opens on the agenda. */
export async function setUpBusiness(page, business = BUSINESS) {
  await page.goto('./');
  const firstRun = new FirstRun(page);
  await expect(firstRun.root).toBeVisible();
  await firstRun.fill(business);
  await firstRun.submit();
  await expect(page.locator('[data-page="agenda"]')).toBeVisible();
}

/** The UI language from the first paint on (the language switch keeps it in localStorage). */
export async function useLanguage(page, lang) {
  await page.addInitScript((l) => localStorage.setItem('cobro.lang', JSON.stringify(l)), lang);
}

export const test = base.extend({
  firstRun: async ({ page }, use) => use(new FirstRun(page)),
  clientForm: async ({ page }, use) => use(new ClientForm(page)),
  editor: async ({ page }, use) => use(new InvoiceEditor(page)),
  invoiceView: async ({ page }, use) => use(new InvoiceView(page)),
  quoteScreens: async ({ page }, use) => use(new QuoteScreens(page)),
});

export { expect };
