// Collections end to end with a controlled "today" (Playwright's clock fixes the browser's
// Date, which is the app's only clock): one invoice followed from sending to full payment,
// the calendar export, and the reports against `cobro report --json` on the same data.
import { readFileSync } from 'node:fs';
import { test, expect, FIXTURES, CollectPanel } from './pages/collections.mjs';

const INVOICE = 'inv-0001';
const NUMBER = 'F2026-0001';

/** Unfold an iCalendar text and split it into events (objects of property → value). */
function parseIcs(text) {
  expect(text.endsWith('\r\n')).toBe(true);
  expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  for (const line of text.split('\r\n')) expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  const lines = text.replace(/\r\n /g, '').split('\r\n').filter(Boolean);
  expect(lines[0]).toBe('BEGIN:VCALENDAR');
  expect(lines.at(-1)).toBe('END:VCALENDAR');
  const events = [];
  let cur = null;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') cur = {};
    else if (line === 'END:VEVENT') events.push(cur), (cur = null);
    else if (cur) {
      const i = line.indexOf(':');
      cur[line.slice(0, i)] = line.slice(i + 1);
    }
  }
  return events;
}

test('an invoice is followed from sending to full payment', async ({ page, shell, clock, seed, agendaPage, collect }) => {
  // Day 0: issued, not yet sent.
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await agendaPage.open();
  await expect(agendaPage.empty).toBeVisible();

  await collect.open(INVOICE);
  await expect(collect.status).toHaveAttribute('data-status', 'Issued');
  await expect(collect.owed).toHaveAttribute('data-owed', '1210.00');
  await collect.markSent();
  await expect(collect.status).toHaveAttribute('data-status', 'Sent');
  await expect(collect.steps).toHaveCount(7);
  await expect(collect.steps.first()).toHaveAttribute('data-kind', 'receipt_check');

  // Day 1: the receipt check is on the agenda, with one-tap call and email.
  await clock.set('2026-03-03');
  await agendaPage.open();
  await expect(agendaPage.due).toHaveCount(1);
  const receipt = agendaPage.item('receipt_check', NUMBER);
  await expect(receipt).toContainText('Talleres "Peña", S.L.');
  await expect(receipt).toContainText('1.210,00 €');
  await expect(receipt).toContainText('PO-4500');
  await expect(receipt).toContainText('Marta Ruiz');
  await expect(receipt.locator('.ai-due')).toHaveText('vence en 29 días');
  await expect(receipt.locator('[data-action="call"]')).toHaveAttribute('href', 'tel:+34600111222');
  const mailto = await receipt.locator('[data-action="email"]').getAttribute('href');
  expect(mailto).toMatch(/^mailto:pagos@talleres-pena\.example\?subject=/);
  expect(decodeURIComponent(mailto)).toContain('F2026-0001 (pedido n.º PO-4500)');
  await agendaPage.markDone(receipt, { outcome: 'confirmed_receipt' });
  await expect(agendaPage.empty).toBeVisible();
  await collect.open(INVOICE);
  await expect(collect.status).toHaveAttribute('data-status', 'ReceiptConfirmed');
  await expect(page.locator('#collect-receipt')).toContainText('Marta Ruiz');
  await expect(collect.contacts).toHaveCount(1);

  // Due − 14: the pre-due contact; once it is done, the due day shows among the next 14 days
  // (an invoice is in one place of the agenda: its next step).
  await clock.set('2026-03-18');
  await agendaPage.open();
  await expect(agendaPage.due).toHaveCount(1);
  await expect(agendaPage.upcoming).toHaveCount(0);
  await agendaPage.markDone(agendaPage.item('pre_due', NUMBER), { outcome: 'no_answer' });
  await expect(agendaPage.upcoming.first()).toHaveAttribute('data-kind', 'due_day');

  // Due day, snoozed to the next day, where it comes back.
  await clock.set('2026-04-01');
  await agendaPage.open();
  await agendaPage.snooze(agendaPage.item('due_day', NUMBER), '2026-04-02');
  await expect(agendaPage.empty).toBeVisible();
  await clock.set('2026-04-02');
  await agendaPage.open();
  const dueDay = agendaPage.item('due_day', NUMBER);
  await expect(dueDay).toContainText('aplazado');
  await expect(dueDay.locator('.ai-due')).toHaveText('vencida hace 1 día');
  await agendaPage.markDone(dueDay);

  // Due + 7: the first reminder; the client promises to pay on the 15th.
  await clock.set('2026-04-08');
  await agendaPage.open();
  await agendaPage.markDone(agendaPage.item('reminder', NUMBER), { outcome: 'promised_to_pay', promised: '2026-04-15' });

  // Nothing until the promise check, the day after the promised date.
  await clock.set('2026-04-15');
  await agendaPage.open();
  await expect(agendaPage.empty).toBeVisible();
  await clock.set('2026-04-16');
  await agendaPage.open();
  await expect(agendaPage.due).toHaveCount(1);
  await expect(agendaPage.item('promise_check', NUMBER)).toBeVisible();

  // A partial payment, then the rest: everything closes.
  await collect.open(INVOICE);
  await expect(page.locator('form[data-form="payment"]')).toHaveCount(0);
  await collect.recordPayment('500');
  await expect(collect.owed).toHaveAttribute('data-owed', '710.00');
  await expect(collect.notice).toContainText('Queda pendiente: 710,00 €');
  await expect(collect.status).toHaveAttribute('data-status', 'Overdue');
  await collect.action('record-payment');
  await expect(page.locator('form[data-form="payment"] [data-field="amount"]')).toHaveValue('710,00');
  await page.locator('form[data-form="payment"] [data-action="save"]').click();
  await expect(collect.status).toHaveAttribute('data-status', 'Paid');
  await expect(collect.payments).toHaveCount(2);
  await expect(page.locator('#collect-steps > li[data-state="open"]')).toHaveCount(0);
  await agendaPage.open();
  await expect(agendaPage.empty).toBeVisible();
  await expect(page.locator('#agenda-next')).toHaveCount(0);
});

