// Corrections end to end, with a controlled "today". In Spanish and English, on a 360 px phone
// and a 1280 px desktop: a wrong payment asked about, corrected and voided with every figure
// following (status, steps, agenda, report, CSV, backup); a payment undone a week after it
// came in, the agenda taking the invoice back; clients archived and deleted; each action
// reachable and each figure in the UI's language. Then, once: the early-payment discount in
// the books; payment methods kept as their kind, archived and deleted; refused values said
// at their fields.
import {
  test,
  expect,
  day0,
  SIZES,
  useLanguage,
  expectReachable,
  expectLocaleOf,
  expectGoodLayout,
  readStore,
} from './pages/corrections.mjs';

const INVOICE = 'inv-0001';
const NUMBER = 'F2026-0001';

async function openInvoice(page, payments) {
  await page.goto(`./#/invoices/${INVOICE}`);
  await page.reload();
  await expect(payments.status).toBeVisible();
}

/** What the user types and reads, per UI language (the invoice: 1 210,00 € due 1/4/2026). */
const WORDS = {
  es: {
    locale: 'es-ES',
    wrong: '9999,00',
    right: '1210,00',
    full: '1.210,00',
    bounced: 'Devuelto por el banco',
    inFuture: 'La fecha del cobro (11/03/2026) es posterior a hoy (10/03/2026)',
    question: 'Este cobro supera en 8.789,00 € lo pendiente (1.210,00 €). ¿Registrarlo igualmente?',
    overpaid: 'Cobrado de más: 8.789,00 €',
    paidRow: ['10/03/2026', '9.999,00 €'],
    actions: ['Corregir', 'Anular'],
    correctTitle: 'Corregir cobro',
    corrected: 'Cobro corregido. Queda pendiente: 0,00 €',
    replaced: 'Sustituido el 10/03/2026 por el cobro corregido',
    corrects: 'Corrige el cobro de 9.999,00 € del 10/03/2026',
    voidTitle: 'Anular cobro · 10/03/2026 · 1.210,00 €',
    voidDone: 'Cobro anulado. Queda pendiente: 1.210,00 €',
    voidedOn: 'Anulado el 20/04/2026: Devuelto por el banco',
    status: { Paid: 'Pagada', Overdue: 'Vencida', Sent: 'Enviada' },
    owed: '1.210,00 €',
    kpi: '1.210,00 €',
    // A week later.
    dueToday: 'vence hoy',
    overdue7: 'vencida hace 7 días',
    lastSent: 'Último: factura enviada por correo electrónico',
    lastSentOn: 'el 02/03/2026',
    covers: 'También cubre:',
    // Clients.
    deleteQuestion: '¿Eliminar «Talleres "Peña", S.L.»? No se puede deshacer.',
    inUse: 'No se puede eliminar: lo usa 1 factura. Archívalo en su lugar.',
    archivedHint: 'Archivado: no se ofrece en facturas ni presupuestos nuevos',
    archivedDone: 'Archivado.',
    archivedToggle: 'Archivados (1)',
    restoredDone: 'Restaurado.',
    clientRow: ['F2026-0001', '02/03/2026', '1.210,00 €'],
  },
  en: {
    locale: 'en-GB',
    wrong: '9,999.00',
    right: '1,210.00',
    full: '1210.00',
    bounced: 'Returned by the bank',
    inFuture: 'The payment date (11 Mar 2026) is after today (10 Mar 2026)',
    question: 'This payment is €8,789.00 more than what is owed (€1,210.00). Record it anyway?',
    overpaid: 'Overpaid by €8,789.00',
    paidRow: ['10 Mar 2026', '€9,999.00'],
    actions: ['Correct', 'Void'],
    correctTitle: 'Correct payment',
    corrected: 'Payment corrected. Still owed: €0.00',
    replaced: 'Replaced on 10 Mar 2026 by the corrected payment',
    corrects: 'Corrects the €9,999.00 payment of 10 Mar 2026',
    voidTitle: 'Void payment · 10 Mar 2026 · €1,210.00',
    voidDone: 'Payment voided. Still owed: €1,210.00',
    voidedOn: 'Voided on 20 Apr 2026: Returned by the bank',
    status: { Paid: 'Paid', Overdue: 'Overdue', Sent: 'Sent' },
    owed: '€1,210.00',
    kpi: '€1,210.00',
    dueToday: 'due today',
    overdue7: '7 days overdue',
    lastSent: 'Last: invoice sent by email',
    lastSentOn: 'on 2 Mar 2026',
    covers: 'Also covers:',
    deleteQuestion: 'Delete “Talleres "Peña", S.L.”? This cannot be undone.',
    inUse: 'Cannot delete it: 1 invoice uses it. Archive it instead.',
    archivedHint: 'Archived: not offered on new invoices or quotes',
    archivedDone: 'Archived.',
    archivedToggle: 'Archived (1)',
    restoredDone: 'Restored.',
    clientRow: ['F2026-0001', '2 Mar 2026', '€1,210.00'],
  },
};

