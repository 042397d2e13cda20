// Integrity end to end (issue #14): whatever the forms save, a backup restores into a fresh
// browser profile record for record; every screen speaks Spanish in Spanish (no English
// word, no decimal point, "Todos" for masculine nouns); and the transfer QR code printed on
// an invoice is what a bank can pay, read back from the printed PDF by zbarimg.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, expect } from './pages/invoicing.mjs';
import { BackupScreen, Shell } from './fixtures.mjs';
import { FIXTURES, fixture, sealed, readStore, RECORD_STORES } from './pages/data.mjs';

/** Billing records (VERI*FACTU) and events, by installation and position, as their XML. */
function entries(list) {
  return list
    .map(({ installation, seq, doc_id, xml }) => ({ installation, seq, doc_id: doc_id ?? null, xml }))
    .sort((a, b) => (a.installation === b.installation ? a.seq - b.seq : a.installation < b.installation ? -1 : 1));
}

/** Every store a backup carries (the recurring schedules too). */
const STORES = [...RECORD_STORES, 'recurring'];

/** Every record of the app's database, per store sorted by id, the two singletons, and the
 * billing records and events storage keeps apart in `meta` (one add-only entry each). */
async function everything(page) {
  const out = {};
  for (const s of STORES) out[s] = (await readStore(page, s)).sort((a, b) => (a.id < b.id ? -1 : 1));
  const meta = (await readStore(page, 'meta')).filter((m) => m && typeof m === 'object' && !ArrayBuffer.isView(m));
  out.profile = meta.find((m) => 'tax_id' in m);
  out.settings = meta.find((m) => 'policy' in m);
  const ledger = meta.filter((m) => typeof m.xml === 'string' && typeof m.seq === 'number');
  out.records = entries(ledger.filter((m) => m.doc_id));
  out.events = entries(ledger.filter((m) => !m.doc_id));
  return out;
}

/** A backup file's data in the same shape (its settings carry the billing records). */
function fromFile(doc) {
  const out = {};
  for (const s of STORES) out[s] = [...(doc.data[s] ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1));
  out.profile = doc.data.profile;
  const { verifactu = {}, ...settings } = doc.data.settings;
  const { ledger = {}, ...vf } = verifactu;
  out.settings = Object.keys(vf).length ? { ...settings, verifactu: vf } : settings;
  out.records = entries(ledger.records ?? []);
  out.events = entries(ledger.events ?? []);
  return out;
}

// ---------------------------------------------------------------- round trip through the forms

/** `text` repeated and cut to exactly `n` characters as a person counts them (an emoji is
 * one), never ending in a space (forms trim it). */
function exactly(text, n) {
  const chars = [...text.repeat(Math.ceil(n / [...text].length) + 1)].slice(0, n);
  if (chars[n - 1] === ' ') chars[n - 1] = '.';
  return chars.join('');
}

const chars = (s) => [...s].length;

/** The settings singleton as stored. */
async function storedSettings(page) {
  return (await readStore(page, 'meta')).find((m) => m && typeof m === 'object' && 'policy' in m);
}