test('a form being filled in keeps what was typed while the data changes under it', async ({ page, clock, seed, context }) => {
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await page.goto(`./#/invoices/${INVOICE}`);
  const panel = new CollectPanel(page);
  await expect(panel.owed).toHaveAttribute('data-owed', '1210.00');

  // Half-way through a contact and a partial credit note on the invoice's page…
  await panel.action('log-contact');
  const contact = panel.root.locator('form[data-form="contact"]');
  await contact.locator('[data-field="who"]').fill('Marta, de cuentas a pagar');
  await contact.locator('[data-field="note"]').fill('Pide el PO en el asunto');
  await page.locator('#open-partial-credit').click();
  await page.locator('#credit-qty-0').fill('1');

  // …a payment is recorded in another tab, and this one reloads its data…
  const other = await context.newPage();
  await other.goto(`./#/agenda/invoice/${INVOICE}`);
  await new CollectPanel(other).recordPayment('100');
  await expect(panel.owed).toHaveAttribute('data-owed', '1110.00');

  // …and here, nothing typed was lost.
  await expect(contact.locator('[data-field="who"]')).toHaveValue('Marta, de cuentas a pagar');
  await expect(contact.locator('[data-field="note"]')).toHaveValue('Pide el PO en el asunto');
  await expect(page.locator('#credit-qty-0')).toHaveValue('1');
  await other.close();
  // Saving the contact is a change of the data too: the credit note being written stays.
  await contact.locator('[data-action="save"]').click();
  await expect(contact).toHaveCount(0);
  await expect(panel.contacts).toHaveCount(1);
  await expect(panel.contacts.first()).toContainText('Marta, de cuentas a pagar');
  await expect(page.locator('#credit-qty-0')).toHaveValue('1');

  // A payment saved, and the next form opened at once: the reload that follows keeps it.
  await panel.action('record-payment');
  const pay = panel.root.locator('form[data-form="payment"]');
  await pay.locator('[data-field="amount"]').fill('10');
  await pay.locator('[data-action="save"]').click();
  await panel.action('log-contact');
  await expect(panel.owed).toHaveAttribute('data-owed', '1100.00');
  await expect(contact).toBeVisible();
});

