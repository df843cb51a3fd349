// How much of each stylesheet the pages use: Chromium's CSS coverage of every page given, at a phone's and a desktop's
// viewport, merged per stylesheet (a rule counts as used when it matched on any page at either size). Pages are only
// loaded, never clicked: rules for dialogs, menus, popovers, snackbars or validation messages that appear later count
// as unused, so "used" here is a lower bound of what the app needs.
//
//   CHROME_PATH=/usr/bin/chromium node css-coverage.mjs http://127.0.0.1:5080 / /studio /live
//
// Prints JSON: { sheets: [{ url, bytes, usedBytes, brotliBytes, usedBrotliBytes }] (brotli at quality 11, as the build
// compresses), lcp: [{ path, width, element, url, size, time }] } (each page's largest contentful paint element, as Chromium's
// PerformanceObserver reports it: Lighthouse 12.2.3's own LCP-element audit fails on this Chromium's traces).
import { brotliCompressSync, constants } from 'node:zlib';
import puppeteer from 'puppeteer-core';

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: node css-coverage.mjs <base url> <path>...');
  process.exit(2);
}

const viewports = [
  { width: 412, height: 823, deviceScaleFactor: 1.75, isMobile: true, hasTouch: true },
  { width: 1350, height: 940, deviceScaleFactor: 1 },
];

const browser = await puppeteer.launch({
  executablePath: process.env.CHROME_PATH || '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox'],
});
const sheets = new Map(); // url -> { text, used: Uint8Array }
const lcp = [];
try {
  for (const viewport of viewports) {
    for (const path of paths) {
      const context = await browser.createBrowserContext(); // a first visit: no cookies, no cache
      const page = await context.newPage();
      await page.setViewport(viewport);
      await page.evaluateOnNewDocument(watchLargestPaint);
      await page.coverage.startCSSCoverage();
      await page.goto(new URL(path, base).href, { waitUntil: 'networkidle0', timeout: 120_000 });
      await new Promise((resolve) => setTimeout(resolve, 1500)); // the circuit's first interactive render
      lcp.push({ path, width: viewport.width, ...(await page.evaluate(() => window.__largestPaints.at(-1) ?? {})) });
      for (const entry of await page.coverage.stopCSSCoverage()) {
        const url = entry.url.split('?')[0];
        let sheet = sheets.get(url);
        if (!sheet) sheets.set(url, (sheet = { text: entry.text, used: new Uint8Array(entry.text.length) }));
        if (sheet.text !== entry.text) continue; // same URL, other content: keep the first
        for (const range of entry.ranges) sheet.used.fill(1, range.start, range.end);
      }
      await context.close();
    }
  }
} finally {
  await browser.close();
}

// Installed before the page's own scripts: the element is described when it is painted, since Blazor's first
// interactive render may replace the prerendered element afterwards.
function watchLargestPaint() {
  window.__largestPaints = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      window.__largestPaints.push({
        element: entry.element ? entry.element.outerHTML.slice(0, 200) : '(not in the page)',
        url: entry.url || null,
        size: entry.size,
        time: Math.round(entry.startTime),
      });
  }).observe({ type: 'largest-contentful-paint', buffered: true });
}

const brotli = (text) =>
  brotliCompressSync(Buffer.from(text), { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
const result = [...sheets].map(([url, { text, used }]) => {
  let kept = '';
  for (let i = 0; i < text.length; ) {
    let j = i;
    while (j < text.length && used[j] === used[i]) j++;
    if (used[i]) kept += text.slice(i, j);
    i = j;
  }
  return {
    url,
    bytes: Buffer.byteLength(text),
    usedBytes: Buffer.byteLength(kept),
    brotliBytes: brotli(text),
    usedBrotliBytes: brotli(kept),
  };
});
console.log(JSON.stringify({ sheets: result, lcp }));
