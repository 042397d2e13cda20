// Page objects of corrections: an invoice's payment list and its forms, the archive/delete
// actions of clients, items and methods; on top of the collections fixtures (clock, seed…).
// Also what a user must be able to do with them at any width and in either language: reach
// and tap every action (in the window, not under the phone's bar, not on top of another),
// and read figures written the way the UI's language writes them.
import { readFileSync } from 'node:fs';
import { test as base, expect, FIXTURES } from './collections.mjs';
import { sealed, readStore } from './data.mjs';
import { expectGoodLayout } from '../layout.mjs';

export { expect, FIXTURES, readStore, expectGoodLayout };

/** The two widths every correction is done at. */
export const SIZES = {
  phone: { width: 360, height: 740 },
  desktop: { width: 1280, height: 800 },
};

/** Show the app in `lang` ('es', 'en') from the next page load on (a device preference). */
export async function useLanguage(page, lang) {
  await page.addInitScript((l) => localStorage.setItem('cobro.lang', JSON.stringify(l)), lang);
}

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

/**
 * Every element `locator` matches can be seen and tapped where it is, as a thumb would: once
 * scrolled to as the browser scrolls to it, it lies wholly inside the window, is on top at
 * its centre and corners (not under the top bar, the phone's bottom bar or a neighbour), its
 * label is not cut, it is at least 44 px tall on a phone (the app's thumb-sized target) and
 * no two of them overlap.
 */
export async function expectReachable(locator, what) {
  const elements = await locator.all();
  expect(elements.length, `${what}: there is something to tap`).toBeGreaterThan(0);
  for (const el of elements) {
    // Brought into view the way the browser does it for a user (a focused button, a form
    // that opens): only as far as needed, so a bar over it stays over it.
    await expect(el).toBeVisible();
    await el.evaluate((e) => e.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
    const seen = await el.evaluate((e) => {
      const r = e.getBoundingClientRect();
      const vw = document.documentElement.clientWidth;
      const vh = window.innerHeight;
      const name = (n) => (n ? (n.id ? `#${n.id}` : `${n.tagName.toLowerCase()}.${[...n.classList].join('.')}`) : 'nothing');
      // The centre and four points inside the corners (clear of rounded edges).
      const [ix, iy] = [Math.min(10, r.width / 2), Math.min(10, r.height / 2)];
      const points = [
        [r.left + r.width / 2, r.top + r.height / 2],
        [r.left + ix, r.top + iy],
        [r.right - ix, r.top + iy],
        [r.left + ix, r.bottom - iy],
        [r.right - ix, r.bottom - iy],
      ];
      const covered = points
        .map(([x, y]) => document.elementFromPoint(x, y))
        .filter((top) => !top || !e.contains(top))
        .map(name);
      return {
        label: e.textContent.trim(),
        box: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, height: r.height },
        vw,
        vh,
        covered,
        spill: e.scrollWidth - e.clientWidth,
      };
    });
    const { label, box, vw, vh } = seen;
    expect(box.left, `${what} «${label}» starts inside the window`).toBeGreaterThanOrEqual(0);
    expect(box.right, `${what} «${label}» ends inside the window`).toBeLessThanOrEqual(vw + 0.5);
    expect(box.top, `${what} «${label}» below the top of the window`).toBeGreaterThanOrEqual(0);
    expect(box.bottom, `${what} «${label}» above the bottom of the window`).toBeLessThanOrEqual(vh + 0.5);
    expect(seen.covered, `${what} «${label}» covered`).toEqual([]);
    expect(seen.spill, `${what} «${label}»'s label spills out`).toBeLessThanOrEqual(1);
    if (vw < 600) expect(box.height, `${what} «${label}» thumb-sized`).toBeGreaterThanOrEqual(44);
  }
  // Compared on the page, not the window: scrolling between two reads moves both alike.
  const onPage = await locator.evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { label: e.textContent.trim(), left: r.left, right: r.right, top: r.top + scrollY, bottom: r.bottom + scrollY };
    }),
  );
  for (const [i, a] of onPage.entries()) {
    for (const b of onPage.slice(i + 1)) {
      const apart = a.right <= b.left + 0.5 || b.right <= a.left + 0.5 || a.bottom <= b.top + 0.5 || b.bottom <= a.top + 0.5;
      expect(apart, `${what}: «${a.label}» and «${b.label}» overlap`).toBe(true);
    }
  }
}

/** Words of the payment and record screens that only one language uses, to find the other
 * language's leaking in (whole words: «Cancel» is not inside «Cancelar»). */
const ONLY = {
  es: ['Cobros?', 'Anular', 'Anulado', 'Corregir', 'Importe', 'Motivo', 'Guardar', 'Cancelar', 'Vencida', 'Pagada', 'Archivar', 'Eliminar', 'Pendiente', 'Factura'],
  en: ['Payments?', 'Void', 'Voided', 'Correct', 'Amount', 'Reason', 'Save', 'Cancel', 'Overdue', 'Paid', 'Archive', 'Delete', 'Owed', 'Invoice', 'Status'],
};

/**
 * What `locator` shows is in `lang` only: none of the other language's words, amounts and
 * dates as `lang` writes them and never the other way (Spanish `1.210,00 €` and `20/04/2026`,
 * English `€1,210.00` and `20 Apr 2026`).
 */
export async function expectLocaleOf(locator, lang, what) {
  const text = (await locator.innerText()).replace(/\s+/g, ' ');
  const leaked = ONLY[lang === 'es' ? 'en' : 'es'].filter((w) => new RegExp(`\\b${w}\\b`).test(text));
  expect(leaked, `${what}: words of the other language in «${text.slice(0, 300)}»`).toEqual([]);
  const spanish = { amount: /\d,\d\d €/, date: /\b\d\d\/\d\d\/\d{4}\b/ };
  const english = { amount: /€\d/, date: /\b\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b/ };
  const [mine, other] = lang === 'es' ? [spanish, english] : [english, spanish];
  expect(text, `${what}: amounts as ${lang} writes them`).toMatch(mine.amount);
  expect(text, `${what}: no amount written the other way`).not.toMatch(other.amount);
  expect(text, `${what}: no date written the other way`).not.toMatch(other.date);
  // A decimal separator is the language's own (a grouping one is followed by three digits).
  expect(text, `${what}: no decimal separator of the other language`).not.toMatch(lang === 'es' ? /\d\.\d\d(?!\d)/ : /\d,\d\d(?!\d)/);
}

export const test = base.extend({
  payments: async ({ page }, use) => use(new Payments(page)),
});