test('the calendar file has each followed invoice\'s next step and due date, with stable ids', async ({ shell, clock, seed, agendaPage, collect }) => {
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await collect.open(INVOICE);
  await collect.markSent();
  await agendaPage.open();
  const events = parseIcs(await agendaPage.downloadIcs());
  expect(events).toHaveLength(2);
  const uids = events.map((e) => e.UID);
  expect(uids).toEqual([`next-${INVOICE}@cobro`, `due-${INVOICE}@cobro`]);
  for (const e of events) {
    expect(e['DTSTART;VALUE=DATE']).toMatch(/^\d{8}$/);
    // The app's clock is the browser's Date: DTSTAMP is the fixed instant, in UTC.
    expect(e.DTSTAMP).toBe(clock.now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, ''));
  }
  // The next step: the receipt check the day after sending.
  expect(events[0]['DTSTART;VALUE=DATE']).toBe('20260303');
  const due = events.find((e) => e.UID === `due-${INVOICE}@cobro`);
  expect(due['DTSTART;VALUE=DATE']).toBe('20260401');
  expect(due.SUMMARY).toContain('Talleres "Peña"\\, S.L.');
  // Exported again (a day later): the same UIDs, so a calendar updates instead of duplicating.
  await clock.set('2026-03-03');
  await agendaPage.open();
  const again = parseIcs(await agendaPage.downloadIcs());
  expect(again.map((e) => e.UID).sort()).toEqual([...uids].sort());
});

test('reports show the same numbers as `cobro report --json`', async ({ page, shell, clock, seed, reportsPage }) => {
  // Both files were made with the command-line tool (see fixtures/README.md).
  const expected = JSON.parse(readFileSync(FIXTURES + 'demo-2026-03-01.report.json', 'utf8'));
  await clock.set('2026-03-01');
  await seed.restore('demo-2026-03-01.json');
  await reportsPage.open();
  await reportsPage.period(expected.period.from, expected.period.to);
  const codes = Object.keys(expected.currencies);
  expect(codes.length).toBeGreaterThan(0);
  await expect(page.locator('.report-currency')).toHaveCount(codes.length);
  for (const code of codes) {
    const c = expected.currencies[code];
    const block = reportsPage.currency(code);
    await expect(block.locator('[data-kpi="outstanding"]')).toHaveAttribute('data-amount', c.outstanding);
    await expect(block.locator('[data-kpi="outstanding"]')).toHaveAttribute('data-count', String(c.open_count));
    await expect(block.locator('[data-kpi="overdue"]')).toHaveAttribute('data-amount', c.overdue);
    await expect(block.locator('[data-kpi="overdue"]')).toHaveAttribute('data-count', String(c.overdue_count));
    await expect(block.locator('[data-kpi="dso"]')).toHaveAttribute('data-value', c.dso ?? '');
    const buckets = { Current: 'current', Days1To30: 'days_1_30', Days31To60: 'days_31_60', Days61To90: 'days_61_90', Over90: 'over_90' };
    for (const [ui, key] of Object.entries(buckets)) {
      const row = block.locator(`tr[data-bucket="${ui}"]`);
      await expect(row).toHaveAttribute('data-amount', c.ageing[key].amount);
      await expect(row).toHaveAttribute('data-count', String(c.ageing[key].count));
      await expect(block.locator(`#ageing-${code} g.bar`).nth(Object.keys(buckets).indexOf(ui))).toHaveAttribute('data-value', c.ageing[key].amount);
    }
    await expect(block.locator('tr[data-expected="30"]')).toHaveAttribute('data-amount', c.expected.next_30_days.amount);
    const late = block.locator('table[data-table="late"] tbody tr');
    await expect(late).toHaveCount(c.top_late_payers.length);
    for (const [i, p] of c.top_late_payers.entries()) await expect(late.nth(i)).toHaveAttribute('data-amount', p.overdue);
    await expect(block.locator(`#dso-${code} g.point`)).toHaveCount(12);
  }
  const clients = page.locator('table[data-table="clients"] tbody tr');
  await expect(clients).toHaveCount(expected.clients.length);
  for (const [i, c] of expected.clients.entries()) {
    await expect(clients.nth(i)).toHaveAttribute('data-client', c.client_id);
    await expect(clients.nth(i)).toHaveAttribute('data-days', c.average_days_to_pay ?? '');
  }

  // The accountant's CSV: one row per issued document of the period, in both dialects.
  const data = JSON.parse(readFileSync(FIXTURES + 'demo-2026-03-01.json', 'utf8')).data;
  const inPeriod = (d) => d >= expected.period.from && d <= expected.period.to;
  const docs =
    data.invoices.filter((i) => i.number && inPeriod(i.issue_date)).length +
    data.credit_notes.filter((c) => c.number && inPeriod(c.issue_date)).length;
  const semi = await reportsPage.download('csv-invoices-semicolon');
  expect(semi.name).toBe(`cobro-invoices-${expected.period.from}-${expected.period.to}-es.csv`);
  expect(semi.text.startsWith('\uFEFFTipo;Número;Fecha')).toBe(true);
  expect(semi.text.split('\r\n').filter(Boolean)).toHaveLength(docs + 1);
  const pays = await reportsPage.download('csv-payments-comma');
  expect(pays.text.split('\r\n').filter(Boolean)).toHaveLength(data.payments.filter((p) => inPeriod(p.date)).length + 1);
});

