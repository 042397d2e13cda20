// Lighthouse (npm `lighthouse`, its default mobile configuration: a mid-range phone, simulated
// slow 4G and 4x CPU slowdown) driving Debian's Chromium with the loopback-only flags of the
// e2e tests; it never downloads a browser. Two visits:
//   first visit  a fresh profile (Lighthouse clears the origin's storage first)
//   10k profile  a browser profile that already holds the 10k demo and the service worker's
//                cache, as a returning user's phone would; storage is kept
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { CHROMIUM, CHROMIUM_ARGS } from '../e2e/chromium.mjs';

/** One Lighthouse performance run of `url`; the scores and metrics the bench prints. */
export async function lighthouseRun(url, { userDataDir = false, keepStorage = false } = {}) {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_ARGS],
    userDataDir,
    logLevel: 'silent',
  });
  try {
    const result = await lighthouse(url, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance'],
      disableStorageReset: keepStorage,
    });
    const lhr = result.lhr;
    const audit = (id) => lhr.audits[id]?.numericValue ?? NaN;
    if (lhr.runtimeError) throw new Error(`lighthouse: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
    return {
      score: Math.round((lhr.categories.performance.score ?? NaN) * 100),
      fcp: audit('first-contentful-paint'),
      lcp: audit('largest-contentful-paint'),
      tbt: audit('total-blocking-time'),
      cls: audit('cumulative-layout-shift'),
      si: audit('speed-index'),
      dom: audit('dom-size'),
      version: lhr.lighthouseVersion,
    };
  } finally {
    await chrome.kill();
  }
}
