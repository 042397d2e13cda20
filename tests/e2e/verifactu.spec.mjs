// Billing records (VERI*FACTU law, non-VERI*FACTU mode) end to end: an issued invoice prints
// the AEAT's verification QR first (decoded by zbarimg from a screenshot, its parameters
// checked, 30–40 mm when printed); Settings shows the mode, asks for the certificate and
// loads one made by openssl for this test (the key stays non-extractable in IndexedDB, the
// waiting record gets signed); the export for the AEAT validates against the XSD with xmllint
// and every record's signature verifies with xmlsec1.
import { test, expect } from './pages/invoicing.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const SCHEMAS = resolve('schema/verifactu');
const BUSINESS = {
  name: 'Lucía Martín Estudio',
  taxId: '12345678Z',
  street: 'Calle Mayor 1',
  postal: '28013',
  city: 'Madrid',
  email: 'lucia@example.es',
  iban: 'ES91 2100 0418 4502 0005 1332',
  bic: 'CAIXESBBXXX',
  holder: 'Lucía Martín',
};
const CLIENT = {
  name: 'Acme Industrial SL',
  taxId: 'B87654323',
  apName: 'Marta Ruiz',
  apEmail: 'ap@acme.example',
  instructions: '',
  poRequired: false,
  terms: 30,
};

