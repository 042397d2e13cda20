// Documents printed as the browser prints them: an invoice (three lines, one exempt with a
// long legal ground, a PO, an early-payment offer, notes), its partial credit note (400 off a
// 2 400 line, with the tax QR of the billing-records law read back from the paper by zbarimg),
// a quote for a client who reads English, and the formal collection letter, each saved as an
// A4 PDF and read back with poppler's pdftotext: its title, number, parties, figures, in the
// client's language whatever the screen's, nothing of the app around it, on one page.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { test, expect, setUpBusiness, useLanguage } from './pages/invoicing.mjs';
import { Clock, CollectPanel, Seed } from './pages/collections.mjs';
import { expectGoodLayout } from './layout.mjs';

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
  return { file, text: raw.replace(/\s+/g, ' '), pages: Number(/Pages:\s+(\d+)/.exec(info)[1]) };
}

/** The QR codes printed on a PDF's pages, as a phone reads them off the paper. */
function printedCodes(file) {
  const prefix = file.replace(/\.pdf$/, '-page');
  execFileSync('pdftoppm', ['-png', '-r', '150', file, prefix]);
  const codes = [];
  for (const png of readdirSync(dirname(file)).filter((f) => f.endsWith('.png'))) {
    if (!`${dirname(file)}/${png}`.startsWith(prefix)) continue;
    try {
      const out = execFileSync('zbarimg', ['--raw', '-q', '-Sdisable', '-Sqrcode.enable', `${dirname(file)}/${png}`]);
      codes.push(...out.toString('utf8').split('\n').filter(Boolean));
    } catch (e) {
      // zbarimg exits with 4 when a page holds no code.
      if (e.status !== 4) throw e;
    }
  }
  return codes;
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
        // The tax QR (VERI*FACTU law) first on the page, for the note's own number and its
        // negative amount, and it prints: the code on the paper is the one on screen.
        const taxQr = page.locator('#credit-note-doc #tax-qr .tax-qr-code');
        await expect(taxQr).toBeVisible();
        const url = await taxQr.getAttribute('data-url');
        expect(url).toContain('numserie=R2026-0001');
        expect(url).toContain('importe=-484.00');
        pdf = await printed(page, 'credit-note');
        expect(pdf.pages, 'the credit note fits one page').toBe(1);
        if (size.width === 1280) expect(printedCodes(pdf.file)).toContain(url);
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

// The formal collection letter of an invoice 45 days late, to a Spanish client: drawn by the
// same document component, in Spanish whatever the screen says, one clean A4 page.
for (const lang of ['es', 'en']) {
  test(`the formal letter prints as a clean one-page A4 document (${lang} screen)`, async ({ page, backup }) => {
    test.setTimeout(90_000);
    await page.setViewportSize({ width: 360, height: 740 });
    await useLanguage(page, lang);
    const clock = new Clock(page);
    const collect = new CollectPanel(page);
    await clock.set('2026-03-02');
    await new Seed(page, backup).restore('collections-day0.json');
    await collect.open('inv-0001');
    await collect.markSent();
    await clock.set('2026-05-16');
    await page.goto('./#/agenda/letter/inv-0001');
    const doc = page.locator('#letter-doc');
    await expect(doc).toHaveAttribute('data-kind', 'letter');
    await expect(doc).toHaveAttribute('lang', 'es');
    await expect(doc.locator('#doc-title')).toHaveText('Requerimiento de pago');
    await expect(doc.locator('#total-amount')).toHaveText('1.265,14 €');
    await expectGoodLayout(page, 'the letter on a phone');
    await page.setViewportSize({ width: 1280, height: 800 });
    await expectGoodLayout(page, 'the letter on a desktop');
    const pdf = await printed(page, `letter-${lang}`);
    expect(pdf.pages, 'the letter fits one page').toBe(1);
    for (const text of [
      'REQUERIMIENTO DE PAGO',
      'Talleres "Peña", S.L.',
      'Requerimiento formal de pago de la factura F2026-0001',
      'F2026-0001',
      '15,14 €',
      '40,00 €',
      '1.265,14 €',
      'Ley 3/2004',
      'Primer semestre de 2026: 10,15 % anual',
      'Atentamente,',
    ]) {
      expect(pdf.text, `letter PDF has «${text}»`).toContain(text);
    }
    expectNoChrome(pdf.text, lang);
    // The page's own heading stays on the screen.
    expect(pdf.text).not.toContain(lang === 'es' ? 'Carta formal de reclamación' : 'Formal collection letter');
  });
}
