// The follow-up over months, with Playwright's clock (the browser's Date is the app's only
// clock): an invoice left alone from sending to due + 120 days has one card at a time, whose
// text is true on the day, then a re-contact; a dispute gets its review; a user back from a
// week away finds one card per invoice; a big book keeps the agenda light; the formal letter
// claims the statutory interest; closing facts end the follow-up; a broken promise and a part
// payment show on the card and in its text.
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { test, expect } from './pages/collections.mjs';

const INVOICE = 'inv-0001';
const NUMBER = 'F2026-0001';

/** The cards of the day: [kind, invoice number] in order. */
async function cards(agendaPage) {
  return agendaPage.due.evaluateAll((els) => els.map((e) => [e.dataset.kind, e.dataset.invoice]));
}

/** The text an email link carries, decoded. */
async function mailText(card) {
  return decodeURIComponent(await card.locator('[data-action="email"]').getAttribute('href'));
}

test('an invoice left alone from sending to due + 120 days has one card at a time, then a re-contact', async ({ page, clock, seed, agendaPage, collect }) => {
  test.setTimeout(240_000);
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  // Issued, not sent: the next day the invoice itself is the task.
  await clock.set('2026-03-03');
  await agendaPage.open();
  expect(await cards(agendaPage)).toEqual([['send_invoice', NUMBER]]);
  await collect.open(INVOICE);
  await collect.markSent('2026-03-02');

  // Due 1 April; nothing is ever done. Each visit shows one card, the most advanced step due.
  const expected = [
    ['2026-03-03', 'receipt_check'],
    ['2026-03-10', 'receipt_check'],
    ['2026-03-18', 'pre_due'],
    ['2026-04-01', 'due_day'],
    ['2026-04-05', 'due_day'],
    ['2026-04-08', 'reminder'],
    ['2026-04-22', 'reminder'],
    ['2026-05-16', 'formal_letter'],
    ['2026-05-31', 'escalation'],
    ['2026-06-29', 'escalation'],
    ['2026-06-30', 'recontact'],
    ['2026-07-30', 'recontact'],
  ];
  for (const [day, kind] of expected) {
    await clock.set(day);
    await agendaPage.open();
    expect(await cards(agendaPage), day).toEqual([[kind, NUMBER]]);
    const card = agendaPage.due.first();
    const text = await mailText(card);
    if (day === '2026-04-05') {
      // The due-day reminder opened four days late speaks of an overdue invoice.
      await expect(card.locator('.ai-due')).toHaveText('vencida hace 4 días');
      expect(text).toContain('4 días de retraso');
      expect(text).not.toContain('hoy');
    }
    if (day === '2026-04-22') {
      // No reminder was sent: this one does not call itself the second.
      expect(text).not.toContain('Segundo recordatorio');
      await expect(card.locator('[data-why="supersedes"]')).toContainText('Recordatorio');
    }
    if (day === '2026-06-30') {
      await expect(card.locator('.ai-kind')).toHaveText('Volver a contactar');
      await expect(card.locator('[data-why="supersedes"]')).toContainText('Escalar');
      expect(text).toContain('90 días de retraso');
    }
  }
  // The re-contact is done: the next one 30 days later, none in between.
  await agendaPage.markDone(agendaPage.item('recontact', NUMBER), { outcome: 'no_answer' });
  await collect.open(INVOICE);
  await expect(page.locator('#collect-next')).toContainText('29/08/2026');
  await expect(page.locator('#collect-steps > li[data-state="superseded"]')).toHaveCount(7);
});

test('an open dispute is reviewed fourteen days later, then every fourteen', async ({ page, clock, seed, agendaPage, collect }) => {
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await collect.open(INVOICE);
  await collect.markSent();
  await clock.set('2026-04-05');
  await collect.open(INVOICE);
  await collect.action('log-contact');
  const form = collect.root.locator('form[data-form="contact"]');
  await form.locator('[data-field="outcome"]').selectOption('disputed');
  await form.locator('[data-field="reason"]').fill('Horas no acordadas');
  await form.locator('[data-action="save"]').click();
  await expect(collect.status).toHaveAttribute('data-status', 'Disputed');
  await expect(page.locator('#collect-next')).toHaveAttribute('data-kind', 'dispute_review');

  await clock.set('2026-04-18');
  await agendaPage.open();
  await expect(agendaPage.empty).toBeVisible();
  await clock.set('2026-04-19');
  await agendaPage.open();
  expect(await cards(agendaPage)).toEqual([['dispute_review', NUMBER]]);
  const review = agendaPage.item('dispute_review', NUMBER);
  await expect(review.locator('[data-why="dispute"]')).toContainText('Horas no acordadas');
  expect(await mailText(review)).toContain('la incidencia que nos comunicó el 05/04/2026 (Horas no acordadas)');
  await agendaPage.markDone(review, { outcome: 'other', note: 'Lo están revisando' });
  await clock.set('2026-05-02');
  await agendaPage.open();
  await expect(agendaPage.empty).toBeVisible();
  await clock.set('2026-05-03');
  await agendaPage.open();
  expect(await cards(agendaPage)).toEqual([['dispute_review', NUMBER]]);
});

