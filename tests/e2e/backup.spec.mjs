// Backups end to end: restore with a preview, data that survives reloads, rejected
// and hand-edited files, and export → import in a fresh browser → the same data.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.mjs';

const FIXTURE = new URL('./fixtures/small-backup.json', import.meta.url).pathname;
const fixtureText = () => readFileSync(FIXTURE, 'utf8');

test('a restored backup is previewed, replaces the data and survives a reload', async ({ backup, page }) => {
  await backup.open();
  await expect(backup.count('Invoices')).toHaveText('0');
  await backup.choose(FIXTURE);
  await expect(backup.inFile('Invoices')).toHaveText('30');
  await expect(backup.inFile('Clients')).toHaveText('5');
  await expect(page.locator('#import-range')).toContainText('2023');
  await backup.replaceButton.click();
  await expect(backup.outcome).toHaveText('Copia restaurada.');
  await expect(backup.count('Invoices')).toHaveText('30');
  await expect(backup.count('Payments')).toHaveText('22');
  await page.reload();
  await expect(backup.count('Invoices')).toHaveText('30');
  await expect(backup.count('Clients')).toHaveText('5');
});

test('a rejected file shows every reason and changes nothing', async ({ backup }) => {
  await backup.open();
  await backup.restore(FIXTURE);
  const doc = JSON.parse(fixtureText());
  doc.data.invoices[0].client_id = 'no-such-client';
  doc.data.payments[0].amount = '-5.00';
  await backup.choose({ name: 'broken.json', buffer: Buffer.from(JSON.stringify(doc)) });
  await expect(backup.problems).toBeVisible();
  // Each reason with its place in words, in Spanish.
  await expect(backup.problems).toContainText('Factura 1, cliente: Se refiere a un registro de tipo cliente («no-such-client») que no existe.');
  await expect(backup.problems).toContainText('Cobro 1, importe: El importe debe ser mayor que cero, no -5.');
  await expect(backup.preview).toBeHidden();
  await expect(backup.replaceButton).toHaveCount(0);
  await backup.choose({ name: 'truncated.json', buffer: Buffer.from(fixtureText().slice(0, 500)) });
  await expect(backup.problems.locator('li')).toHaveCount(1);
  await expect(backup.count('Invoices')).toHaveText('30');
  await expect(backup.count('Clients')).toHaveText('5');
});

test('a backup edited by hand is refused until the user accepts it knowingly', async ({ backup, page }) => {
  await backup.open();
  const doc = JSON.parse(fixtureText());
  doc.data.clients[0].notes = 'edited by hand';
  await backup.choose({ name: 'edited.json', buffer: Buffer.from(JSON.stringify(doc, null, 2)) });
  await expect(backup.problems).toContainText('suma de control');
  await expect(backup.preview).toBeHidden();
  await backup.acceptEdited.click();
  await expect(backup.preview).toBeVisible();
  await backup.replaceButton.click();
  await expect(backup.outcome).toHaveClass(/ok/);
  await expect(backup.count('Clients')).toHaveText('5');
  await expect(page.locator('#import-problems')).toBeHidden();
});

test('export, then import in a fresh browser, gives the same data', async ({ backup, browser, baseURL }) => {
  await backup.open();
  await backup.restore(FIXTURE);
  await expect(backup.lastBackup).toContainText('Todavía no');
  const first = await backup.download();
  expect(first.name).toMatch(/^cobro-backup-\d{4}-\d{2}-\d{2}\.json$/);
  const exported = JSON.parse(first.text);
  expect(exported.format).toBe('cobro-backup');
  expect(exported.data.invoices).toHaveLength(30);
  await expect(backup.lastBackup).toContainText('Última copia: hoy.');

  // A second device: a brand-new browser context with an empty database.
  const context = await browser.newContext({ baseURL, locale: 'es-ES' });
  try {
    const page = await context.newPage();
    await page.goto('./#/backup');
    await expect(page.locator('#stored-counts [data-store="Invoices"] dd')).toHaveText('0');
    await page.locator('#import-file').setInputFiles({ name: first.name, mimeType: 'application/json', buffer: Buffer.from(first.text) });
    await page.locator('#import-replace').click();
    await expect(page.locator('#backup-outcome')).toHaveClass(/ok/);
    await expect(page.locator('#stored-counts [data-store="Invoices"] dd')).toHaveText('30');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#export-button').click()]);
    const second = JSON.parse(readFileSync(await download.path(), 'utf8'));
    // Same records, same checksum; only the export's own metadata differs.
    expect(second.sha256).toBe(exported.sha256);
    const strip = (d) => ({ ...d, settings: { ...d.settings, last_export_at: null } });
    expect(strip(second.data)).toEqual(strip(exported.data));
  } finally {
    await context.close();
  }
});

test('merging the same backup again changes nothing', async ({ backup }) => {
  await backup.open();
  await backup.restore(FIXTURE);
  await backup.choose(FIXTURE);
  await expect(backup.preview.locator('tr[data-store="Invoices"] td').nth(1)).toHaveText('0');
  await backup.mergeButton.click();
  await expect(backup.outcome).toHaveClass(/ok/);
  await expect(backup.count('Invoices')).toHaveText('30');
});

