// Test data built from the fixture backups, and direct reads of the app's database, for
// the reliability and security tests: drafts to issue in bulk, hostile strings in every
// text field, and what IndexedDB really holds after a fault (not what a screen shows).
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { expect } from '../fixtures.mjs';

export const FIXTURES = new URL('../fixtures/', import.meta.url).pathname;

/** A fixture backup, parsed (a fresh copy each time: callers edit it). */
export function fixture(name) {
  return JSON.parse(readFileSync(FIXTURES + name, 'utf8'));
}

/**
 * Re-seal an edited backup the way the app does. Version 2 (what Cobro writes now): each
 * store's digest is the SHA-256 of its value as written (compact JSON, the file's own field
 * order), and `sha256` the SHA-256 of one `<store>:<digest>\n` line per store in the file's
 * store order. Version 1: SHA-256 of the data with every record list sorted by id, serialised
 * compactly. Returns a file for `setInputFiles`.
 */
export function sealed(doc, name = 'generated.json') {
  const hash = (text) => createHash('sha256').update(text).digest('hex');
  if (doc.schema_version >= 2) {
    const digests = {};
    for (const [k, v] of Object.entries(doc.data)) digests[k] = hash(JSON.stringify(v));
    const sha256 = hash(Object.entries(digests).map(([k, d]) => `${k}:${d}\n`).join(''));
    return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...doc, sha256, digests })) };
  }
  const data = { ...doc.data };
  for (const [k, v] of Object.entries(data)) {
    if (Array.isArray(v)) data[k] = [...v].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }
  const sha256 = hash(JSON.stringify(data));
  return { name, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...doc, sha256 })) };
}

/** Add `n` ready-to-issue drafts (ids `draft-000`…) to a backup, for the client given. */
export function withDrafts(doc, n, { issueDate = '2026-11-20', dueDate = '2026-12-20' } = {}) {
  const d = doc.data;
  const series = d.series.find((s) => s.kind === 'invoice');
  const client = d.clients.find((c) => !c.po_required);
  const template = d.invoices.find((i) => i.number !== null && i.client_id === client.id) ?? d.invoices[0];
  for (let i = 0; i < n; i++) {
    d.invoices.push({
      ...template,
      id: `draft-${String(i).padStart(3, '0')}`,
      series_id: series.id,
      number: null,
      client_id: client.id,
      po_number: '',
      issue_date: issueDate,
      delivery_date: null,
      due_date: dueDate,
      lines: [{ ...template.lines[0], description: `Draft line ${i}`, quantity: '1', unit_price: `${100 + i}.00` }],
      quote_id: null,
      sent: null,
      receipt: null,
      disputes: [],
      cancelled_by: null,
    });
  }
  return doc;
}

/**
 * Keep only the set-up and the drafts: no issued document, payment or contact, every
 * series back at zero. A small database, so tests that issue in bulk spend their time
 * issuing rather than reloading history.
 */
export function onlyDrafts(doc) {
  const d = doc.data;
  d.invoices = d.invoices.filter((i) => i.number === null);
  for (const k of ['quotes', 'credit_notes', 'payments', 'contacts', 'steps']) d[k] = [];
  for (const s of d.series) s.last = {};
  return doc;
}

/**
 * Every record of one kind (`invoices`, `steps`…), read straight from IndexedDB in the page:
 * the packs that hold that kind (ids `<class>.<kind>.<bucket>`), their JSON bytes decoded.
 * `meta` gives the two singletons as stored.
 */
export async function readStore(page, store) {
  return page.evaluate(
    (store) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('cobro');
        open.onerror = () => reject(open.error?.message);
        open.onsuccess = () => {
          const db = open.result;
          const name = store === 'meta' ? 'meta' : 'packs';
          const req = db.transaction(name).objectStore(name).getAll();
          req.onsuccess = () => {
            db.close();
            if (store === 'meta') return resolve(req.result);
            const text = new TextDecoder();
            resolve(req.result.filter((p) => p.id.split('.')[1] === store).flatMap((p) => JSON.parse(text.decode(p.data))));
          };
          req.onerror = () => reject(req.error?.message);
        };
      }),
    store,
  );
}

export const RECORD_STORES = ['payment_methods', 'series', 'clients', 'items', 'quotes', 'invoices', 'credit_notes', 'payments', 'contacts', 'steps'];

/** Per store, the sorted ids of what the database holds (or what a backup file holds). */
export async function idsInDb(page) {
  const out = {};
  for (const s of RECORD_STORES) out[s] = (await readStore(page, s)).map((r) => r.id).sort();
  return out;
}
export function idsInFile(doc) {
  return Object.fromEntries(RECORD_STORES.map((s) => [s, (doc.data[s] ?? []).map((r) => r.id).sort()]));
}

/**
 * The invoice numbers of a series are whole: per year 1..last with none missing or
 * repeated, and the series counter says exactly that last. Returns the issued invoices.
 */
export async function expectWholeNumbering(page) {
  const invoices = await readStore(page, 'invoices');
  const series = (await readStore(page, 'series')).find((s) => s.kind === 'invoice');
  const issued = invoices.filter((i) => i.number !== null && i.series_id === series.id);
  const byYear = {};
  for (const i of issued) {
    const m = /^F(\d{4})-(\d+)$/.exec(i.number);
    expect(m, `number ${i.number}`).not.toBeNull();
    (byYear[m[1]] ??= []).push(Number(m[2]));
  }
  for (const [year, nums] of Object.entries(byYear)) {
    nums.sort((a, b) => a - b);
    expect(nums, `numbers of ${year}`).toEqual(nums.map((_, k) => k + 1));
    expect(series.last[year], `series counter of ${year}`).toBe(nums.length);
  }
  for (const [year, last] of Object.entries(series.last)) expect(byYear[year]?.length ?? 0, `issued in ${year}`).toBe(last);
  return issued;
}

/**
 * Take up what is left of the origin's storage allowance (set low by the test) with filler
 * entries beside the app's own, in `meta` under keys the app never reads, so that the next
 * write of any size fails as on a full disk. Random bytes: a repeated letter would be
 * compressed away. Returns how many entries it wrote; `freeFiller` deletes them.
 */
export async function fillQuota(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open('cobro');
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error?.message);
    });
    const put = (key, bytes) =>
      new Promise((resolve) => {
        const tx = db.transaction('meta', 'readwrite');
        const chunk = new Uint8Array(bytes);
        for (let i = 0; i < bytes; i += 65536) crypto.getRandomValues(chunk.subarray(i, Math.min(bytes, i + 65536)));
        tx.objectStore('meta').put(chunk, key);
        tx.oncomplete = () => resolve(true);
        tx.onabort = () => resolve(false);
        tx.onerror = (e) => e.preventDefault();
      });
    let n = 0;
    for (const size of [256 * 1024, 16 * 1024, 1024, 128]) {
      while (n < 400 && (await put(`e2e-filler-${n}`, size))) n++;
    }
    db.close();
    return n;
  });
}

/** Delete what `fillQuota` wrote. */
export async function freeFiller(page) {
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('cobro');
        open.onerror = () => reject(open.error?.message);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('meta', 'readwrite');
          tx.objectStore('meta').delete(IDBKeyRange.bound('e2e-filler-', 'e2e-filler-\uffff'));
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error?.message);
        };
      }),
  );
}