/** A test CA and a signing certificate for 12345678Z in a .p12, made now (nothing committed). */
function makeP12(password) {
  const dir = mkdtempSync(join(tmpdir(), 'cobro-vf-'));
  const o = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  o('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '5', '-subj', '/CN=Cobro Test CA');
  o('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', 'key.pem');
  o('req', '-new', '-key', 'key.pem', '-out', 'cert.csr', '-subj', '/serialNumber=IDCES-12345678Z/CN=LUCIA MARTIN - 12345678Z');
  writeFileSync(join(dir, 'user.ext'), 'keyUsage=critical,digitalSignature,nonRepudiation\n');
  o('x509', '-req', '-in', 'cert.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'cert.pem', '-days', '5', '-extfile', 'user.ext');
  o('pkcs12', '-export', '-inkey', 'key.pem', '-in', 'cert.pem', '-out', 'user.p12', '-passout', `pass:${password}`);
  return { dir, p12: join(dir, 'user.p12') };
}

async function issueOne({ shell, firstRun, clientForm, editor, invoiceView, page }) {
  await shell.open();
  await firstRun.fill(BUSINESS);
  await firstRun.submit();
  await expect(page.locator('[data-page="agenda"]')).toBeVisible();
  await clientForm.create(CLIENT);
  await editor.openNew();
  await editor.chooseClient(CLIENT.name);
  await editor.setLine(0, { description: 'Diseño de la web', quantity: '2', price: '1000' });
  await editor.field('inv-withholding', '15');
  await expect(editor.total).toHaveAttribute('data-amount', '2120.00');
  await editor.waitSaved();
  await editor.issue();
  await expect(invoiceView.root).toBeVisible();
  return (await invoiceView.number.textContent()).trim();
}

test('the invoice prints the tax QR first; a certificate signs the records; the export validates and verifies', async ({
  shell,
  firstRun,
  clientForm,
  editor,
  invoiceView,
  page,
}) => {
  const number = await issueOne({ shell, firstRun, clientForm, editor, invoiceView, page });
  const qr = page.locator('#tax-qr svg');
  await expect(page.locator('#tax-qr figcaption')).toHaveText('QR tributario:');
  // First QR of the document: before the SEPA payment QR.
  const order = await page.evaluate(() => [...document.querySelectorAll('#invoice-doc svg')].map((s) => s.id || s.getAttribute('class')));
  expect(order[0]).toBe('tax-qr-code');
  expect(order).toContain('epc-qr');

  // What a phone reads from the picture: the AEAT's URL with the invoice's parameters
  // (ImporteTotal = 2 000 base + 420 VAT; the withholding is not part of it).
  const dir = mkdtempSync(join(tmpdir(), 'cobro-qr-'));
  const png = join(dir, 'qr.png');
  await qr.screenshot({ path: png });
  const read = execFileSync('zbarimg', ['--raw', '-q', png]).toString().trim();
  const url = new URL(read);
  expect(`${url.origin}${url.pathname}`).toBe('https://www2.agenciatributaria.gob.es/wlpl/TIKE-CONT/ValidarQRNoVerifactu');
  expect(Object.fromEntries(url.searchParams)).toEqual({
    nif: '12345678Z',
    numserie: number,
    fecha: new Date().toLocaleDateString('es-ES', { day: '2-digit', month: '2-digit', year: 'numeric' }).replaceAll('/', '-'),
    importe: '2420.00',
  });
  expect(read).toBe(await qr.getAttribute('data-url'));

  // Printed, the symbol (the drawing less its 4-module quiet zone) is 30–40 mm wide.
  await page.emulateMedia({ media: 'print' });
  const box = await qr.boundingBox();
  const side = Number((await qr.getAttribute('viewBox')).split(' ')[2]);
  const symbolMm = ((box.width * 25.4) / 96) * ((side - 8) / side);
  expect(symbolMm).toBeGreaterThanOrEqual(30);
  expect(symbolMm).toBeLessThanOrEqual(40);
  await page.emulateMedia({ media: 'screen' });

  // A start with a record waiting for its signature says so.
  await page.reload();
  await expect(page.locator('#verifactu-notice')).toContainText('sin firmar');

  // Settings: the mode, one record and one event waiting, no certificate yet.
  await page.goto('./#/settings');
  await expect(page.locator('#verifactu-mode')).toHaveText('No VERI*FACTU');
  await expect(page.locator('#verifactu-records')).toHaveText('1');
  // The record, and the events: start of use and the day's two anomaly-detection runs.
  await expect(page.locator('#verifactu-events')).toHaveText('3');
  await expect(page.locator('#verifactu-unsigned')).toHaveText('4');
  await expect(page.locator('#verifactu-no-cert')).toBeVisible();

  const { dir: certDir, p12 } = makeP12('secreto 1');
  await page.locator('#verifactu-cert-file').setInputFiles(p12);
  await page.locator('#verifactu-cert-password').fill('mal');
  await page.locator('#verifactu-cert-load').click();
  await expect(page.locator('#verifactu-cert-error')).toContainText('contraseña');
  await page.locator('#verifactu-cert-password').fill('secreto 1');
  await page.locator('#verifactu-cert-load').click();
  await expect(page.locator('#verifactu-cert-ok')).toBeVisible();
  await expect(page.locator('#verifactu-cert-holder')).toHaveText('LUCIA MARTIN - 12345678Z');
  await expect(page.locator('#verifactu-unsigned')).toHaveText('0');
  await expect(page.locator('#verifactu-anomalies')).toHaveText('0');

  // The key kept is a CryptoKey nobody can read back, not bytes.
  const key = await page.evaluate(
    () =>
      new Promise((ok, fail) => {
        const req = indexedDB.open('cobro');
        req.onerror = () => fail(req.error);
        req.onsuccess = () => {
          const get = req.result.transaction('meta').objectStore('meta').get('vf.key');
          get.onsuccess = () => {
            const k = get.result;
            ok({ crypto: k instanceof CryptoKey, extractable: k.extractable, type: k.type, usages: k.usages });
            req.result.close();
          };
        };
      }),
  );
  expect(key).toEqual({ crypto: true, extractable: false, type: 'private', usages: ['sign'] });

  // The export for the AEAT: valid against SuministroLR.xsd, every record verified by xmlsec1.
  await page.goto('./#/backup');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#verifactu-export-records').click()]);
  await expect(page.locator('#verifactu-export-ok')).toBeVisible();
  const file = join(certDir, 'export.xml');
  writeFileSync(file, readFileSync(await download.path()));
  execFileSync('xmllint', ['--noout', '--nonet', '--schema', join(SCHEMAS, 'SuministroLR.xsd'), file], { stdio: 'pipe' });
  const text = readFileSync(file, 'utf8');
  const records = [...text.matchAll(/<sfLR:RegistroFactura>(.*?)<\/sfLR:RegistroFactura>/gs)].map((m) => m[1]);
  expect(records).toHaveLength(1);
  for (const [i, rec] of records.entries()) {
    const one = join(certDir, `record-${i}.xml`);
    writeFileSync(one, rec);
    const out = execFileSync(
      'xmlsec1',
      ['--verify', '--trusted-pem', 'ca.pem', '--id-attr:Id', 'http://uri.etsi.org/01903/v1.3.2#:SignedProperties', one],
      { cwd: certDir, stdio: 'pipe' },
    ).toString();
    expect(out).toBe('');
  }
  expect(records[0]).toContain(`<sf:NumSerieFactura>${number}</sf:NumSerieFactura>`);
  expect(records[0]).toContain('<sf:ImporteTotal>2420.00</sf:ImporteTotal>');

  // With the certificate loaded, an invoice issued now has its record signed right after the
  // issue (by the backup worker, where signing lives), before anything else looks at the chain.
  await editor.openNew();
  await editor.chooseClient(CLIENT.name);
  await editor.setLine(0, { description: 'Mantenimiento', quantity: '1', price: '100' });
  await editor.waitSaved();
  await editor.issue();
  await expect(invoiceView.root).toBeVisible();
  const signed = () =>
    page.evaluate(
      () =>
        new Promise((ok, fail) => {
          const req = indexedDB.open('cobro');
          req.onerror = () => fail(req.error);
          req.onsuccess = () => {
            const all = req.result.transaction('meta').objectStore('meta').getAllKeys();
            all.onsuccess = () => {
              const keys = all.result.map(String);
              ok({
                records: keys.filter((k) => k.startsWith('vf.r.')).length,
                signatures: keys.filter((k) => k.startsWith('vf.rs.')).length,
              });
              req.result.close();
            };
          };
        }),
    );
  await expect.poll(signed).toEqual({ records: 2, signatures: 2 });
});

test('English: the section explains the mode and what to do', async ({ shell, firstRun, clientForm, editor, invoiceView, page }) => {
  await issueOne({ shell, firstRun, clientForm, editor, invoiceView, page });
  await shell.setLanguage('en');
  await page.goto('./#/settings');
  await expect(page.locator('#verifactu-mode')).toHaveText('Non-VERI*FACTU');
  await expect(page.locator('.verifactu-todo li')).toHaveCount(4);
  await expect(page.locator('#verifactu-settings, #verifactu')).toContainText('Load your electronic certificate');
  await page.locator('#verifactu-declaration summary').click();
  await expect(page.locator('#verifactu-version')).not.toBeEmpty();
});
