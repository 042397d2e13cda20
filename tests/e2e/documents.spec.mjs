// Documents printed as the browser prints them: an invoice (three lines, one exempt with a
// long legal ground, a PO, an early-payment offer, notes), its partial credit note (400 off a
// 2 400 line) and a quote for a client who reads English, each saved as an A4 PDF and read
// back with poppler's pdftotext: its title, number, parties, figures, in the client's
// language whatever the screen's, nothing of the app around it, on one page.
import { execFileSync } from 'node:child_process';
import { test, expect, setUpBusiness, useLanguage } from './pages/invoicing.mjs';

const TODAY = '2026-03-02';
const SIZES = [
  { width: 360, height: 740 },
  { width: 1280, height: 800 },
];
const GROUND = 'Exenta según el artículo 20.Uno.9º de la Ley 37/1992 del IVA: enseñanza en centros autorizados';

/** Print the page to an A4 PDF; its text (whitespace made single spaces) and page count. */
async function printed(page, name) {
  const file = test.info().outputPath(`${name}.pdf`);
  await page.pdf({ path: file, format: 'A4', preferCSSPageSize: true, printBackground: true });
  const raw = execFileSync('pdftotext', ['-layout', file, '-']).toString();
  const info = execFileSync('pdfinfo', [file]).toString();
  return { text: raw.replace(/\s+/g, ' '), pages: Number(/Pages:\s+(\d+)/.exec(info)[1]) };
}

/** Nothing of the app's screen around a document reaches the paper. */
function expectNoChrome(text, lang) {
  const ui = lang === 'es' ? ['Agenda', 'Imprimir', 'Volver', 'Presupuestos'] : ['Agenda', 'Print', 'Back', 'Quotes'];
  for (const word of ui) expect(text, `«${word}» printed`).not.toContain(word);
}

for (const size of SIZES) {
  for (const lang of ['es', 'en']) {
    test.describe(`${lang}, ${size.width} px`, () => {
      test.use({ viewport: size });
      test('an invoice, its credit note and a quote print as clean one-page A4 documents', async ({
        page,
        clientForm,
        editor,
      }) => {
        test.setTimeout(90_000);
        await page.clock.setFixedTime(new Date(`${TODAY}T10:00:00`));
        await useLanguage(page, lang);
        await setUpBusiness(page);
        const spanish = await clientForm.create({
          name: 'Acme Industrial SL',
          taxId: 'B87654323',
          street: 'Gran Vía 2',
          postal: '08001',
          city: 'Barcelona',
          terms: 30,
          language: 'es',
        });
        const english = await clientForm.create({ name: 'Northern Consulting Ltd', taxId: 'GB123456789', terms: 15, language: 'en' });

        // The invoice.
        await page.goto(`./#/invoices/new?client=${spanish}`);
        await editor.field('inv-po', 'PO-4500123');
        await editor.setLine(0, { description: 'Diseño y desarrollo de la web corporativa', quantity: '1', price: '2400' });
        await page.locator('#add-line').click();
        await editor.setLine(1, { description: 'Horas de soporte', quantity: '12,5', price: '45' });
        await page.locator('#add-line').click();
        await editor.setLine(2, { description: 'Formación', quantity: '1', price: '300', vat: 'exempt' });
        await editor.line(2).locator('.line-reason').fill(GROUND);
        await editor.field('inv-early-pct', '3');
        await editor.field('inv-early-days', '10');
        await editor.field('inv-notes', 'Gracias por confiar en nosotros.');
        await editor.waitSaved();
        await editor.issue();
        await expect(page.locator('#invoice-doc #doc-number')).toHaveText('F2026-0001');
        // 2 400 + 562,50 at 21 % (622,13) + 300 exempt = 3 884,63.
        await expect(page.locator('#invoice-doc #total-amount')).toHaveAttribute('data-amount', '3884.63');
        let pdf = await printed(page, 'invoice');
        expect(pdf.pages, 'the invoice fits one page').toBe(1);
        for (const text of [
          'FACTURA',
          'F2026-0001',
          'NIF: 12345678Z',
          'NIF: B87654323',
          'PO-4500123',
          'Diseño y desarrollo de la web corporativa',
          '12,5',
          'Operación exenta de IVA',
          'enseñanza en centros autorizados',
          'IVA 21 % sobre 2.962,50 €',
          '3.884,63 €',
          'Vence el 01/04/2026',
          'ES91 2100 0418 4502 0005 1332',
          'Gracias por confiar en nosotros.',
        ]) {
          expect(pdf.text, `invoice PDF has «${text}»`).toContain(text);
        }
        expectNoChrome(pdf.text, lang);

        // Its partial credit note: 400 off the first line.
        await page.locator('#open-partial-credit').click();
        await page.locator('#credit-by-0').selectOption('amount');
        await page.locator('#credit-qty-0').fill('400');
        await page.locator('#partial-credit-reason').fill('Descuento acordado tras la entrega');
        await page.locator('#confirm-partial-credit').click();
        await expect(page.locator('#partial-credit-form')).toHaveCount(0);
        await page.locator('#credit-notes .credit-note a').click();
        await expect(page.locator('#credit-note-doc #doc-number')).toHaveText('R2026-0001');
        await expect(page.locator('#credit-note-doc #total-amount')).toHaveAttribute('data-amount', '-484.00');
        pdf = await printed(page, 'credit-note');
        expect(pdf.pages, 'the credit note fits one page').toBe(1);
        for (const text of [
          'FACTURA RECTIFICATIVA',
          'R2026-0001',
          'Rectifica la factura F2026-0001 · 02/03/2026',
          'Descuento acordado tras la entrega',
          '−400,00 €',
          '−484,00 €',
          'Total de la factura: 3.884,63 €',
          'Total resultante: 3.400,63 €',
          'NIF: B87654323',
        ]) {
          expect(pdf.text, `credit note PDF has «${text}»`).toContain(text);
        }
        expectNoChrome(pdf.text, lang);

        // A quote for the client who reads English: in English whatever the screen says.
        await page.goto(`./#/quotes/new?client=${english}`);
        await editor.setLine(0, { description: 'SEO audit', quantity: '1', price: '800' });
        await page.locator('#quote-save').click();
        await page.locator('#send-quote').click();
        await expect(page.locator('#quote-doc #doc-number')).toHaveText('P2026-0001');
        pdf = await printed(page, 'quote');
        expect(pdf.pages, 'the quote fits one page').toBe(1);
        for (const text of ['QUOTE', 'P2026-0001', 'Valid until', '1 Apr 2026', 'SEO audit', '€968.00', 'Accepted by the client']) {
          expect(pdf.text, `quote PDF has «${text}»`).toContain(text);
        }
        expect(pdf.text).not.toContain('Presupuesto');
        expectNoChrome(pdf.text, lang);
      });
    });
  }
}
