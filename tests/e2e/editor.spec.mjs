// The document editor end to end, on a 360 px phone and a 1280 px desktop, in Spanish and
// English: an invoice written for a client chosen from the address, its lines laid out for
// the screen, issued only after a confirmation naming the number it takes; what was typed
// kept when the editor is left with a field still wrong (and after a reload or a closed
// tab); a stray draft deleted after a second look. Then the rules that need one run each:
// an invoice of zero is refused; a quote carries its terms to the invoice it becomes.
import { test, expect, setUpBusiness, useLanguage } from './pages/invoicing.mjs';
import { FIXTURES, readStore } from './pages/data.mjs';
import { expectGoodLayout } from './layout.mjs';

const TODAY = '2026-03-02';
const SIZES = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];
const CLIENT = { name: 'Acme Industrial SL', taxId: 'B87654323', terms: 30 };

/** The words of the checks that depend on the UI language. */
const WORDS = {
  es: { saved: 'Borrador guardado', attention: 'Falta revisar 1 campo', total: '3.215,50 €', due: '01/04/2026' },
  en: { saved: 'Draft saved', attention: '1 field needs attention', total: '€3,215.50', due: '1 Apr 2026' },
};

async function start(page, lang) {
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00`));
  await useLanguage(page, lang);
  await setUpBusiness(page);
}

/** Where each input of a line is on screen. */
async function boxes(line) {
  const out = {};
  for (const cls of ['line-description', 'line-quantity', 'line-price', 'line-discount', 'line-vat', 'line-amount']) {
    out[cls] = await line.locator(`.${cls}`).boundingBox();
  }
  return out;
}

for (const size of SIZES) {
  for (const lang of ['es', 'en']) {
    const w = WORDS[lang];
    test.describe(`${lang}, ${size.width} px`, () => {
      test.use({ viewport: size });

      test('write an invoice for a client and issue it after a confirmation', async ({ page, clientForm, editor }) => {
        await start(page, lang);
        const clientId = await clientForm.create(CLIENT);
        // "New invoice" for a client starts with that client.
        await page.goto(`./#/invoices/new?client=${clientId}`);
        await expect(page.locator('#inv-client')).toHaveValue(clientId);
        await expect(page.locator('#inv-due')).toHaveValue('2026-04-01');

        await editor.setLine(0, { description: 'Diseño de la web', quantity: '2', price: '1.000,00' });
        await page.locator('#add-line').click();
        await editor.setLine(1, { description: 'Horas de soporte', quantity: '10', price: '45,50' });
        await editor.line(1).locator('.line-discount').fill('10');
        await page.locator('#add-line').click();
        await editor.setLine(2, { description: 'Formación del equipo', quantity: '1', price: '300', vat: 'exempt' });
        // An exemption needs its legal ground: asked for at the field.
        await expect(editor.lineProblem(2, '.line-reason')).toBeVisible();
        await expect(editor.saveState).toContainText(w.attention);
        await editor.line(2).locator('.line-reason').fill('Art. 20.Uno.9º LIVA');
        await expect(editor.lineProblem(2, '.line-reason')).toHaveCount(0);
        // 2 000 + 409,50 at 21 % (506,00 VAT) + 300 exempt.
        await expect(editor.total).toHaveAttribute('data-amount', '3215.50');
        await expect(editor.line(1).locator('.line-amount')).toHaveText(lang === 'es' ? '409,50 €' : '€409.50');
        await editor.waitSaved();

        const first = await boxes(editor.line(0));
        if (size.width >= 1280) {
          // A desktop line is one row: every field side by side, each wide enough to read.
          for (const [cls, b] of Object.entries(first)) {
            expect(Math.abs(b.y - first['line-description'].y), `${cls} on the row`).toBeLessThan(12);
          }
          expect(first['line-description'].width).toBeGreaterThan(200);
          expect(first['line-price'].width).toBeGreaterThanOrEqual(110);
          expect(first['line-vat'].width).toBeGreaterThanOrEqual(100);
          // "Add line" is a button, not a giant box.
          const add = await page.locator('#add-line').boundingBox();
          expect(add.height).toBeLessThan(60);
          expect(add.width).toBeLessThan(320);
        } else {
          // A phone line is a card: the description across, quantity and price side by side.
          expect(first['line-description'].width).toBeGreaterThan(280);
          expect(Math.abs(first['line-quantity'].y - first['line-price'].y)).toBeLessThan(12);
        }
        await expectGoodLayout(page, 'the invoice editor');

        // A second look: the number it will take, the client, the total, the dates.
        await editor.requestIssue();
        await expect(editor.confirm).toBeVisible();
        await expect(page.locator('#issue-confirm-number')).toHaveText('F2026-0001');
        await expect(page.locator('#issue-confirm-client')).toHaveText(CLIENT.name);
        await expect(page.locator('#issue-confirm-total')).toHaveText(w.total);
        await expect(page.locator('#issue-confirm-due')).toHaveText(w.due);
        await expectGoodLayout(page, 'the confirmation');
        // Not now: nothing is issued, nothing is numbered.
        await page.locator('#cancel-issue').click();
        await expect(editor.confirm).toHaveCount(0);
        expect((await readStore(page, 'invoices')).map((i) => i.number)).toEqual([null]);
        await editor.requestIssue();
        await page.locator('#confirm-issue').click();
        await expect(page.locator('#invoice-doc #doc-number')).toHaveText('F2026-0001');
        await expect(page.locator('#invoice-doc .doc-line-note')).toContainText('Art. 20.Uno.9º LIVA');
        expect((await readStore(page, 'invoices')).map((i) => i.number)).toEqual(['F2026-0001']);
      });

      test('leave the editor with a field still wrong and find everything typed on coming back', async ({
        page,
        context,
        clientForm,
        editor,
      }) => {
        await start(page, lang);
        const clientId = await clientForm.create(CLIENT);
        await page.goto(`./#/invoices/new?client=${clientId}`);
        await editor.setLine(0, { description: 'Diseño de la web', quantity: '1', price: '800' });
        await editor.waitSaved();
        await expect(page).toHaveURL(/#\/invoices\/[^/]+\/edit$/);
        const url = page.url();
        const id = /#\/invoices\/([^/]+)\/edit/.exec(url)[1];
        // A second line, exempt, still without its legal ground: the draft cannot be saved yet.
        await page.locator('#add-line').click();
        await editor.setLine(1, { description: 'Curso de formación', quantity: '1,5', price: '300', vat: 'exempt' });
        await editor.field('inv-po', 'PO-77');
        await expect(editor.saveState).toContainText(w.attention);

        const expectTyped = async () => {
          await expect(editor.line(1).locator('.line-description')).toHaveValue('Curso de formación');
          await expect(editor.line(1).locator('.line-quantity')).toHaveValue('1,5');
          await expect(editor.line(1).locator('.line-vat')).toHaveValue('exempt');
          await expect(page.locator('#inv-po')).toHaveValue('PO-77');
          await expect(editor.lineProblem(1, '.line-reason')).toBeVisible();
          await expect(editor.saveState).toContainText(w.attention);
        };
        // Away to the list and back through the draft's row.
        await page.locator('nav a[data-route="invoices"]').click();
        await page.locator(`.doc-row[data-invoice="${id}"] a`).click();
        await expectTyped();
        // A reload.
        await page.reload();
        await expectTyped();
        // A tab closed right after a keystroke.
        await page.locator('#inv-notes').fill('Nota escrita justo antes de cerrar');
        const again = await context.newPage();
        await page.close();
        await again.goto(url);
        await expect(again.locator('#inv-notes')).toHaveValue('Nota escrita justo antes de cerrar');
        await expect(again.locator('.line-row').nth(1).locator('.line-description')).toHaveValue('Curso de formación');

        // The ground given, the draft is saved with everything, and nothing is kept aside.
        await again.locator('.line-row').nth(1).locator('.line-reason').fill('Art. 20.Uno.9º LIVA');
        await expect(again.locator('#save-state')).toHaveText(new RegExp(w.saved));
        const stored = (await readStore(again, 'invoices')).find((i) => i.id === id);
        expect(stored.lines.map((l) => l.description)).toEqual(['Diseño de la web', 'Curso de formación']);
        expect(stored.lines[1].vat).toEqual({ exempt: 'Art. 20.Uno.9º LIVA' });
        expect(stored.po_number).toBe('PO-77');
        expect(stored.notes).toBe('Nota escrita justo antes de cerrar');
        expect(await again.evaluate((k) => localStorage.getItem(k), `cobro.draft.invoice.${id}`)).toBeNull();

        // A new invoice never saved (no client yet) is offered back, and can be let go.
        await again.goto('./#/invoices/new');
        await again.locator('.line-row').first().locator('.line-description').fill('Sin cliente todavía');
        await again.goto('./#/invoices');
        await expect(again.locator('#unfinished-invoice')).toBeVisible();
        await again.locator('#unfinished-invoice a').click();
        await expect(again.locator('#draft-restored')).toBeVisible();
        await expect(again.locator('.line-row').first().locator('.line-description')).toHaveValue('Sin cliente todavía');
        await again.locator('#discard-input').click();
        await expect(again.locator('.line-row').first().locator('.line-description')).toHaveValue('');
        await again.goto('./#/invoices');
        await expect(again.locator('#invoice-list')).toBeVisible();
        await expect(again.locator('#unfinished-invoice')).toHaveCount(0);
      });

      test('delete a stray draft invoice and a draft quote after a second look', async ({ page, clientForm, editor }) => {
        await start(page, lang);
        const clientId = await clientForm.create(CLIENT);
        await page.goto(`./#/invoices/new?client=${clientId}`);
        await editor.setLine(0, { description: 'Prueba que sobra', quantity: '1', price: '10' });
        await editor.waitSaved();
        const id = /#\/invoices\/([^/]+)\/edit/.exec(page.url())[1];
        await page.locator('#delete-draft').click();
        await expect(page.locator('#delete-confirm')).toBeVisible();
        await expectGoodLayout(page, 'the delete confirmation');
        // Changed one's mind: it stays.
        await page.locator('#cancel-delete').click();
        await expect(page.locator('#delete-confirm')).toHaveCount(0);
        expect((await readStore(page, 'invoices')).map((i) => i.id)).toEqual([id]);
        await page.locator('#delete-draft').click();
        await page.locator('#confirm-delete').click();
        await expect(page.locator('[data-page="invoices"]')).toBeVisible();
        await expect(page.locator(`.doc-row[data-invoice="${id}"]`)).toHaveCount(0);
        await page.reload();
        await expect(page.locator('[data-page="invoices"]')).toBeVisible();
        expect(await readStore(page, 'invoices')).toEqual([]);

        // A draft quote, from its own page.
        await page.goto(`./#/quotes/new?client=${clientId}`);
        await expect(page.locator('#quote-client')).toHaveValue(clientId);
        await page.locator('.line-row').first().locator('.line-description').fill('Presupuesto de prueba');
        await page.locator('.line-row').first().locator('.line-price').fill('100');
        await page.locator('#quote-save').click();
        await expect(page.locator('#quote-doc')).toBeVisible();
        await page.locator('#edit-quote').click();
        await page.locator('#delete-draft').click();
        await page.locator('#confirm-delete').click();
        await expect(page.locator('[data-page="quotes"]')).toBeVisible();
        expect(await readStore(page, 'quotes')).toEqual([]);
      });
    });
  }
}