for (const [lang, w] of Object.entries(WORDS)) {
  for (const [device, viewport] of Object.entries(SIZES)) {
    test.describe(`${lang}, ${device} (${viewport.width} px)`, () => {
      test.use({ viewport, locale: w.locale });
      test.beforeEach(async ({ page }) => useLanguage(page, lang));

      test('a wrong payment is asked about, corrected, then voided, and every figure follows', async ({
        page,
        clock,
        seed,
        collect,
        payments,
        agendaPage,
        reportsPage,
        backup,
      }) => {
        test.setTimeout(120_000);
        const panel = page.locator('.collect-panel');
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
        await expect(page.locator('#pay-date-error')).toContainText(w.inFuture);
        await payments.save();
        await expect(payments.form).toHaveCount(1);
        await expect(payments.rows).toHaveCount(0);

        // 9 999,00 typed for 1 210,00: asked, with the excess, before anything is written.
        await payments.fill({ date: '2026-03-10', amount: w.wrong });
        await expect(page.locator('#pay-date-error')).toHaveCount(0);
        await payments.save();
        await expect(payments.question.locator('p')).toHaveText(w.question);
        await expect(payments.rows).toHaveCount(0);
        await expectReachable(payments.question.locator('button'), 'the overpayment question');
        await expectGoodLayout(page, 'the overpayment question');
        await payments.question.locator('[data-action="change-amount"]').click();
        await expect(payments.question).toHaveCount(0);
        await payments.save();
        await payments.question.locator('[data-action="confirm-overpayment"]').click();
        await expect(payments.form).toHaveCount(0);
        await expect(payments.status).toHaveAttribute('data-status', 'Paid');
        await expect(payments.status).toHaveText(w.status.Paid);
        await expect(page.locator('#collect-overpaid')).toHaveText(w.overpaid);
        await expect(openSteps).toHaveCount(0);
        const wrong = payments.row('9999.00');
        for (const text of w.paidRow) await expect(wrong).toContainText(text);
        await expect(wrong.locator('button')).toHaveText(w.actions);
        await expectReachable(wrong.locator('button'), 'the actions of the wrong payment');
        await expectLocaleOf(panel, lang, 'the paid invoice');

        // Corrected to the right amount: the wrong one stays, struck through, naming the day.
        await wrong.locator('[data-action="correct-payment"]').click();
        await expect(payments.form.locator('.form-title')).toHaveText(w.correctTitle);
        await payments.form.locator('[data-field="amount"]').fill(w.right);
        await expectReachable(payments.form.locator('.form-actions button'), 'the correction form');
        await expectGoodLayout(page, 'the correction form');
        await payments.save();
        // One word on the panel, about the correction: none left about the overpayment.
        await expect(panel.locator('[data-notice]')).toHaveText([w.corrected]);
        await expect(payments.voided).toHaveCount(1);
        await expect(payments.voided.locator('.payment-voided')).toHaveText(w.replaced);
        // The right one first, the wrong one it replaced right below.
        await expect(payments.rows).toHaveCount(2);
        await expect(payments.rows.nth(0)).toHaveAttribute('data-amount', '1210.00');
        await expect(payments.rows.nth(1)).toHaveAttribute('data-amount', '9999.00');
        await expect(payments.row('1210.00').locator('.payment-corrects')).toHaveText(w.corrects);
        await expect(page.locator('#collect-overpaid')).toHaveCount(0);
        await expect(payments.status).toHaveAttribute('data-status', 'Paid');
        // The wrong one can be neither corrected nor voided again.
        await expect(payments.voided.locator('button')).toHaveCount(0);
        await expectLocaleOf(panel, lang, 'the corrected payments');
        await expectGoodLayout(page, 'the corrected payments');
        let stored = await readStore(page, 'payments');
        const right = stored.find((p) => !p.voided);
        expect(stored.map((p) => [p.amount, p.date, p.voided ?? null]).sort()).toEqual([
          ['1210.00', '2026-03-10', null],
          ['9999.00', '2026-03-10', { date: '2026-03-10', reason: '', replaced_by: right.id }],
        ]);

        // Weeks later the bank returns it: voided with the reason, the invoice is owed and
        // overdue again, its follow-up open again and on the agenda.
        await clock.set('2026-04-20');
        await openInvoice(page, payments);
        await payments.row('1210.00').locator('[data-action="void-payment"]').click();
        const voidForm = page.locator('form[data-form="void-payment"]');
        await expect(voidForm.locator('.form-title')).toHaveText(w.voidTitle);
        await voidForm.locator('[data-field="reason"]').fill(w.bounced);
        await expectReachable(voidForm.locator('.form-actions button'), 'the void form');
        await expectGoodLayout(page, 'the void form');
        await voidForm.locator('[data-action="confirm-void"]').click();
        await expect(voidForm).toHaveCount(0);
        await expect(panel.locator('[data-notice]')).toHaveText([w.voidDone]);
        await expect(payments.status).toHaveAttribute('data-status', 'Overdue');
        await expect(payments.status).toHaveText(w.status.Overdue);
        await expect(payments.owed).toHaveAttribute('data-owed', '1210.00');
        await expect(payments.owed).toHaveText(w.owed);
        await expect(payments.voided).toHaveCount(2);
        await expect(payments.counting).toHaveCount(0);
        await expect(payments.rows.first().locator('.payment-voided')).toHaveText(w.voidedOn);
        await expect(openSteps).toHaveCount(stepsWhenSent);
        await expectLocaleOf(panel, lang, 'the voided payments');
        await expectGoodLayout(page, 'the voided payments');
        stored = await readStore(page, 'payments');
        expect(stored.find((p) => p.id === right.id).voided).toEqual({ date: '2026-04-20', reason: w.bounced });
        expect(stored.every((p) => p.voided)).toBe(true);

        await agendaPage.open();
        const card = page.locator(`#agenda-due > li[data-invoice="${NUMBER}"]`);
        await expect(card).toHaveCount(1);
        await expect(card).toHaveAttribute('data-owed', '1210.00');
        await expect(card.locator('.ai-amount .amount')).toHaveText(w.owed);

        // The report counts it as owed; the accountant's CSV has no payment left.
        await reportsPage.open();
        const eur = reportsPage.currency('EUR');
        await expect(eur.locator('[data-kpi="outstanding"]')).toHaveAttribute('data-amount', '1210.00');
        await expect(eur.locator('[data-kpi="overdue"]')).toHaveAttribute('data-amount', '1210.00');
        await expect(eur.locator('[data-kpi="outstanding"]')).toContainText(w.kpi);
        const csv = await reportsPage.download('csv-payments-semicolon');
        expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(1);

        // A backup carries the voided payments, and a restore brings them back as they were.
        await backup.open();
        const file = await backup.download();
        const voided = JSON.parse(file.text)
          .data.payments.filter((p) => p.voided)
          .map((p) => p.voided.reason);
        expect(voided.sort()).toEqual(['', w.bounced]);
        await backup.restore({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.text) });
        await openInvoice(page, payments);
        await expect(payments.voided).toHaveCount(2);
        await expect(payments.status).toHaveAttribute('data-status', 'Overdue');
        await expect(payments.rows.first().locator('.payment-voided')).toHaveText(w.voidedOn);
      });

      test('a payment undone a week after it came in puts the invoice back on the agenda, owed', async ({
        page,
        clock,
        seed,
        collect,
        payments,
        agendaPage,
      }) => {
        await clock.set('2026-03-02');
        await seed.restore('collections-day0.json');
        await openInvoice(page, payments);
        await collect.markSent('2026-03-02');
        const card = page.locator(`:is(#agenda-due, #agenda-next) > li[data-invoice="${NUMBER}"]`);

        // Paid in full a week before it falls due: nothing left to follow up.
        const open = async () =>
          (await readStore(page, 'steps'))
            .filter((s) => s.invoice_id === INVOICE && s.state.state === 'open')
            .map((s) => `${s.kind} ${s.due}`)
            .sort();
        await clock.set('2026-03-25');
        await openInvoice(page, payments);
        const followedUp = await open();
        expect(followedUp.length).toBeGreaterThan(0);
        await payments.fill({ amount: w.right });
        await payments.save();
        await expect(payments.form).toHaveCount(0);
        await expect(payments.status).toHaveAttribute('data-status', 'Paid');
        expect(await open()).toEqual([]);
        await agendaPage.open();
        await expect(card).toHaveCount(0);

        // A week later, on the day it falls due, the bank returns it.
        await clock.set('2026-04-01');
        await openInvoice(page, payments);
        await payments.void(payments.row('1210.00'), w.bounced);
        await expect(payments.status).toHaveAttribute('data-status', 'Sent');
        await expect(payments.status).toHaveText(w.status.Sent);
        await expect(payments.owed).toHaveText(w.owed);
        await expect(page.locator('#collect-next')).toHaveAttribute('data-kind', 'due_day');
        // Exactly the steps the payment had closed are open again.
        expect(await open()).toEqual(followedUp);

        // The agenda has it again: owed in full, due today, one card for the day's reminder
        // that covers the steps missed while it looked paid; the last thing done is the
        // sending, not a payment that no longer counts.
        await agendaPage.open();
        await expect(card).toHaveCount(1);
        const today = agendaPage.item('due_day', NUMBER);
        await expect(today).toHaveAttribute('data-owed', '1210.00');
        await expect(today.locator('.ai-amount .amount')).toHaveText(w.owed);
        await expect(today.locator('.ai-due')).toHaveText(w.dueToday);
        await expect(today.locator('[data-why="last"]')).toContainText(w.lastSent);
        await expect(today.locator('[data-why="last"]')).toContainText(w.lastSentOn);
        await expect(today.locator('[data-why="supersedes"]')).toContainText(w.covers);
        await expectLocaleOf(today, lang, 'the card of the day it falls due');
        await expectReachable(today.locator('.ai-actions > *'), 'the card actions');
        await expectGoodLayout(page, 'the agenda');

        // Another week without news: the first reminder, seven days late.
        await clock.set('2026-04-08');
        await agendaPage.open();
        await expect(card).toHaveCount(1);
        const late = agendaPage.item('reminder', NUMBER);
        await expect(late).toHaveClass(/late/);
        await expect(late.locator('.ai-due')).toHaveText(w.overdue7);
        await expect(late.locator('.ai-amount .amount')).toHaveText(w.owed);
        await expect(late.locator('[data-why="last"]')).toContainText(w.lastSent);
        await expectLocaleOf(late, lang, 'the reminder card');
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
        const view = page.locator('[data-page="client-view"]');
        await expect(page.locator('#client-new-invoice')).toHaveAttribute('href', '#/invoices/new?client=client-pena');
        await expect(page.locator('#client-new-quote')).toHaveAttribute('href', '#/quotes/new?client=client-pena');
        for (const text of w.clientRow) await expect(page.locator('#client-invoices li')).toContainText(text);
        await expectLocaleOf(view, lang, 'the client page');
        await expectReachable(page.locator('.client-head .actions > :is(a, button), .record-actions button'), "the client's actions");
        await expectGoodLayout(page, 'the client page');

        // Named by an invoice: not deleted, said why; archived instead.
        await page.locator('.record-actions [data-action="delete"]').click();
        await expect(page.locator('[data-confirm="delete"] p')).toHaveText(w.deleteQuestion);
        await expectReachable(page.locator('[data-confirm="delete"] button'), 'the delete question');
        await expectGoodLayout(page, 'the delete question');
        await page.locator('[data-action="confirm-delete"]').click();
        await expect(page.locator('[data-record-message="error"]')).toHaveText(w.inUse);
        await expectGoodLayout(page, 'the refused delete');
        await page.locator('.record-actions [data-action="archive"]').click();
        await expect(page.locator('#client-archived')).toContainText(w.archivedHint);
        await expect(page.locator('[data-record-message="ok"]')).toHaveText(w.archivedDone);
        await expectReachable(page.locator('.record-actions button'), 'restore and delete');
        await expectGoodLayout(page, 'the archived client');
        expect((await readStore(page, 'clients')).find((c) => c.id === 'client-pena').archived).toBe(true);

        await page.goto('./#/clients');
        await expect(page.locator('#client-list [data-client="client-pena"]')).toHaveCount(0);
        await expect(page.locator('#clients-archived-toggle')).toHaveText(w.archivedToggle);
        await page.locator('#clients-archived-toggle').click();
        await expect(page.locator('#client-archived-list [data-client="client-pena"]')).toHaveCount(1);
        await expectGoodLayout(page, 'the archived clients');

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
        await expect(page.locator('[data-record-message="ok"]')).toHaveText(w.restoredDone);
        expect((await readStore(page, 'clients')).find((c) => c.id === 'client-pena').archived ?? false).toBe(false);
        await page.goto('./#/clients');
        await expect(page.locator('#client-list [data-client="client-pena"]')).toHaveCount(1);

        // Nothing names the other one: deleted, after the question.
        await page.goto(`./#/clients/${unused}`);
        await page.locator('.record-actions [data-action="delete"]').click();
        await expectReachable(page.locator('[data-confirm="delete"] button'), 'the delete question');
        await page.locator('[data-action="confirm-delete"]').click();
        await expect(page.locator('[data-page="clients"]')).toBeVisible();
        await expect(page.locator(`[data-client="${unused}"]`)).toHaveCount(0);
        await page.reload();
        await expect(page.locator('#client-list [data-client]')).toHaveCount(1);
        expect((await readStore(page, 'clients')).map((c) => c.id)).toEqual(['client-pena']);
      });
    });
  }
}

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
  await expect(bank.locator('[data-record-message="error"]')).toContainText('lo usan 1 factura y 1 cliente');
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