test('a promise broken, then a part payment: the card says what came last and what is owed, its text what is true', async ({ page, clock, seed, agendaPage, collect }) => {
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await collect.open(INVOICE);
  await collect.markSent();
  // Four days late, the client promises to pay on 10 April.
  await clock.set('2026-04-05');
  await agendaPage.open();
  await agendaPage.markDone(agendaPage.item('due_day', NUMBER), { outcome: 'promised_to_pay', promised: '2026-04-10' });
  // Nothing to do until the promise is due: the check is coming up the day after it.
  await clock.set('2026-04-10');
  await agendaPage.open();
  await expect(agendaPage.empty).toBeVisible();
  await expect(agendaPage.upcoming).toHaveCount(1);
  await expect(agendaPage.upcoming.first()).toHaveAttribute('data-kind', 'promise_check');
  // The promise passed unpaid.
  await clock.set('2026-04-11');
  await agendaPage.open();
  expect(await cards(agendaPage)).toEqual([['promise_check', NUMBER]]);
  let card = agendaPage.due.first();
  await expect(card.locator('[data-why="promises"]')).toHaveText('1 promesa de pago incumplida');
  let text = await mailText(card);
  expect(text).toContain('el pago estaba previsto para el 10/04/2026, pero todavía no lo he recibido');
  // A part arrives the same day: the card and its text follow it at once.
  await collect.open(INVOICE);
  await collect.recordPayment('500');
  await agendaPage.open();
  card = agendaPage.due.first();
  await expect(card).toHaveAttribute('data-owed', '710.00');
  await expect(card.locator('[data-why="last"]')).toHaveText('Último: cobro parcial de 500,00 €, el 11/04/2026');
  text = await mailText(card);
  expect(text).toContain('he recibido una parte, pero siguen pendientes 710,00 €');
  expect(text).not.toContain('todavía no lo he recibido');
  // Left alone until the reminder at due + 21: it covers the promise check and names the
  // broken promise; no reminder went out before, so it is not "the second".
  await clock.set('2026-04-22');
  await agendaPage.open();
  expect(await cards(agendaPage)).toEqual([['reminder', NUMBER]]);
  card = agendaPage.due.first();
  await expect(card.locator('[data-why="supersedes"]')).toContainText('Comprobar promesa de pago');
  text = await mailText(card);
  expect(text).toContain('710,00 €, con 21 días de retraso');
  expect(text).toContain('El pago que se comprometió a realizar el 10/04/2026 no ha llegado.');
  expect(text).not.toContain('Segundo recordatorio');
});

test('back from a week away, every invoice has one card, the most advanced step', async ({ page, seed, agendaPage }) => {
  await page.clock.install({ time: new Date('2026-03-01T10:00:00') });
  await seed.restore('demo-2026-03-01.json');
  await agendaPage.open();
  const before = await cards(agendaPage);
  expect(before.length).toBeGreaterThan(3);
  // A week away: the clock runs on, nothing is done meanwhile.
  await page.clock.fastForward(7 * 24 * 3600 * 1000);
  await agendaPage.open();
  const after = await cards(agendaPage);
  const invoices = after.map(([, number]) => number);
  expect(new Set(invoices).size, 'one card per invoice').toBe(invoices.length);
  expect(after.length).toBeGreaterThan(before.length);
  // Every invoice of the first visit is still there (nothing was done), once.
  for (const [, number] of before) expect(invoices).toContain(number);
  // A card that overtook earlier steps says which.
  await expect(agendaPage.due.locator('[data-why="supersedes"]').first()).toBeVisible();
});

test('closing facts end the follow-up and the formal letter claims the statutory interest', async ({ page, clock, seed, agendaPage, collect }) => {
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await collect.open(INVOICE);
  await collect.markSent();
  // 45 days late: the formal letter, printable, with interest at 10,15 % and 40 €.
  await clock.set('2026-05-16');
  await agendaPage.open();
  const letterCard = agendaPage.item('formal_letter', NUMBER);
  await letterCard.locator('[data-action="letter"]').click();
  const doc = page.locator('#letter-doc');
  await expect(doc).toBeVisible();
  // Drawn by the one document component: the client as the recipient, a row per invoice.
  await expect(doc).toHaveAttribute('data-kind', 'letter');
  await expect(doc.locator('#doc-buyer')).toContainText('Talleres "Peña", S.L.');
  // 1 210 € × 10,15 % × 45 / 365 = 15,14 €; + 40 € compensation.
  const row = doc.locator(`tr[data-key="${NUMBER}"]`);
  await expect(row.locator('[data-cell="interest"]')).toHaveText('15,14 €');
  await expect(doc.locator('#total-amount')).toHaveText('1.265,14 €');
  await expect(doc).toContainText('Ley 3/2004');
  await expect(doc).toContainText('Primer semestre de 2026: 10,15 % anual');
  // Printed to A4 as the browser prints it: the app's chrome stays off the page.
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');

  // Handed to a lawyer: off the agenda, counted apart; reopened: back on it at once.
  await collect.open(INVOICE);
  await collect.action('close-follow-up');
  const close = collect.root.locator('form[data-form="close"]');
  await close.locator('[data-field="closing"]').selectOption('handed_to_legal');
  await close.locator('[data-action="save"]').click();
  await expect(close.locator('[role="alert"]')).toBeVisible();
  await close.locator('[data-field="note"]').fill('Bufete Ruiz, expediente 12/2026');
  await close.locator('[data-action="save"]').click();
  await expect(page.locator('#collect-closed')).toHaveAttribute('data-closure', 'legal');
  await agendaPage.open();
  await expect(agendaPage.empty).toBeVisible();
  await expect(page.locator('#agenda-legal')).toHaveAttribute('data-count', '1');
  // An hour later the agency gives it back (the latest closing fact of the day wins).
  await page.clock.setFixedTime(new Date('2026-05-16T11:00:00'));
  await collect.open(INVOICE);
  await collect.action('reopen-follow-up');
  const reopen = collect.root.locator('form[data-form="reopen"]');
  await reopen.locator('[data-field="note"]').fill('La agencia la devuelve');
  await reopen.locator('[data-action="save"]').click();
  await expect(page.locator('#collect-closed')).toHaveCount(0);
  // The closing closed every open step: the follow-up resumes that day with a re-contact.
  await agendaPage.open();
  expect(await cards(agendaPage)).toEqual([['recontact', NUMBER]]);
});