/** Invoice numbers of `cobro agenda`'s two lists, in its order. */
function cliAgenda(text) {
  const [today, upcoming] = text.split(/\nupcoming[^\n]*\n/);
  const numbers = (part) => [...part.matchAll(/ ([A-Z]+\d{4}-\d{4}) /g)].map((m) => m[1]);
  return { today: numbers(today), upcoming: numbers(upcoming) };
}

test('the agenda lists the same invoices, in the same order, as `cobro agenda`', async ({ page, clock, seed, agendaPage }) => {
  const expected = cliAgenda(readFileSync(FIXTURES + 'demo-2026-03-01.agenda.txt', 'utf8'));
  expect(expected.today.length).toBeGreaterThan(3);
  await clock.set('2026-03-01');
  await seed.restore('demo-2026-03-01.json');
  await agendaPage.open();
  // The first 30 of each list are shown (all of them in this small demo).
  await expect(agendaPage.due).toHaveCount(Math.min(30, expected.today.length));
  expect(await agendaPage.due.evaluateAll((els) => els.map((e) => e.dataset.invoice))).toEqual(expected.today.slice(0, 30));
  expect(await agendaPage.upcoming.evaluateAll((els) => els.map((e) => e.dataset.invoice))).toEqual(expected.upcoming.slice(0, 30));
  // Late ones are marked; the one due today is not.
  await expect(agendaPage.due.first()).toHaveClass(/late/);
});

for (const [name, viewport] of [
  ['phone (360 px)', { width: 360, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
]) {
  test.describe(name, () => {
    test.use({ viewport });
    test('the agenda and reports fit and their buttons are thumb-sized', async ({ page, shell, clock, seed, agendaPage, collect, reportsPage }) => {
      await clock.set('2026-03-02');
      await seed.restore('collections-day0.json');
      await collect.open(INVOICE);
      await collect.markSent();
      // Nobody answered anything: four steps are due by the 10th of April, one card shows the
      // most advanced (the first reminder) and says which earlier ones it covers.
      await clock.set('2026-04-10');
      await agendaPage.open();
      await expect(agendaPage.due).toHaveCount(1);
      await expect(agendaPage.due.first()).toHaveAttribute('data-kind', 'reminder');
      await expect(agendaPage.due.first().locator('[data-why="supersedes"]')).toBeVisible();
      const first = agendaPage.due.first();
      for (const b of await first.locator('.ai-actions > *').all()) {
        expect((await b.boundingBox()).height).toBeGreaterThanOrEqual(44);
      }
      await first.locator('[data-action="done"]').click();
      await expect(first.locator('form[data-form="contact"]')).toBeVisible();
      const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(await overflow()).toBeLessThanOrEqual(0);
      await seed.restore('demo-2026-03-01.json');
      await reportsPage.open();
      await expect(page.locator('.report-currency').first()).toBeVisible();
      expect(await overflow()).toBeLessThanOrEqual(0);
    });
  });
}

test.describe('in English', () => {
  test.use({ locale: 'en-GB' });
  test('the agenda speaks English and the email follows the client language', async ({ page, shell, clock, seed, agendaPage, collect }) => {
    await clock.set('2026-03-02');
    await seed.restore('collections-day0.json');
    await collect.open(INVOICE);
    await expect(collect.status).toHaveText('Issued, not sent');
    await collect.markSent();
    await clock.set('2026-03-03');
    await agendaPage.open();
    const item = agendaPage.item('receipt_check', NUMBER);
    await expect(item.locator('.ai-kind')).toHaveText('Confirm receipt');
    await expect(item.locator('.ai-due')).toHaveText('due in 29 days');
    await expect(item).toContainText('€1,210.00');
    // The client writes Spanish: the email stays Spanish whatever the UI language.
    expect(decodeURIComponent(await item.locator('[data-action="email"]').getAttribute('href'))).toContain('pedido n.º');
    // Share shows only where the browser has a share sheet.
    const canShare = await page.evaluate(() => typeof navigator.share === 'function');
    await expect(item.locator('[data-action="share"]')).toHaveCount(canShare ? 1 : 0);
  });
});