test('a write in one tab refreshes the others', async ({ backup, context }) => {
  await backup.open();
  const other = await context.newPage();
  await other.goto('./#/backup');
  const otherCount = other.locator('#stored-counts [data-store="Invoices"] dd');
  await expect(otherCount).toHaveText('0');
  await backup.restore(FIXTURE);
  await expect(otherCount).toHaveText('30');
  await other.close();
});

test('a newer version opened in another tab closes this one with a message', async ({ backup, context }) => {
  await backup.open();
  await expect(backup.count('Invoices')).toHaveText('0');
  const other = await context.newPage();
  // A bare file of the origin, not the app; the browser's own favicon probe for it is
  // answered here so it cannot count as the app's 404.
  await other.route('**/favicon.ico', (route) => route.fulfill({ status: 204 }));
  await other.goto('./manifest.webmanifest');
  // What a newer build does on first open: ask for a higher schema version.
  const opened = await other.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('cobro', 1000);
        req.onsuccess = () => {
          req.result.close();
          resolve(true);
        };
        req.onerror = () => reject(req.error?.message);
        req.onblocked = () => reject('blocked: the old tab kept its connection open');
      })
  );
  expect(opened).toBe(true);
  await expect(backup.page.locator('#upgraded-elsewhere')).toBeVisible();
  await expect(backup.page.locator('#upgraded-elsewhere')).toContainText('otra pestaña');
  await other.close();
});

test('a hand-edited export names what changed and imports only once accepted', async ({ backup, page }) => {
  await backup.open();
  await backup.restore(FIXTURE);
  const exported = await backup.download();
  const doc = JSON.parse(exported.text);
  expect(Object.keys(doc.digests)).toContain('invoices');
  const paymentId = doc.data.payments[0].id;
  const amount = doc.data.payments[0].amount;
  expect(amount).not.toBe('1.00');
  // Edited as in a text editor: two records changed where they stand, every other byte kept.
  const edit = (text, record, patch) => text.replace(JSON.stringify(record), JSON.stringify({ ...record, ...patch }));
  let text = edit(exported.text, doc.data.payments[0], { amount: '1.00' });
  text = edit(text, doc.data.invoices[0], { notes: 'edited by hand' });
  expect(text).not.toBe(exported.text);
  await backup.choose({ name: 'edited.json', buffer: Buffer.from(text) });
  await expect(page.locator('#edited-stores')).toHaveText('Editado después de exportar: Facturas, Cobros.');
  await expect(backup.preview).toBeHidden();
  await expect(backup.replaceButton).toHaveCount(0);
  // Nothing changed: the data is still the export's (apart from the export's own stamp).
  const unchanged = JSON.parse((await backup.download()).text);
  expect(strip(unchanged.data)).toEqual(strip(JSON.parse(exported.text).data));
  expect(unchanged.data.payments.find((p) => p.id === paymentId).amount).toBe(amount);

  await backup.acceptEdited.click();
  await expect(backup.preview).toBeVisible();
  await backup.replaceButton.click();
  await expect(backup.outcome).toHaveClass(/ok/);
  const after = JSON.parse((await backup.download()).text);
  expect(after.data.payments.find((p) => p.id === paymentId).amount).toBe('1.00');
  expect(after.data.invoices.find((i) => i.id === doc.data.invoices[0].id).notes).toBe('edited by hand');
});

test('hostile files are refused with a message naming the problem and change nothing', async ({ backup, page }) => {
  await backup.open();
  await backup.restore(FIXTURE);
  const before = JSON.parse((await backup.download()).text);
  const files = [
    // Not UTF-8: an accented letter saved as Latin-1.
    { name: 'latin1.json', buffer: Buffer.concat([Buffer.from(fixtureText().slice(0, 300), 'utf8'), Buffer.from([0xed]), Buffer.from(fixtureText().slice(300), 'utf8')]), says: 'no es texto UTF-8' },
    // A 3 MB string.
    { name: 'long.json', buffer: Buffer.from(fixtureText().replace('"notes": ""', `"notes": "${'x'.repeat(3 << 20)}"`)), says: 'más de los 1,0 MB que puede tener cualquier texto' },
    // Deep nesting.
    { name: 'deep.json', buffer: Buffer.from('['.repeat(5000) + ']'.repeat(5000)), says: 'anida más de 32 niveles' },
    // A future format version.
    { name: 'future.json', buffer: Buffer.from(fixtureText().replace('"schema_version": 1', '"schema_version": 9')), says: 'versión más nueva de Cobro' },
  ];
  for (const file of files) {
    await backup.choose(file);
    await expect(backup.problems).toContainText(file.says);
    await expect(backup.problems).toContainText('No se ha cambiado nada');
    await expect(backup.preview).toBeHidden();
    await expect(page.locator('#accept-edited')).toHaveCount(0);
  }
  await expect(backup.count('Invoices')).toHaveText('30');
  const after = JSON.parse((await backup.download()).text);
  expect(strip(after.data)).toEqual(strip(before.data));
});

/** A dataset without the stamp each export records in it. */
function strip(data) {
  return { ...data, settings: { ...data.settings, last_export_at: null } };
}