test('an invoice of zero cannot be issued: the editor says so at the lines', async ({ page, clientForm, editor }) => {
  await start(page, 'es');
  const clientId = await clientForm.create(CLIENT);
  await page.goto(`./#/invoices/new?client=${clientId}`);
  await editor.setLine(0, { description: 'Trabajo regalado', quantity: '1', price: '0' });
  await editor.waitSaved();
  await editor.requestIssue();
  await expect(page.locator('#editor-problems')).toContainText('El total es cero');
  await expect(editor.confirm).toHaveCount(0);
  expect((await readStore(page, 'invoices')).map((i) => i.number)).toEqual([null]);
});

test('a quote carries its PO, notes, payment methods and discounts to the invoice it becomes', async ({
  page,
  backup,
  editor,
}) => {
  await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00`));
  // A business with three ways to pay, and a client who prefers two of them.
  await backup.open();
  await backup.restore(FIXTURES + 'small-backup.json');
  const client = (await readStore(page, 'clients')).find((c) => c.legal_name === 'Hostelería Peña S.A.');
  const methods = await readStore(page, 'payment_methods');
  const bizum = methods.find((m) => m.kind.type === 'bizum').id;
  expect(client.preferred_payment_method_ids).not.toContain(bizum);

  await page.goto(`./#/quotes/new?client=${client.id}`);
  await expect(page.locator('#quote-client')).toHaveValue(client.id);
  await page.locator('#quote-po').fill('PO-9');
  await editor.setLine(0, { description: 'Auditoría SEO', quantity: '1', price: '800' });
  await editor.line(0).locator('.line-discount').fill('5');
  await page.locator('#quote-discount').fill('2');
  await page.locator('#quote-withholding').fill('15');
  await page.locator('#quote-early-pct').fill('3');
  await page.locator('#quote-early-days').fill('10');
  // Only Bizum, not what the client usually prefers.
  for (const m of methods) {
    const box = page.locator(`#quote-methods input[data-method="${m.id}"]`);
    if (m.id === bizum) await box.check();
    else await box.uncheck();
  }
  await page.locator('#quote-notes').fill('Incluye dos revisiones');
  await page.locator('#quote-save').click();
  await expect(page.locator('#quote-doc')).toBeVisible();
  await expect(page.locator('#quote-doc #doc-pay')).toContainText('Bizum');
  await page.locator('#send-quote').click();
  await page.locator('#accept-quote').click();
  await page.locator('#quote-to-invoice').click();
  await expect(editor.root).toBeVisible();
  await expect(page.locator('#inv-po')).toHaveValue('PO-9');
  await expect(page.locator('#inv-notes')).toHaveValue('Incluye dos revisiones');
  await expect(page.locator('#inv-discount')).toHaveValue('2');
  await expect(page.locator('#inv-withholding')).toHaveValue('15');
  await expect(page.locator('#inv-early-pct')).toHaveValue('3');
  await expect(page.locator('#inv-early-days')).toHaveValue('10');
  await expect(editor.line(0).locator('.line-discount')).toHaveValue('5');
  await expect(page.locator(`#inv-methods input[data-method="${bizum}"]`)).toBeChecked();
  for (const m of methods.filter((m) => m.id !== bizum)) {
    await expect(page.locator(`#inv-methods input[data-method="${m.id}"]`)).not.toBeChecked();
  }
  // Issued as it came, the invoice prints the quote's PO and notes, and only Bizum to pay with.
  await editor.issue();
  const doc = page.locator('#invoice-doc');
  await expect(doc).toHaveAttribute('data-number', /.+/);
  await expect(doc.locator('#doc-po')).toHaveText('PO-9');
  await expect(doc.locator('#doc-notes')).toHaveText('Incluye dos revisiones');
  await expect(doc.locator('#doc-pay .pay-method')).toHaveCount(1);
  await expect(doc.locator('#doc-pay .pay-method')).toContainText('Bizum');
  const number = await doc.getAttribute('data-number');
  const stored = (await readStore(page, 'invoices')).find((i) => i.number === number);
  expect(stored.po_number).toBe('PO-9');
  expect(stored.quote_id).not.toBeNull();
});