test('what the forms save with edge values restores into a fresh profile, record for record', async ({ shell, firstRun, editor, page, browser, backup }) => {
  test.setTimeout(300_000);
  // The last day of a year: the invoice and its payment are dated 31/12, the numbering and
  // the credit note live in the year after.
  await page.clock.setFixedTime(new Date('2026-12-31T10:00:00'));
  await shell.open();
  await expect(firstRun.root).toBeVisible();
  // The business name, empty holder: the name is what the transfer QR code carries, so it
  // must fit its 70 characters, which the form says at the field.
  const longName = 'Ñandú & Asociados · Estudio de diseño gráfico e interiorismo de Córdoba, S.L.P.';
  expect(longName.length).toBeGreaterThan(70);
  await firstRun.fill({
    name: longName,
    taxId: '12345678A',
    street: 'Calle Mayor 1, 2º B',
    postal: '28013',
    city: 'Madrid',
    email: 'no-es-un-correo',
    iban: 'ES91 2100 0418 4502 0005 1332',
  });
  await firstRun.submit();
  // Every problem at its field, in Spanish.
  await expect(page.locator('label:has(#fr-tax-id) .field-error')).toContainText('sería «Z»');
  await expect(page.locator('label:has(#fr-email) .field-error')).toContainText('No es una dirección de correo');
  await expect(page.locator('label:has(#fr-holder) .field-error')).toContainText('como máximo 70');
  await page.locator('#fr-tax-id').fill('12345678Z');
  await page.locator('#fr-email').fill('hola@ñandú.example');
  await page.locator('#fr-holder').fill('Ñandú & Asociados, S.L.P.');
  await firstRun.submit();
  await expect(page.locator('[data-page="agenda"]')).toBeVisible();

  // A second payment method through Settings.
  await page.goto('./#/settings');
  const method = page.locator('form[data-method="new"]');
  await method.locator('.method-kind').selectOption('bizum');
  await method.getByLabel('Nombre de la forma de pago').fill('Bizum «móvil»');
  await method.getByLabel('Dato (URL, correo, teléfono o texto)').fill('+34 600 111 222');
  await method.locator('.method-save').click();
  await expect(page.locator('#payment-methods')).toContainText('Bizum «móvil»');

  // A client at the edges: a 150-character name, a NIE, a credit limit in Spanish style.
  const clientName = 'Ñ'.repeat(120) + ' Distribuciones Ibéricas S.L.';
  await page.goto('./#/clients/new');
  await page.locator('#client-name').fill(clientName + ' y más texto de sobra');
  await page.locator('#client-tax-id').fill('X1234567L');
  await page.locator('#client-ap-email').fill('pagos@ñandú.example');
  await page.locator('#client-terms').fill('-3');
  await page.locator('#client-credit-limit').fill('-500');
  await page.locator('#client-save').click();
  await expect(page.locator('label:has(#client-terms) .field-error')).toContainText('entre 0 y 3.650');
  await page.locator('#client-terms').fill('45');
  await page.locator('#client-save').click();
  await expect(page.locator('label:has(#client-name) .field-error')).toContainText('como máximo 150');
  await expect(page.locator('label:has(#client-credit-limit) .field-error')).toContainText('mayor que cero');
  await page.locator('#client-name').fill(clientName);
  await page.locator('#client-credit-limit').fill('1.234,56');
  await page.locator('#client-notes').fill('Primera línea\nSegunda línea: =SUMA(A1:A2)');
  await page.locator('#client-save').click();
  await expect(page.locator('[data-page="client-view"]')).toBeVisible();

  // An invoice with an exempt line and a fractional quantity, issued and partly paid.
  await page.goto('./#/invoices/new');
  await page.locator('#inv-client').selectOption({ label: clientName });
  const row = page.locator('.line-row').first();
  await row.locator('.line-description').fill('Formación bonificada «Rust» — 12,5 h');
  await row.locator('.line-quantity').fill('12,5');
  await row.locator('.line-price').fill('40,123456');
  await row.locator('.line-vat').selectOption('exempt');
  await row.locator('.line-reason').fill('Exenta, art. 20.Uno.9º LIVA');
  await expect(page.locator('#save-state')).toHaveText(/Borrador guardado/);
  // Issued after the confirmation's second look.
  await editor.issue();
  await expect(page.locator('[data-page="invoice-view"]')).toBeVisible();
  const invoiceRoute = new URL(page.url()).hash;
  await page.locator('[data-action="record-payment"]').click();
  const pay = page.locator('form[data-form="payment"]');
  await pay.locator('[data-field="amount"]').fill('100,5');
  await pay.locator('[data-action="save"]').click();
  await expect(page.locator('#collect-payments > li')).toHaveCount(1);

  // A contact logged through the invoice's panel: a promise for the first day of the next
  // year and a note at its 4 000 characters.
  const note4000 = exactly('Llamé a Ñandú: «pagamos tras Reyes» 📞 ', 4000);
  await page.locator('[data-action="log-contact"]').click();
  const contact = page.locator('form[data-form="contact"]');
  await contact.locator('[data-field="outcome"]').selectOption('promised_to_pay');
  await contact.locator('[data-field="promised"]').fill('2027-01-01');
  await contact.locator('[data-field="note"]').fill(note4000);
  await contact.locator('[data-action="save"]').click();
  await expect(page.locator('#collect-contacts > li')).toHaveCount(1);

  // A quote through the one editor, kept as a draft (so the quotes' numbering below is free).
  await page.goto('./#/quotes/new');
  await page.locator('#quote-client').selectOption({ label: clientName });
  const quoteRow = page.locator('.line-row').first();
  const description1000 = exactly('Rediseño de la identidad «Ñandú» — fase 1/3 ', 1000);
  await quoteRow.locator('.line-description').fill(description1000);
  await quoteRow.locator('.line-quantity').fill('1.234,5678');
  await quoteRow.locator('.line-price').fill('0,01');
  await expect(page.locator('#save-state')).toHaveText(/Borrador guardado/);
  await page.locator('#quote-save').click();
  await expect(page.locator('[data-page="quote-view"]')).toBeVisible();

  // Every form of Settings: a value it refuses first (said at its field in Spanish, nothing
  // saved), then values at the edges.
  await page.goto('./#/settings');

  // A catalogue item: a name of exactly 150 characters with accents and an emoji, a
  // description at its 1 000, a price in Spanish style with four decimals, 0 % VAT.
  const itemName = exactly('Sesión de diseño «Ñandú» 🎨 ', 150);
  const itemDescription = exactly('Incluye revisión, maquetación y entrega — ✓ ', 1000);
  await page.locator('#item-name').fill(itemName + 'á');
  await page.locator('#item-price').fill('doce');
  await page.locator('#item-save').click();
  await expect(page.locator('#item-name-error')).toContainText('151 caracteres, como máximo 150');
  await expect(page.locator('#item-price-error')).toContainText('«doce» no es un número');
  expect(await readStore(page, 'items')).toEqual([]);
  await page.locator('#item-name').fill(itemName);
  await page.locator('#item-description').fill(itemDescription);
  await page.locator('#item-price').fill('1.234,5678');
  await page.locator('#item-vat').selectOption('0');
  await page.locator('#item-save').click();
  await expect(page.locator('#item-saved')).toBeVisible();

  // A bank account: a label at its 80 characters, an IBAN typed in lower case with spaces,
  // a holder at the transfer QR's 70 (71 first), a bank name at its 120.
  const bankForm = page.locator('form[data-method="new"]');
  const label80 = exactly('Cuenta «principal» de Ñandú 🏦 ', 80);
  const holder70 = exactly('Ñandú y Asociados Diseño Gráfico e Interiorismo de Córdoba ', 70);
  await bankForm.locator('.method-kind').selectOption('bank_transfer');
  await page.locator('#method-new-label').fill(label80);
  await bankForm.locator('.method-iban').fill('de89 3704 0044 0532 0130 00');
  await page.locator('#method-new-bic').fill('cobadeffxxx');
  await page.locator('#method-new-holder').fill(holder70 + 'Z');
  await page.locator('#method-new-bank').fill(exactly('Banco Ñ — sucursal de Córdoba ', 120));
  await bankForm.locator('.method-save').click();
  await expect(page.locator('#method-new-holder-error')).toContainText('70');
  expect(await readStore(page, 'payment_methods')).toHaveLength(2);
  await page.locator('#method-new-holder').fill(holder70);
  await bankForm.locator('.method-save').click();
  await expect(page.locator('#payment-methods')).toContainText(label80);

  // The defaults: terms at the 3 650-day limit (one more first), withholding at 100 % (and
  // 100,01 % first), 4 % VAT.
  const before = await storedSettings(page);
  await page.locator('#set-terms').fill('3651');
  await page.locator('#set-withholding').fill('100,01');
  await page.locator('#defaults-save').click();
  await expect(page.locator('#set-terms-error')).toContainText('entre 0 y 3.650, no 3.651');
  await expect(page.locator('#set-withholding-error')).toContainText('100,01');
  expect(await storedSettings(page)).toEqual(before);
  await page.locator('#set-terms').fill('3650');
  await page.locator('#set-withholding').fill('100');
  await page.locator('#set-vat').selectOption('4');
  await page.locator('#defaults-save').click();
  await expect(page.locator('#defaults-saved')).toBeVisible();

  // The collection policy: 0 and 3 650 days, reminders as a list.
  await page.locator('#set-reminders').fill('1, 3651');
  await page.locator('#policy-save').click();
  await expect(page.locator('#set-reminders-error')).toContainText('entre 0 y 3.650');
  await page.locator('#set-reminders').fill('0, 1,3650');
  await page.locator('#set-receipt').fill('0');
  await page.locator('#set-letter').fill('3650');
  await page.locator('#set-escalation').fill('3650');
  await page.locator('#set-promise').fill('0');
  await page.locator('#set-weekends').check();
  await page.locator('#policy-save').click();
  await expect(page.locator('#policy-saved')).toBeVisible();

  // The follow-up beyond the policy and the late-payment rates: 1 and 3 650 days (0 first),
  // two new semesters at 0 % and 100 % (100,01 % first), an old one corrected to four
  // decimals, a source at its 500 characters.
  const collections = page.locator('#collections-settings');
  const rateRow = (i) => collections.locator('#rates-table tbody tr').nth(i);
  await page.locator('#set-send-after').fill('0');
  await page.locator('#add-rate').click();
  await rateRow(0).locator('[data-field="rate"]').fill('100,01');
  await page.locator('#collections-settings-save').click();
  await expect(page.locator('#set-send-after-error')).toContainText('entre 1 y 3.650, no 0');
  await expect(page.locator('#rate-0-rate-error')).toContainText('entre 0 % y 100 %');
  await expect(page.locator('#collections-settings-error')).toContainText('Revisa');
  const source500 = exactly('BOE «Resolución del Tesoro» 🙂 ', 500);
  await page.locator('#set-send-after').fill('1');
  await page.locator('#set-recontact').fill('3650');
  await page.locator('#set-review-after').fill('1');
  await page.locator('#set-review-every').fill('3650');
  await page.locator('#set-late-claim').uncheck();
  await rateRow(0).locator('[data-field="rate"]').fill('100');
  await rateRow(0).locator('[data-field="source"]').fill(source500);
  await page.locator('#add-rate').click();
  await rateRow(0).locator('[data-field="rate"]').fill('0');
  const rows = await collections.locator('#rates-table tbody tr').count();
  await rateRow(rows - 1).locator('[data-field="rate"]').fill('8,2575');
  const oldestSource = await rateRow(rows - 1).locator('[data-field="source"]').inputValue();
  await page.locator('#collections-settings-save').click();
  await expect(page.locator('#collections-settings-saved')).toBeVisible();

  // A new year: the credit notes' series continues from another tool at its last possible
  // number, with a ten-character prefix and a three-sign separator; the quotes' series gets
  // accented letters.
  await page.clock.setFixedTime(new Date('2027-01-01T09:00:00'));
  await page.goto('./#/agenda');
  await page.goto('./#/settings');
  const creditSeries = page.locator('#series-credit-note');
  await page.locator('#series-credit-note-prefix').fill('f');
  await page.locator('#series-credit-note-digits').fill('7');
  await page.locator('#series-credit-note-next').fill('1000000');
  await creditSeries.getByRole('button', { name: 'Guardar' }).click();
  await expect(page.locator('#series-credit-note-prefix-error')).toContainText('ya usa el prefijo «F»');
  await expect(page.locator('#series-credit-note-digits-error')).toContainText('entre 1 y 6 cifras');
  await expect(page.locator('#series-credit-note-next-error')).toContainText('entre 1 y 999.999');
  await expect(creditSeries.locator('.series-next')).toHaveText('');
  await page.locator('#series-credit-note-prefix').fill('RECT-2026/');
  await page.locator('#series-credit-note-separator').fill('/._');
  await page.locator('#series-credit-note-digits').fill('6');
  await page.locator('#series-credit-note-next').fill('999999');
  await expect(creditSeries.locator('.series-next')).toHaveText('RECT-2026/2027/._999999');
  await creditSeries.getByRole('button', { name: 'Guardar' }).click();
  await expect(creditSeries.locator('.save-state')).toContainText('Guardado');
  const quoteSeries = page.locator('#series-quote');
  await page.locator('#series-quote-prefix').fill('ÑÁ');
  await page.locator('#series-quote-digits').fill('1');
  await quoteSeries.getByRole('button', { name: 'Guardar' }).click();
  await expect(quoteSeries.locator('.save-state')).toContainText('Guardado');
  await expect(quoteSeries.locator('.series-next')).toHaveText('ÑÁ2027-1');

  // A partial credit note on 1/1 for the invoice of 31/12: too much, too precise and a
  // reason one character too long first, each at its field; then an amount in Spanish style
  // with a reason at its 500 characters.
  await page.goto('./' + invoiceRoute);
  await page.locator('#open-partial-credit').click();
  await page.locator('#credit-qty-0').fill('1.234,5678');
  const reason500 = exactly('Ñandú pidió corregir el precio 🙂 ', 500);
  await page.locator('#partial-credit-reason').fill(reason500 + 'x');
  await page.locator('#confirm-partial-credit').click();
  await expect(page.locator('#credit-qty-0-error')).toContainText('Como máximo 12,5 unidades.');
  await expect(page.locator('#partial-credit-reason-error')).toContainText('501 caracteres, como máximo 500');
  await expect(page.locator('#partial-credit-error')).toContainText('Revisa');
  await page.locator('#credit-by-0').selectOption('amount');
  await page.locator('#credit-qty-0').fill('1.234,56');
  await page.locator('#partial-credit-reason').fill(reason500);
  await page.locator('#confirm-partial-credit').click();
  await expect(page.locator('#credit-qty-0-error')).toContainText('Como máximo 501,54.');
  await page.locator('#credit-qty-0').fill('100,315');
  await page.locator('#confirm-partial-credit').click();
  await expect(page.locator('#credit-qty-0-error')).toContainText('Como máximo 2 decimales.');
  expect(await readStore(page, 'credit_notes')).toEqual([]);
  await page.locator('#credit-qty-0').fill('100,31');
  await page.locator('#confirm-partial-credit').click();
  await expect(page.locator('#partial-credit-form')).toHaveCount(0);
  await expect(page.locator('#credit-notes')).toContainText('RECT-2026/2027/._999999');

  // Export, then restore in a browser profile of its own.
  await backup.open();
  const { text } = await backup.download();
  const file = JSON.parse(text);
  const saved = await everything(page);
  // What each form saved is in the stores compared below, as typed.
  expect(saved.items.map((i) => [chars(i.name), chars(i.description), Number(i.unit_price), i.vat])).toEqual([[150, 1000, 1234.5678, { rate: '0' }]]);
  const bankSaved = saved.payment_methods.find((m) => m.label === label80);
  expect(bankSaved.kind).toMatchObject({ iban: 'DE89370400440532013000', bic: 'COBADEFFXXX', holder: holder70 });
  expect([saved.settings.default_payment_terms_days, Number(saved.settings.default_withholding_pct)]).toEqual([3650, 100]);
  const policy = saved.settings.policy;
  expect([policy.reminders_after_due, policy.receipt_check_after_send, policy.promise_check_after, policy.escalation_after_due]).toEqual([[0, 1, 3650], 0, 0, 3650]);
  // One day after issue is the default, which the file leaves out.
  expect([policy.send_after_issue ?? 1, policy.recontact_every, policy.dispute_review_after, policy.dispute_review_every, policy.late_payment_claim]).toEqual([1, 3650, 1, 3650, false]);
  const rates = saved.settings.late_interest_rates.map((r) => [Number(r.rate_pct), chars(r.source ?? '')]);
  expect(rates).toEqual([[8.2575, chars(oldestSource)], [100, 500], [0, 0]]);
  const seriesSaved = Object.fromEntries(saved.series.map((s) => [s.kind, s]));
  expect([seriesSaved.credit_note.prefix, seriesSaved.credit_note.separator, seriesSaved.credit_note.padding]).toEqual(['RECT-2026/', '/._', 6]);
  expect(seriesSaved.quote.prefix).toBe('ÑÁ');
  expect(saved.credit_notes.map((n) => [n.number, n.issue_date, chars(n.reason), Number(n.lines[0].unit_price)])).toEqual([
    ['RECT-2026/2027/._999999', '2027-01-01', 500, 100.31],
  ]);
  expect(saved.payments.map((p) => p.date)).toEqual(['2026-12-31']);
  expect(saved.invoices.map((i) => i.issue_date)).toEqual(['2026-12-31']);
  expect(saved.contacts.map((c) => [JSON.stringify(c.outcome), chars(c.note)])).toEqual([[expect.stringMatching(/promised.*2027-01-01/i), 4000]]);
  expect(saved.quotes.map((q) => [q.number ?? null, chars(q.lines[0].description), Number(q.lines[0].quantity)])).toEqual([[null, 1000, 1234.5678]]);
  // The export is stamped after the file is made; nothing else differs.
  saved.settings = { ...saved.settings, last_export_at: file.data.settings.last_export_at, updated_at: file.data.settings.updated_at };
  expect(fromFile(file)).toEqual(saved);

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.clock.setFixedTime(new Date('2027-01-01T12:00:00'));
  const errors = [];
  other.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  other.on('pageerror', (e) => errors.push(e.message));
  const screen = new BackupScreen(other, new Shell(other), 'backup');
  await screen.open();
  await screen.restore({ name: 'cobro-backup.json', buffer: Buffer.from(text) });
  // No note: nothing the forms saved needed keeping as is or repairing.
  await expect(other.locator('#import-notes')).toHaveCount(0);
  const restored = await everything(other);
  const expected = fromFile(file);
  // The billing-records law logs the restore itself: one event more (type 07, an import),
  // after the file's own, which come back as they were.
  const logged = restored.events.splice(expected.events.length);
  expect(logged.map((e) => e.xml.match(/<sf:TipoEvento>(\d+)<\/sf:TipoEvento><sf:OtrosDatosEvento>/)?.[1])).toEqual(['07']);
  expect(restored).toEqual(expected);
  expect(errors).toEqual([]);
  await fresh.close();
});

