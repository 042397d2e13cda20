// Corrections end to end, with a controlled "today": a wrong payment asked about, corrected
// and voided with every figure following (status, steps, agenda, report, CSV, backup); the
// early-payment discount in the books; clients archived and deleted; payment methods kept
// as their kind, archived and deleted; refused values said at their fields.
import { readFileSync } from 'node:fs';
import { test, expect, FIXTURES, day0, expectNoHorizontalOverflow } from './pages/corrections.mjs';

const INVOICE = 'inv-0001';
const NUMBER = 'F2026-0001';

async function openInvoice(page, payments) {
  await page.goto(`./#/invoices/${INVOICE}`);
  await page.reload();
  await expect(payments.status).toBeVisible();
}

test('a wrong payment is asked about, corrected, then voided, and every figure follows', async ({
  page,
  shell,
  clock,
  seed,
  collect,
  payments,
  agendaPage,
  reportsPage,
  backup,
}) => {
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await openInvoice(page, payments);
  await collect.markSent('2026-03-02');
  const openSteps = page.locator('#collect-steps > li[data-state="open"]');
  const stepsWhenSent = await openSteps.count();
  expect(stepsWhenSent).toBeGreaterThan(0);

  // A payment dated tomorrow is refused at its date.
  await clock.set('2026-03-10');
  await openInvoice(page, payments);
  await payments.fill({ date: '2026-03-11', amount: '5' });
  await expect(page.locator('#pay-date-error')).toContainText('posterior a hoy');
  await payments.save();
  await expect(payments.form).toHaveCount(1);
  await expect(payments.rows).toHaveCount(0);

  // 9 999,00 typed for 1 210,00: asked, with the excess, before anything is written.
  await payments.fill({ date: '2026-03-10', amount: '9999,00' });
  await expect(page.locator('#pay-date-error')).toHaveCount(0);
  await payments.save();
  await expect(payments.question).toContainText('supera en 8.789,00 € lo pendiente (1.210,00 €)');
  await expect(payments.rows).toHaveCount(0);
  await payments.question.locator('[data-action="change-amount"]').click();
  await expect(payments.question).toHaveCount(0);
  await payments.save();
  await payments.question.locator('[data-action="confirm-overpayment"]').click();
  await expect(payments.form).toHaveCount(0);
  await expect(payments.status).toHaveAttribute('data-status', 'Paid');
  await expect(page.locator('#collect-overpaid')).toContainText('8.789,00 €');
  await expect(openSteps).toHaveCount(0);

  // Corrected to the right amount: the wrong one stays, struck through, naming the day.
  await payments.correct(payments.row('9999.00'), { amount: '1210' });
  await expect(payments.notice.first()).toContainText('Cobro corregido');
  await expect(payments.voided).toHaveCount(1);
  await expect(payments.voided).toContainText('Sustituido el 10/03/2026');
  await expect(payments.row('1210')).toContainText('Corrige el cobro de 9.999,00 € del 10/03/2026');
  await expect(page.locator('#collect-overpaid')).toHaveCount(0);
  await expect(payments.status).toHaveAttribute('data-status', 'Paid');

  // Weeks later the bank returns it: voided with the reason, the invoice is owed and overdue
  // again, its follow-up open again and on the agenda.
  await clock.set('2026-04-20');
  await openInvoice(page, payments);
  await payments.void(payments.row('1210'), 'Devuelto por el banco');
  await expect(payments.status).toHaveAttribute('data-status', 'Overdue');
  await expect(payments.owed).toHaveAttribute('data-owed', '1210.00');
  await expect(payments.voided).toHaveCount(2);
  await expect(payments.counting).toHaveCount(0);
  await expect(payments.rows.first()).toContainText('Anulado el 20/04/2026: Devuelto por el banco');
  await expect(openSteps).toHaveCount(stepsWhenSent);
  await agendaPage.open();
  await expect(page.locator(`#agenda-due > li[data-invoice="${NUMBER}"]`).first()).toBeVisible();

  // The report counts it as owed; the accountant's CSV has no payment left.
  await reportsPage.open();
  const eur = reportsPage.currency('EUR');
  await expect(eur.locator('[data-kpi="outstanding"]')).toHaveAttribute('data-amount', '1210.00');
  await expect(eur.locator('[data-kpi="overdue"]')).toHaveAttribute('data-amount', '1210.00');
  const csv = await reportsPage.download('csv-payments-semicolon');
  expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(1);

  // A backup carries the voided payments, and a restore brings them back as they were.
  await backup.open();
  const file = await backup.download();
  const voided = JSON.parse(file.text)
    .data.payments.filter((p) => p.voided)
    .map((p) => p.voided.reason);
  expect(voided.sort()).toEqual(['', 'Devuelto por el banco']);
  await backup.restore({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await openInvoice(page, payments);
  await expect(payments.voided).toHaveCount(2);
  await expect(payments.status).toHaveAttribute('data-status', 'Overdue');

  // In English, and on a phone: the same facts in its words, nothing wider than the screen.
  await shell.setLanguage('en');
  await expect(payments.rows.first()).toContainText('Voided on 20 Apr 2026: Devuelto por el banco');
  await page.setViewportSize({ width: 360, height: 740 });
  await payments.rows.first().scrollIntoViewIfNeeded();
  await expectNoHorizontalOverflow(page);
});

test('an early-payment discount is written on the payment, the invoice page, the report and the CSV', async ({
  page,
  shell,
  clock,
  backup,
  collect,
  payments,
  reportsPage,
}) => {
  await clock.set('2026-03-02');
  await backup.open();
  await backup.restore(
    day0((d) => {
      d.invoices[0].early_payment = { discount_pct: '3', within_days: 10 };
    }),
  );
  await openInvoice(page, payments);
  await collect.markSent('2026-03-02');

  // Within the 10 days: the form offers what settles it with the 3 % off, and says so.
  await clock.set('2026-03-05');
  await openInvoice(page, payments);
  await payments.fill();
  await expect(payments.form.locator('[data-field="amount"]')).toHaveValue('1173,70');
  await expect(page.locator('#pay-offer')).toContainText('1.173,70 €');
  await expect(page.locator('#pay-preview')).toContainText('descuento por pronto pago de 36,30 €');
  await payments.save();
  await expect(payments.status).toHaveAttribute('data-status', 'Paid');
  await expect(payments.discount).toHaveText('Descuento por pronto pago: 36,30 € (3 % a 10 días)');
  await expect(payments.row('1173.70').locator('.payment-discount')).toContainText('36,30 €');

  await reportsPage.open();
  await expect(page.locator('#report-discounts')).toContainText('36,30 €');
  const pays = await reportsPage.download('csv-payments-semicolon');
  const rows = pays.text.split('\r\n').filter(Boolean);
  expect(rows[0]).toMatch(/;Descuento pronto pago;Condición del descuento$/);
  expect(rows[1]).toMatch(/;1173,70;EUR;.*;36,30;3 % a 10 días$/);
  const docs = await reportsPage.download('csv-invoices-comma');
  expect(docs.text.split('\r\n')[1]).toMatch(/,1210\.00,1173\.70,0\.00,,36\.30,1000\.00,210\.00$/);

  await shell.setLanguage('en');
  await openInvoice(page, payments);
  await expect(payments.discount).toHaveText('Early-payment discount: €36.30 (3% within 10 days)');
});

test('an archived client leaves the pickers and stays on its invoices; an unused one is deleted', async ({
  page,
  clock,
  seed,
}) => {
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await page.goto('./#/clients/new');
  await page.locator('#client-name').fill('Cliente Sin Uso SL');
  await page.locator('#client-save').click();
  await expect(page.locator('#client-legal-name')).toHaveText('Cliente Sin Uso SL');
  const unused = page.url().split('#/clients/')[1];

  // New documents for this client start with it chosen.
  await page.goto('./#/clients/client-pena');
  await expect(page.locator('#client-new-invoice')).toHaveAttribute('href', '#/invoices/new?client=client-pena');
  await expect(page.locator('#client-new-quote')).toHaveAttribute('href', '#/quotes/new?client=client-pena');

  // Named by an invoice: not deleted, said why; archived instead.
  await page.locator('.record-actions [data-action="delete"]').click();
  await expect(page.locator('[data-confirm="delete"]')).toContainText('¿Eliminar «Talleres "Peña", S.L.»?');
  await page.locator('[data-action="confirm-delete"]').click();
  await expect(page.locator('[data-record-message="error"]')).toContainText('lo usan 1 factura');
  await page.locator('.record-actions [data-action="archive"]').click();
  await expect(page.locator('#client-archived')).toBeVisible();

  await page.goto('./#/clients');
  await expect(page.locator('#client-list [data-client="client-pena"]')).toHaveCount(0);
  await expect(page.locator('#clients-archived-toggle')).toHaveText('Archivados (1)');
  await page.locator('#clients-archived-toggle').click();
  await expect(page.locator('#client-archived-list [data-client="client-pena"]')).toHaveCount(1);

  // Gone from the pickers of new documents, still on its invoice.
  await page.goto('./#/invoices/new');
  await expect(page.locator('#inv-client option', { hasText: 'Cliente Sin Uso SL' })).toHaveCount(1);
  await expect(page.locator('#inv-client option', { hasText: 'Peña' })).toHaveCount(0);
  await page.goto('./#/quotes/new');
  await expect(page.locator('#quote-client option', { hasText: 'Cliente Sin Uso SL' })).toHaveCount(1);
  await expect(page.locator('#quote-client option', { hasText: 'Peña' })).toHaveCount(0);
  await page.goto(`./#/invoices/${INVOICE}`);
  await expect(page.locator('#doc-buyer')).toContainText('Talleres "Peña", S.L.');

  // Restored: back in the list.
  await page.goto('./#/clients/client-pena');
  await page.locator('.record-actions [data-action="restore"]').click();
  await expect(page.locator('#client-archived')).toHaveCount(0);
  await page.goto('./#/clients');
  await expect(page.locator('#client-list [data-client="client-pena"]')).toHaveCount(1);

  // Nothing names the other one: deleted, after the question.
  await page.goto(`./#/clients/${unused}`);
  await page.locator('.record-actions [data-action="delete"]').click();
  await page.locator('[data-action="confirm-delete"]').click();
  await expect(page.locator('[data-page="clients"]')).toBeVisible();
  await expect(page.locator(`[data-client="${unused}"]`)).toHaveCount(0);
  await page.reload();
  await expect(page.locator('#client-list [data-client]')).toHaveCount(1);
});

test('a direct debit stays a direct debit after a reload and a backup; an unused method is deleted, a used one archived', async ({
  page,
  clock,
  seed,
  backup,
  payments,
}) => {
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await page.goto('./#/settings');
  const add = page.locator('form.method-form[data-method="new"]');
  await add.locator('.method-kind').selectOption('direct_debit');
  await page.locator('#method-new-label').fill('Recibo SEPA');
  await page.locator('#method-new-detail').fill('Mandato ES-123');
  await add.locator('.method-save').click();
  const debit = page.locator('form.method-form', { has: page.locator('legend', { hasText: 'Recibo SEPA' }) });
  await expect(debit).toHaveCount(1);
  await page.reload();
  await expect(debit.locator('.method-kind')).toHaveValue('direct_debit');

  // Exported and restored: still a direct debit with its note.
  await backup.open();
  const file = await backup.download();
  const saved = JSON.parse(file.text).data.payment_methods.find((m) => m.label === 'Recibo SEPA');
  expect(saved.kind).toEqual({ type: 'direct_debit', note: 'Mandato ES-123' });
  await backup.restore({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
  await page.goto('./#/settings');
  await page.reload();
  await expect(debit.locator('.method-kind')).toHaveValue('direct_debit');

  // Nothing names it: deleted after the question.
  const block = page.locator('.record-block', { has: debit });
  await block.locator('[data-action="delete"]').click();
  await block.locator('[data-action="confirm-delete"]').click();
  await expect(debit).toHaveCount(0);
  await expect(page.locator('#payment-methods [data-record-message="ok"]')).toContainText('Eliminado');
  await page.reload();
  await expect(debit).toHaveCount(0);

  // The bank account is on the invoice: refused with why, then archived.
  const bank = page.locator('.record-block[data-method-block="pm-bank"]');
  await bank.locator('[data-action="delete"]').click();
  await bank.locator('[data-action="confirm-delete"]').click();
  await expect(bank.locator('[data-record-message="error"]')).toContainText('lo usan 1 factura');
  await expect(bank.locator('[data-record-message="error"]')).toContainText('Archívalo');
  await bank.locator('[data-action="archive"]').click();
  await expect(bank).toHaveCount(0);
  await expect(page.locator('#methods-archived-toggle')).toHaveText('Archivados (1)');
  await page.locator('#methods-archived-toggle').click();
  await expect(page.locator('#methods-archived [data-method="pm-bank"]')).toHaveCount(1);

  // No longer offered when a payment comes in; the invoice still prints it.
  await openInvoice(page, payments);
  await payments.fill();
  await expect(payments.form.locator('[data-field="method"] option', { hasText: 'Cuenta BBVA' })).toHaveCount(0);
  await expect(page.locator('#doc-pay')).toContainText('ES91');
});

test('a refused value is said at its field, in the UI language', async ({ page, shell, clock, seed }) => {
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await page.goto('./#/clients/new');
  await page.locator('#client-terms').fill('treinta');
  await page.locator('#client-save').click();
  await expect(page.locator('#client-name-error')).toContainText('obligatorio');
  await expect(page.locator('#client-terms-error')).toBeVisible();
  await expect(page.locator('#client-name')).toHaveAttribute('aria-invalid', 'true');
  // Typing again takes the message away; nothing was saved.
  await page.locator('#client-name').fill('Nuevo SL');
  await expect(page.locator('#client-name-error')).toHaveCount(0);
  await expect(page.locator('[data-page="client-edit"]')).toBeVisible();

  await shell.setLanguage('en');
  await page.goto('./#/settings');
  await page.locator('#set-name').fill('');
  await page.locator('#settings-save').click();
  // The core's words for a required field.
  await expect(page.locator('#set-name-error')).toHaveText('This field is required.');
  await page.locator('#method-pm-bank-bic').fill('NOPE');
  await page.locator('.record-block[data-method-block="pm-bank"] .method-save').click();
  await expect(page.locator('#method-pm-bank-bic-error')).toBeVisible();
});
