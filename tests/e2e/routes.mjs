// Every screen and document of the app, in one list: the layout checks (layout.spec.mjs)
// walk it at both widths and in both languages, and scripts/screens.sh renders it into a
// folder for people to look at. A new screen is one entry here.
//
//   name      file name and test title
//   path(ids) the hash route, given the ids of the demo records (see `demoIds`); null when
//             the demo has no such record
//   ready     what is on screen once the screen has its data
//   document  the element of a printable document, printed to PDF by the screens script
import { readStore } from './pages/data.mjs';

export const SCREENS = [
  { name: 'agenda', path: () => '#/agenda', ready: '[data-page="agenda"] #agenda-today' },
  { name: 'agenda-invoice', path: (ids) => `#/agenda/invoice/${ids.openInvoice}`, ready: '#collect-status' },
  { name: 'letter', path: (ids) => ids.letter && `#/agenda/letter/${ids.letter}`, ready: '#letter-doc', document: '#letter-doc' },
  { name: 'invoices', path: () => '#/invoices', ready: '#invoice-list .doc-row' },
  { name: 'invoice-new', path: () => '#/invoices/new', ready: '#inv-client' },
  { name: 'invoice-new-for-client', path: (ids) => `#/invoices/new?client=${ids.client}`, ready: '#inv-client' },
  { name: 'invoice-draft', path: (ids) => ids.draftInvoice && `#/invoices/${ids.draftInvoice}/edit`, ready: '#inv-client' },
  { name: 'invoice', path: (ids) => `#/invoices/${ids.invoice}`, ready: '#invoice-doc', document: '#invoice-doc' },
  {
    name: 'credit-note',
    path: (ids) => ids.creditNote && `#/invoices/credit-notes/${ids.creditNote}`,
    ready: '#credit-note-doc',
    document: '#credit-note-doc',
  },
  { name: 'quotes', path: () => '#/quotes', ready: '#quote-list .doc-row' },
  { name: 'quote-new', path: () => '#/quotes/new', ready: '#quote-client' },
  { name: 'quote-draft', path: (ids) => ids.draftQuote && `#/quotes/${ids.draftQuote}/edit`, ready: '#quote-client' },
  { name: 'quote', path: (ids) => `#/quotes/${ids.quote}`, ready: '#quote-doc', document: '#quote-doc' },
  { name: 'clients', path: () => '#/clients', ready: '[data-page="clients"]' },
  { name: 'client-new', path: () => '#/clients/new', ready: '[data-page="client-edit"]' },
  { name: 'client', path: (ids) => `#/clients/${ids.client}`, ready: '[data-page="client-view"]' },
  { name: 'client-edit', path: (ids) => `#/clients/${ids.client}/edit`, ready: '#client-form' },
  { name: 'recurring', path: () => '#/recurring', ready: '[data-page="recurring"] #schedules' },
  { name: 'recurring-new', path: () => '#/recurring/new', ready: '#schedule-form' },
  { name: 'recurring-from-invoice', path: (ids) => `#/recurring/new/${ids.openInvoice}`, ready: '#schedule-form' },
  { name: 'recurring-edit', path: (ids) => ids.schedule && `#/recurring/${ids.schedule}`, ready: '#schedule-form' },
  { name: 'reports', path: () => '#/reports', ready: '[data-page="reports"]' },
  { name: 'taxes', path: () => '#/taxes', ready: '[data-page="taxes"] #tax-csv-heading', document: '[data-page="taxes"]' },
  { name: 'settings', path: () => '#/settings', ready: '[data-page="settings"] #catalogue' },
  { name: 'backup', path: () => '#/backup', ready: '[data-page="backup"] #stored-counts' },
];

/**
 * An invoice whose client gets a formal letter today: the app is asked (the letter's page
 * says when there is nothing to claim), overdue invoices without payments first.
 */
async function letterInvoice(page, invoices) {
  const payments = await readStore(page, 'payments');
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  });
  const paid = new Set(payments.map((p) => p.invoice_id));
  const overdue = invoices
    .filter((i) => i.number !== null && !i.cancelled_by && i.due_date < today)
    .sort((a, b) => paid.has(a.id) - paid.has(b.id) || a.due_date.localeCompare(b.due_date));
  for (const inv of overdue.slice(0, 8)) {
    await page.goto(`#/agenda/letter/${inv.id}`);
    await page.locator('#letter-doc, #no-letter').first().waitFor();
    if (await page.locator('#letter-doc').count()) return inv.id;
  }
  return null;
}

/**
 * The ids the routes need, read from the database the demo filled: a draft and an issued
 * invoice (the one with the most lines, corrected by a credit note when one is), a credit
 * note, a draft and a numbered quote, a client with invoices, a recurring schedule, an
 * invoice whose client gets a formal letter.
 */
export async function demoIds(page) {
  const invoices = await readStore(page, 'invoices');
  const notes = await readStore(page, 'credit_notes');
  const quotes = await readStore(page, 'quotes');
  const schedules = await readStore(page, 'recurring');
  const issued = invoices.filter((i) => i.number !== null);
  const corrected = issued.find((i) => notes.some((n) => n.invoice_id === i.id));
  const longest = [...issued].sort((a, b) => b.lines.length - a.lines.length)[0];
  const invoice = (corrected ?? longest).id;
  return {
    invoice,
    draftInvoice: invoices.find((i) => i.number === null)?.id ?? null,
    openInvoice: issued.find((i) => !i.cancelled_by)?.id,
    creditNote: notes.find((n) => n.number !== null)?.id ?? null,
    quote: (quotes.find((q) => q.number !== null) ?? quotes[0])?.id,
    draftQuote: quotes.find((q) => q.state.state === 'draft')?.id ?? null,
    client: invoices.find((i) => i.id === invoice).client_id,
    schedule: schedules[0]?.id ?? null,
    letter: await letterInvoice(page, invoices),
  };
}

/** Open the app on a fresh profile, load the demo data from the first run, return its ids. */
export async function loadDemo(page) {
  await page.goto('./');
  await page.locator('#load-demo').click();
  await page.locator('[data-page="agenda"] #agenda-today').waitFor();
  return demoIds(page);
}

/** The demo's ids, with a draft invoice written through the editor when the demo has none. */
export async function withDraft(page, ids) {
  if (ids.draftInvoice) return ids;
  await page.goto(`#/invoices/new?client=${ids.client}`);
  const line = page.locator('.line-row').first();
  await line.locator('.line-description').fill('Maquetación del catálogo de primavera');
  await line.locator('.line-price').fill('640');
  await page.locator('#save-state').filter({ hasText: /Borrador guardado|Draft saved/ }).waitFor();
  return demoIds(page);
}