// ---------------------------------------------------------------- Spanish everywhere

/** Words of English that never belong to the Spanish interface. */
const ENGLISH = new Set(
  ('the and of to is are was not cannot must should would with from for this that invoice invoices payment ' +
    'payments amount due days day ago client clients quote quotes credit note notes overdue paid draft issued sent ' +
    'save cancel edit delete settings backup report reports today yesterday failed missing invalid number date ' +
    'open closed step steps reminder letter escalation receipt check contact contacts outstanding expected week ' +
    'next last all none loading field required too long more than least most characters file restore export')
    .split(' '),
);

/** Every text value of a dataset (names, descriptions, notes): what the user typed, not the UI. */
function userTexts(data) {
  const out = new Set();
  const walk = (v) => {
    if (typeof v === 'string') {
      if (v.trim().length > 2) out.add(v.trim());
    } else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(data);
  return [...out].sort((a, b) => b.length - a.length);
}

/** What is wrong with a Spanish screen's text (after the user's own texts are taken out). */
function spanishProblems(text, typed) {
  let t = text;
  for (const s of typed) t = t.split(s).join(' ');
  const problems = [];
  const english = t
    .split(/[^A-Za-zÀ-ÿ]+/)
    .filter((w) => ENGLISH.has(w.toLowerCase()));
  if (english.length) problems.push(`English: ${[...new Set(english)].join(', ')}`);
  // A decimal point: digits, a point, then 1–2 or 4+ digits (three is a thousands group),
  // not a version (0.1.0).
  const points = t.replace(/\d+\.\d+\.\d+/g, ' ').match(/\d\.(?:\d{1,2}|\d{4,})(?!\d)/g);
  if (points) problems.push(`decimal points: ${points.join(', ')}`);
  const days = t.match(/.{0,24}(?:\b(?:hace|en) 0 días|(?<![\d.,–-])1 días)/);
  if (days) problems.push(`day count: ${days[0].trim()}`);
  return problems;
}

/** Filters whose noun is masculine show "Todos", feminine ones "Todas". */
async function genderProblems(page) {
  return page.evaluate(() => {
    const masculine = /^(cliente|estado|tipo|canal|mes|año|presupuesto)/i;
    const feminine = /^(factura|moneda|serie|forma)/i;
    const out = [];
    for (const select of document.querySelectorAll('select')) {
      const label = select.closest('label')?.querySelector('.field-label, span')?.textContent?.trim() ?? '';
      const first = select.options[0]?.textContent?.trim() ?? '';
      if (masculine.test(label) && first === 'Todas') out.push(`${label}: ${first}`);
      if (feminine.test(label) && first === 'Todos') out.push(`${label}: ${first}`);
    }
    return out;
  });
}

test('every screen in Spanish, with demo data and a refused backup: no English, no decimal point, the right gender', async ({ shell, page, backup }) => {
  test.setTimeout(180_000);
  await shell.open();
  await page.locator('#load-demo').click();
  await expect(page.locator('[data-page="agenda"]')).toBeVisible();
  const data = {};
  for (const s of [...RECORD_STORES, 'meta']) data[s] = await readStore(page, s);
  const typed = userTexts(data);
  const invoice = data.invoices.find((i) => i.number && data.payments.some((p) => p.invoice_id === i.id));
  const draft = data.invoices.find((i) => !i.number);
  const routes = [
    './#/agenda',
    './#/invoices',
    './#/invoices/new',
    `./#/invoices/${invoice.id}`,
    `./#/agenda/invoice/${invoice.id}`,
    './#/quotes',
    './#/quotes/new',
    './#/clients',
    './#/clients/new',
    `./#/clients/${data.clients[0].id}`,
    `./#/clients/${data.clients[0].id}/edit`,
    './#/reports',
    './#/settings',
    './#/backup',
  ];
  if (draft) routes.push(`./#/invoices/${draft.id}/edit`);
  if (data.quotes[0]) routes.push(`./#/quotes/${data.quotes[0].id}`);
  const found = [];
  for (const route of routes) {
    await page.goto(route);
    await expect(page.locator('main h1').first()).toBeVisible();
    // The screen settles (lists and reports render from the data in memory).
    await page.waitForTimeout(0);
    const text = await page.locator('main').innerText();
    for (const p of spanishProblems(text, typed)) found.push(`${route}: ${p}`);
    for (const p of await genderProblems(page)) found.push(`${route}: ${p}`);
  }
  // A file the import refuses: every reason in Spanish, with its place in words.
  const doc = fixture('small-backup.json');
  doc.data.clients[0].currency = 'EURO';
  doc.data.payments[0].amount = '0.00';
  doc.data.payments[1].invoice_id = 'no-such-invoice';
  await backup.open();
  await backup.choose(sealed(doc, 'broken.json'));
  await expect(backup.problems).toBeVisible();
  const problems = await backup.problems.innerText();
  expect(problems).toContain('Cliente 1, moneda: «EURO» no es un código de moneda ISO 4217.');
  for (const p of spanishProblems(problems, userTexts(doc.data))) found.push(`import problems: ${p}`);
  // An older file with values this version refuses: restored, with notes in Spanish.
  const old = fixture('small-backup.json');
  old.data.clients[0].credit_limit = '-500.00';
  old.data.clients[1].ap_contact_email = 'no-es-un-correo';
  await backup.choose(sealed(old, 'old.json'));
  await expect(backup.preview).toBeVisible();
  const notes = await page.locator('#import-notes').innerText();
  expect(notes).toContain('Cliente 1, límite de crédito: El límite de crédito (-500) no era mayor que cero y se ha quitado');
  expect(notes).toContain('Cliente 2, correo electrónico: Se ha conservado tal cual');
  for (const p of spanishProblems(notes, userTexts(old.data))) found.push(`import notes: ${p}`);
  expect(found).toEqual([]);
});

test('the checks of the Spanish scan find what they look for', async () => {
  expect(spanishProblems('Retraso medio 30.5 días', [])).toEqual(['decimal points: 0.5']);
  expect(spanishProblems('Total: 1.234,50 € · versión 0.1.0', [])).toEqual([]);
  expect(spanishProblems('the amount is due', [])).toEqual(['English: the, amount, is, due']);
  expect(spanishProblems('Cliente: Bright Studio Ltd', ['Bright Studio Ltd'])).toEqual([]);
  expect(spanishProblems('Última copia: hace 0 días.', [])).toEqual(['day count: Última copia: hace 0 días']);
  expect(spanishProblems('31 días, 61–91 días, 1,1 días', [])).toEqual([]);
});

// ---------------------------------------------------------------- the printed transfer QR code

/** The QR codes zbarimg reads on the printed page(s) of the current screen, and the PDF's text. */
async function printedQr(page, dir, name) {
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
  execFileSync('pdftoppm', ['-r', '200', '-png', pdf, join(dir, name)]);
  const codes = [];
  for (const png of readdirSync(dir).filter((f) => f.startsWith(`${name}-`) && f.endsWith('.png'))) {
    try {
      // -Sbinary: the bytes as encoded (EPC069-12 says UTF-8), not zbar's guess at a charset.
      const out = execFileSync('zbarimg', ['--raw', '-q', '-Sbinary', '-Sdisable', '-Sqrcode.enable', join(dir, png)]).toString('utf8');
      // Each code starts a line: an EPC069-12 one with "BCD", the tax QR with its URL.
      codes.push(...out.split(/\n?(?=BCD\n|https:\/\/)/).map((c) => c.replace(/\n$/, '')).filter(Boolean));
    } catch (e) {
      // zbarimg exits with 4 when the page holds no code.
      if (e.status !== 4) throw e;
    }
  }
  const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  // The tax QR of the billing-records law (its URL) is printed too: the transfer codes are
  // the EPC069-12 ones ("BCD" first).
  return { codes: codes.filter((c) => c.startsWith('BCD\n')), taxCodes: codes.filter((c) => !c.startsWith('BCD\n')), text };
}

test('the printed QR code asks a SEPA bank for what is owed, and only then', async ({ page, backup }) => {
  test.setTimeout(120_000);
  const doc = fixture('small-backup.json');
  const d = doc.data;
  const bank = d.payment_methods.find((m) => m.kind.type === 'bank_transfer');
  const paid = new Set(d.payments.map((p) => p.invoice_id));
  const unpaid = d.invoices.filter((i) => i.number && !paid.has(i.id) && i.lines.every((l) => l.vat.rate));
  // Partly paid: F…0010 (600 + 21 % − 15 % = 636,00), 100,50 paid.
  const partly = d.invoices.find((i) => i.number === 'F2026-0010');
  d.payments.push({ ...d.payments[0], id: 'pay-part', invoice_id: partly.id, amount: '100.50', date: '2026-11-10' });
  // Paid in full.
  const full = d.invoices.find((i) => i.id === d.payments[0].invoice_id);
  // Cancelled by a credit note.
  const cancelled = unpaid.find((i) => i.id !== partly.id);
  const creditSeries = d.series.find((s) => s.kind === 'credit_note');
  d.credit_notes.push({
    id: 'cn-1',
    series_id: creditSeries.id,
    number: 'R2026-0001',
    invoice_id: cancelled.id,
    client_id: cancelled.client_id,
    issue_date: cancelled.issue_date,
    reason: 'Anulación',
    currency: 'EUR',
    lines: cancelled.lines,
    withholding_pct: cancelled.withholding_pct,
    invoice_discount_pct: cancelled.invoice_discount_pct,
    full_cancellation: true,
    updated_at: cancelled.updated_at,
  });
  creditSeries.last = { ...creditSeries.last, 2026: 1 };
  cancelled.cancelled_by = 'cn-1';
  // Paid to a Turkish account: valid, outside SEPA.
  d.payment_methods.push({ ...bank, id: 'pm-tr', label: 'Cuenta en Turquía', kind: { ...bank.kind, iban: 'TR330006100519786457841326', bic: '' } });
  const abroad = unpaid.find((i) => i.id !== partly.id && i.id !== cancelled.id);
  abroad.payment_method_ids = ['pm-tr'];
  await backup.open();
  await backup.restore(sealed(doc, 'qr.json'));

  const dir = mkdtempSync(join(tmpdir(), 'cobro-qr-'));
  const open = async (inv) => {
    await page.goto(`./#/invoices/${inv.id}`);
    await expect(page.locator('#invoice-doc')).toBeVisible();
  };

  await open(partly);
  await expect(page.locator('svg#epc-qr')).toBeVisible();
  let printed = await printedQr(page, dir, 'partly');
  expect(printed.codes).toEqual([
    ['BCD', '002', '1', 'SCT', bank.kind.bic, bank.kind.holder, bank.kind.iban, 'EUR535.50', '', '', partly.number].join('\n'),
  ]);

  for (const [inv, name, why] of [
    [full, 'paid', 'no queda nada por cobrar'],
    [cancelled, 'cancelled', 'la factura está anulada'],
    [abroad, 'abroad', 'la cuenta (TR) está fuera de la zona SEPA'],
  ]) {
    await open(inv);
    await expect(page.locator('svg#epc-qr')).toHaveCount(0);
    // On screen, why; in print, nothing about it.
    await expect(page.locator('#no-qr')).toContainText(why);
    printed = await printedQr(page, dir, name);
    expect(printed.codes, name).toEqual([]);
    // The reason is said on screen only.
    expect(printed.text, name).not.toContain(why);
    expect(printed.text, name).toContain(inv.number);
  }
});