test('the follow-up settings and the semester rates are saved and travel in the backup', async ({ page, clock, seed, backup }) => {
  await clock.set('2026-03-02');
  await seed.restore('collections-day0.json');
  await page.goto('./#/settings');
  const form = page.locator('#collections-settings');
  await expect(form).toBeVisible();
  await form.locator('#set-recontact').fill('21');
  await form.locator('#set-late-claim').uncheck();
  await form.locator('#add-rate').click();
  const row = form.locator('#rates-table tbody tr').first();
  await expect(row.locator('[data-field="year"]')).toHaveValue('2026');
  await row.locator('[data-field="rate"]').fill('9,75');
  await row.locator('[data-field="source"]').fill('BOE de julio de 2026');
  await form.locator('#collections-settings-save').click();
  await expect(page.locator('#collections-settings-saved')).toBeVisible();
  await backup.open();
  const { text } = await backup.download();
  expect(text).toContain('"recontact_every":21');
  expect(text).toContain('"late_payment_claim":false');
  expect(text).toContain('{"year":2026,"half":2,"rate_pct":"9.75","source":"BOE de julio de 2026"}');
  // Only the rate the user entered is written: the shipped ones stay out of the file.
  expect(text.match(/"rate_pct"/g)).toHaveLength(1);
});

const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs the command-line tool (the built one, else through cargo) and returns its output. */
function cobro(args) {
  const built = ['target/release/cobro', 'target/debug/cobro'].map((p) => ROOT + p).find(existsSync);
  return built
    ? execFileSync(built, args, { maxBuffer: 1 << 30 })
    : execFileSync('cargo', ['run', '--quiet', '-p', 'cobro-core', '--bin', 'cobro', '--', ...args], { cwd: ROOT, maxBuffer: 1 << 30 });
}

/** The 10 000-invoice demo backup of the issue (`cobro demo`), made with the command-line tool. */
function bigDemo(dir) {
  const file = `${dir}/demo-10k.json`;
  if (!existsSync(file)) {
    writeFileSync(file, cobro(['demo', '--clients', '1000', '--invoices', '10000', '--seed', '7', '--today', '2026-03-01']));
  }
  return file;
}

test('with 10 000 invoices the agenda stays light: 30 cards at a time, under 3 000 elements', async ({ page, clock, backup, agendaPage }, info) => {
  test.setTimeout(300_000);
  const file = bigDemo(info.project.outputDir);
  const expectedCards = JSON.parse(cobro(['agenda', file, '--today', '2026-03-01', '--json']));
  await clock.set('2026-03-01');
  await backup.open();
  await backup.restore(file, 'replace');
  await agendaPage.open();
  await expect(agendaPage.due).toHaveCount(30);
  await expect(page.locator('#agenda-today .count')).toHaveAttribute('data-count', String(expectedCards.agenda.length));
  // The same order as `cobro agenda`.
  const numbers = await agendaPage.due.evaluateAll((els) => els.map((e) => e.dataset.invoice));
  expect(numbers).toEqual(expectedCards.agenda.slice(0, 30).map((r) => r.invoice));
  const elements = () => page.evaluate(() => document.getElementsByTagName('*').length);
  expect(await elements()).toBeLessThan(3000);
  // A tap opens the card's form at once (nothing else is rebuilt), and "show more" adds 30.
  await agendaPage.due.first().locator('[data-action="done"]').click();
  await expect(agendaPage.due.first().locator('form[data-form="contact"]')).toBeVisible();
  await page.locator('#more-due').click();
  await expect(agendaPage.due).toHaveCount(60);
  expect(await elements()).toBeLessThan(3000);
  await expect(page.locator('#agenda-legal')).toHaveAttribute('data-count', String(expectedCards.with_legal));
});
