// Reliability end to end: a page closed in the middle of a write, two tabs issuing at
// once, and a full disk. What the database holds afterwards is read straight from
// IndexedDB, so a screen that merely looks right cannot hide a half-written record.
import { BackupScreen, Shell } from './fixtures.mjs';
import { test, expect } from './pages/invoicing.mjs';
import { FIXTURES, fixture, sealed, withDrafts, onlyDrafts, readStore, idsInDb, idsInFile, expectWholeNumbering, fillQuota, freeFiller } from './pages/data.mjs';

/** Open a fresh tab of the same browser (same database) on a route. */
async function reopen(context, route) {
  const tab = await context.newPage();
  await tab.goto(route);
  await expect(tab.getByRole('navigation')).toBeVisible();
  return tab;
}

/** The parts of an invoice a half-written issue could lose (everything but number and stamp). */
const body = (i) => ({
  client: i.client_id,
  issue: i.issue_date,
  due: i.due_date,
  series: i.series_id,
  // Amounts compared by value: the editor writes "100" for the file's "100.00".
  lines: i.lines.map((l) => ({ ...l, quantity: Number(l.quantity), unit_price: Number(l.unit_price), discount_pct: Number(l.discount_pct) })),
});

test('a page closed in the middle of a large import leaves all the old data or all the new', async ({ backup, context }) => {
  test.setTimeout(150_000);
  const small = { file: FIXTURES + 'small-backup.json', doc: fixture('small-backup.json') };
  const demo = { file: FIXTURES + 'demo-2026-03-01.json', doc: fixture('demo-2026-03-01.json') };
  expect(idsInFile(small.doc)).not.toEqual(idsInFile(demo.doc));
  await backup.open();
  await backup.restore(small.file);
  let current = small;
  let tab = backup.page;
  const seen = [];
  // From "closed at once" to "closed well after the click": some land before the commit,
  // some after; none may land in between.
  for (const delay of [0, 20, 60, 120, 250, 500, 1000]) {
    const next = current === small ? demo : small;
    const screen = new BackupScreen(tab, new Shell(tab), 'backup');
    await screen.choose(next.file);
    await expect(screen.preview).toBeVisible();
    await screen.replaceButton.click();
    if (delay) await tab.waitForTimeout(delay);
    await tab.close();

    tab = await reopen(context, './#/backup');
    const ids = await idsInDb(tab);
    const which = JSON.stringify(ids) === JSON.stringify(idsInFile(next.doc)) ? 'new' : 'old';
    expect(ids, `closed ${delay} ms after the click: exactly the old or the new records`).toEqual(idsInFile((which === 'new' ? next : current).doc));
    const profile = await readStore(tab, 'meta').then((m) => m.find((r) => r.name !== undefined && r.tax_id !== undefined));
    expect(profile.name).toBe((which === 'new' ? next : current).doc.data.profile.name);
    await expectWholeNumbering(tab);
    // The screen agrees with the database.
    await expect(tab.locator('#stored-counts [data-store="Invoices"] dd')).toHaveText(String(ids.invoices.length));
    seen.push(`${delay} ms: ${which}`);
    if (which === 'new') current = next;
  }
  // Which outcome a delay gives depends on the machine (a fast one commits before even an
  // immediate close), so only "old or new, never between" is asserted; the rolled-back
  // path itself is proved by the fault-injection browser tests (tests/storage.rs).
  test.info().annotations.push({ type: 'outcomes', description: seen.join(', ') });
});

test('a page closed in the middle of issuing leaves a whole draft or a whole invoice, and no gap', async ({ backup, context }) => {
  test.setTimeout(120_000);
  const doc = withDrafts(fixture('small-backup.json'), 8);
  const drafts = Object.fromEntries(doc.data.invoices.filter((i) => i.number === null).map((i) => [i.id, body(i)]));
  await backup.open();
  await backup.restore(sealed(doc));
  // What this test is about starts once the app shows the restored data. Twice in ~300 runs
  // the editor opened at once said draft-000 was not there while the database held it (see
  // the message below): a screen that lags after a restore, a known open bug, not a loss.
  await expect(backup.count('Invoices')).toHaveText(String(doc.data.invoices.length));
  let tab = backup.page;
  const delays = [0, 5, 15, 30, 60, 100, 200];
  for (const [k, delay] of delays.entries()) {
    await tab.goto(`./#/invoices/draft-00${k}/edit`);
    await expect(tab.locator('#inv-client'))
      .toHaveValue(doc.data.clients.find((c) => !c.po_required).id)
      .catch(async (e) => {
        // Seen once in ~150 runs under load: the editor said the draft was not there. Name
        // what the database held then, to tell a lost record from a screen that lagged.
        const held = (await readStore(tab, 'invoices')).filter((i) => i.id.startsWith('draft-'));
        const when = k === 0 ? 'right after the restore' : `after a close ${delays[k - 1]} ms into issuing draft-00${k - 1}`;
        e.message += `\n${when}, the database holds: ${held.map((i) => `${i.id} ${i.number ?? 'draft'}`).join(', ')}`;
        throw e;
      });
    await tab.locator('#issue-invoice').click();
    await tab.locator('#confirm-issue').click();
    if (delay) await tab.waitForTimeout(delay);
    await tab.close();
    tab = await reopen(context, './#/invoices');
  }
  const before = await expectWholeNumbering(tab);
  const invoices = await readStore(tab, 'invoices');
  for (const [id, draft] of Object.entries(drafts)) {
    const stored = invoices.find((i) => i.id === id);
    expect(stored, `${id} still exists`).toBeDefined();
    expect(body(stored), `${id} is whole (${stored.number ?? 'draft'})`).toEqual(draft);
  }
  const issuedNow = invoices.filter((i) => i.id.startsWith('draft-') && i.number !== null).length;
  test.info().annotations.push({ type: 'issued before the close', description: `${issuedNow} of ${delays.length}` });

  // The next issue continues the series right after the last number stored.
  await tab.goto('./#/invoices/draft-007/edit');
  await expect(tab.locator('#issue-invoice')).toBeEnabled();
  await tab.locator('#issue-invoice').click();
  await tab.locator('#confirm-issue').click();
  const year = (n) => before.filter((i) => i.number.startsWith('F2026-')).length + n;
  await expect(tab.locator('#doc-number')).toHaveText(`F2026-${String(year(1)).padStart(4, '0')}`);
  await expectWholeNumbering(tab);
});

test('two tabs issuing 50 invoices each at the same time get 100 distinct, consecutive numbers', async ({ backup, context }) => {
  test.setTimeout(300_000);
  const doc = onlyDrafts(withDrafts(fixture('small-backup.json'), 100));
  await backup.open();
  await backup.restore(sealed(doc));
  const other = await reopen(context, './#/invoices');
  const tabs = [backup.page, other];
  const issueAll = async (tab, ids) => {
    for (const id of ids) {
      await tab.goto(`./#/invoices/${id}/edit`);
      await expect(tab.locator('#issue-invoice')).toBeEnabled();
      await tab.locator('#issue-invoice').click();
      await tab.locator('#confirm-issue').click();
      await expect(tab.locator('#doc-number')).toHaveText(/^F2026-\d{4}$/);
    }
  };
  const ids = Array.from({ length: 100 }, (_, i) => `draft-${String(i).padStart(3, '0')}`);
  // Interleaved halves, so both tabs work through the whole run at once.
  await Promise.all(tabs.map((tab, t) => issueAll(tab, ids.filter((_, i) => i % 2 === t))));

  const invoices = await readStore(other, 'invoices');
  const numbers = invoices.filter((i) => i.id.startsWith('draft-')).map((i) => i.number);
  expect(numbers).not.toContain(null);
  const seq = numbers.map((n) => Number(n.slice('F2026-'.length))).sort((a, b) => a - b);
  expect(new Set(seq).size).toBe(100);
  expect(seq).toEqual(Array.from({ length: 100 }, (_, i) => 1 + i));
  await expectWholeNumbering(other);
  // Both tabs show all of them.
  for (const tab of tabs) {
    await tab.goto('./#/backup');
    await expect(tab.locator('#stored-counts [data-store="Invoices"] dd')).toHaveText(String(doc.data.invoices.length));
  }
});

test('a full disk during a write says so plainly and loses nothing already saved', async ({ shell, backup, clientForm, page, context, baseURL }) => {
  await backup.open();
  // The service worker's precache (every module of the build) counts against the same
  // quota: measured while it is still filling, the margin below goes to it and the restore
  // fails instead of the write this test is about.
  await shell.waitForServiceWorker();
  // Chromium's own quota, lowered to a little more than the saved data will need: the
  // next large write fails with a real QuotaExceededError from IndexedDB. (Chromium
  // caches the space left from a bucket's first write, so the limit is set before it.)
  const cdp = await context.newCDPSession(page);
  const origin = new URL(baseURL).origin;
  const { usage } = await page.evaluate(() => navigator.storage.estimate());
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: usage + 1024 * 1024 });
  await backup.restore(FIXTURES + 'small-backup.json');
  const before = await idsInDb(page);

  await page.goto('./#/clients/new');
  await expect(page.locator('[data-page="client-edit"]')).toBeVisible();
  // Nothing left: the filler takes the space the saved data does not use.
  expect(await fillQuota(page)).toBeGreaterThan(0);
  await page.locator('#client-name').fill('Cliente Grande SL');
  await page.locator('#client-notes').fill('nota '.repeat(700));
  await page.locator('#client-save').click();
  const error = page.locator('#client-error');
  await expect(error).toContainText('no tiene más espacio');
  await expect(error).toContainText('sigue intacto');
  await expect(error).toContainText('copia de seguridad');
  await expect(page.locator('[data-page="client-edit"]')).toBeVisible();

  // A large import fails the same way, as one transaction: nothing of it lands.
  const big = fixture('demo-2026-03-01.json');
  // Texts over 1 MiB are refused before any write: spread the bulk over several clients.
  for (const c of big.data.clients.slice(0, 4)) c.notes = 'x'.repeat(900_000);
  await backup.open();
  await backup.choose(sealed(big, 'big.json'));
  await expect(backup.preview).toBeVisible();
  await backup.replaceButton.click();
  await expect(backup.outcome).toHaveClass(/error/);
  await expect(backup.outcome).toContainText('no tiene más espacio');

  // The backup that gets the user out of this is still made, with every record in it.
  const { name, text } = await backup.download();
  expect(name).toMatch(/^cobro-backup-\d{4}-\d{2}-\d{2}\.json$/);
  await expect(backup.outcome).toHaveClass(/ok/);
  await expect(backup.outcome).toContainText('Copia descargada');
  expect(idsInFile(JSON.parse(text))).toEqual(before);

  await page.reload();
  await expect(backup.count('Invoices')).toHaveText('30');
  expect(await idsInDb(page)).toEqual(before);
  await expectWholeNumbering(page);

  // With the space back, the same save goes through: it was the disk, nothing else.
  await cdp.send('Storage.overrideQuotaForOrigin', { origin });
  await freeFiller(page);
  await clientForm.create({ name: 'Cliente Grande SL', taxId: 'B12345674', apName: 'Ana', apEmail: 'ana@example.es', instructions: 'nota '.repeat(700), terms: 30 });
  expect((await idsInDb(page)).clients).toHaveLength(before.clients.length + 1);
});
