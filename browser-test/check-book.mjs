// Opens the built book in headless Chromium and checks it as a reader meets it.
//
//   node browser-test/check-book.mjs <built-book-dir> <markdown-src-dir> <screenshot-dir>
//
// scripts/browser-test.sh builds the book and calls this. The book is served by a
// small static server on 127.0.0.1; Chromium (/usr/bin/chromium, Debian's package)
// is started as chromium.mjs says and driven through playwright-core. For every
// page, in the order of src/SUMMARY.md, reached by clicking "next": no console
// error, every image loaded, math rendered by KaTeX (no raw `$$`), no request to
// any host but 127.0.0.1, and a screenshot of the first screen. Then "previous"
// must walk back, and the search box must find each word of SEARCH_TERMS. Any
// failure is listed and the exit status is 1.

import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isOffHost, withChromium } from './chromium.mjs';
import { serve } from './static-server.mjs';

// Words the built-in search must find. Each must occur in some chapter; stride is
// introduced in chapter 4, and Sobel is named in chapter 2 and shown in chapter 5.
const SEARCH_TERMS = ['stride', 'Sobel'];

const VIEWPORT = { width: 1280, height: 900 };
const TIMEOUT_MS = 15000;

const [bookDir, markdownDir, screenshotDir] = process.argv.slice(2).map((p) => p && resolve(p));
if (!bookDir || !markdownDir || !screenshotDir) {
  console.error('usage: node check-book.mjs <built-book-dir> <markdown-src-dir> <screenshot-dir>');
  process.exit(2);
}

const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);

// ---- what the book should contain ----

/** Page paths in SUMMARY order, read from the sidebar table of contents. */
function summaryOrder() {
  const toc = readFileSync(join(bookDir, 'toc.html'), 'utf8');
  return [...toc.matchAll(/<a href="([^"#]+\.html)"/g)].map((m) => m[1]);
}

/** Does the page's Markdown have math (a `$` outside code)? */
function markdownHasMath(pagePath) {
  const file = join(markdownDir, pagePath.replace(/\.html$/, '.md'));
  if (!existsSync(file)) return false;
  const prose = readFileSync(file, 'utf8')
    .replace(/^(```|~~~)[^]*?^\1\s*$/gm, '')
    .replace(/`[^`\n]*`/g, '');
  return prose.includes('$');
}

// ---- the checks on one open page ----

async function checkPage(page, pagePath, index) {
  // Every image finished (loaded or failed), then each must have pixels.
  const images = await page.evaluate(async () => {
    const all = Array.from(document.images);
    await Promise.all(
      all.map((img) => {
        img.loading = 'eager';
        if (img.complete) return null;
        return new Promise((done) => {
          img.addEventListener('load', done);
          img.addEventListener('error', done);
        });
      }),
    );
    return all.map((img) => ({ src: img.getAttribute('src'), width: img.naturalWidth }));
  });
  for (const image of images) {
    if (!(image.width > 0)) problem(pagePath, `image did not load: ${image.src}`);
  }

  // Math: KaTeX markup wherever the Markdown has math, no `$$` left in the prose,
  // and no KaTeX error boxes.
  const math = await page.evaluate(() => {
    const main = document.querySelector('main');
    const copy = main.cloneNode(true);
    copy.querySelectorAll('pre, code, .katex').forEach((node) => node.remove());
    return {
      katex: main.querySelectorAll('.katex').length,
      errors: main.querySelectorAll('.katex-error').length,
      rawDisplayMath: copy.textContent.includes('$$'),
      fontReady: document.fonts.check('16px KaTeX_Main'),
    };
  });
  if (markdownHasMath(pagePath) && math.katex === 0) problem(pagePath, 'has math in its Markdown but no KaTeX markup');
  if (math.rawDisplayMath) problem(pagePath, 'raw $$ left in the page (math that KaTeX did not render)');
  if (math.errors > 0) problem(pagePath, `${math.errors} KaTeX error(s) shown`);
  if (math.katex > 0 && !math.fontReady) problem(pagePath, 'KaTeX fonts did not load');

  const name = `${String(index + 1).padStart(2, '0')}-${pagePath.replace(/\.html$/, '')}.png`;
  await page.screenshot({ path: join(screenshotDir, name) });
  return { images: images.length, katex: math.katex, screenshot: name };
}

async function search(page, term) {
  await page.keyboard.press('Escape');
  const bar = page.locator('#mdbook-searchbar');
  if (!(await bar.isVisible())) {
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('s');
  }
  await bar.waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  // Type it key by key: mdBook searches on each key press.
  await bar.fill('');
  await bar.pressSequentially(term, { delay: 20 });
  // The header names the term once the results for it are shown.
  await page
    .locator('#mdbook-searchresults-header')
    .filter({ hasText: `'${term}'` })
    .waitFor({ state: 'visible', timeout: TIMEOUT_MS });
  return page.locator('#mdbook-searchresults li a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
}

// ---- the walk ----

/** The "next" or "previous" arrow the reader sees (wide or narrow layout). */
function navLink(page, direction) {
  return page.locator(`a.nav-chapters.${direction}, a.mobile-nav-chapters.${direction}`).filter({ visible: true }).first();
}

async function main() {
  rmSync(screenshotDir, { recursive: true, force: true });
  mkdirSync(screenshotDir, { recursive: true });
  const expected = summaryOrder();
  if (expected.length === 0) throw new Error('no pages found in toc.html');

  const server = await serve(bookDir);
  const origin = `http://127.0.0.1:${server.address().port}`;
  const started = Date.now();
  try {
    await withChromium(TIMEOUT_MS, async (browser) => {
      const context = await browser.newContext({ viewport: VIEWPORT });
      context.setDefaultTimeout(TIMEOUT_MS);
      const page = await context.newPage();

      // Every request any page makes, and every console error, by the page it happened on.
      const requests = [];
      let current = 'index.html';
      context.on('request', (request) => requests.push({ page: current, url: request.url() }));
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        const source = message.location()?.url;
        problem(current, `console error: ${message.text()}${source ? ` (${source})` : ''}`);
      });
      page.on('pageerror', (error) => problem(current, `script error: ${error.message}`));
      // A request the browser itself cancels (net::ERR_ABORTED, e.g. the favicon when we
      // navigate on) is not a missing file: 404s show up as console errors, and every
      // image is checked separately through naturalWidth.
      page.on('requestfailed', (request) => {
          const error = request.failure()?.errorText;
          if (error !== 'net::ERR_ABORTED') problem(current, `request failed: ${request.url()} (${error})`);
      });

      const pathOf = () => new URL(page.url()).pathname.replace(/^\//, '') || 'index.html';

      // Forward: the first page, then "next" until there is none.
      await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
      const forward = [];
      const report = [];
      for (;;) {
        current = pathOf() === 'index.html' ? expected[0] : pathOf();
        forward.push(current);
        report.push({ page: current, ...(await checkPage(page, current, forward.length - 1)) });
        const next = navLink(page, 'next');
        if ((await next.count()) === 0 || forward.length > expected.length) break;
        const from = current;
        current = await next.getAttribute('href'); // requests from here on belong to it
        await Promise.all([page.waitForURL((url) => url.pathname !== `/${from}`), next.click()]);
        await page.waitForLoadState('load');
      }
      if (forward.join(' ') !== expected.join(' ')) {
        problem('navigation', `"next" visits\n    ${forward.join(' ')}\n  but SUMMARY.md lists\n    ${expected.join(' ')}`);
      }

      // Backward: "previous" from the last page back to the first.
      const backward = [pathOf()];
      for (;;) {
        const previous = navLink(page, 'previous');
        if ((await previous.count()) === 0 || backward.length > expected.length) break;
        const here = pathOf();
        current = await previous.getAttribute('href');
        await Promise.all([page.waitForURL((url) => url.pathname !== `/${here}`), previous.click()]);
        await page.waitForLoadState('load');
        current = pathOf();
        backward.push(current);
      }
      const backwardExpected = [...expected].reverse();
      if (backward.join(' ') !== backwardExpected.join(' ')) {
        problem('navigation', `"previous" visits\n    ${backward.join(' ')}\n  but should visit\n    ${backwardExpected.join(' ')}`);
      }

      // Search, typed into the search box as a reader would.
      await page.goto(`${origin}/index.html`, { waitUntil: 'load' });
      current = 'search';
      const found = {};
      for (const term of SEARCH_TERMS) {
        const hits = await search(page, term);
        found[term] = [...new Set(hits.map((href) => href.split(/[?#]/)[0]))];
        if (hits.length === 0) problem('search', `searching for "${term}" finds nothing`);
        for (const href of found[term]) {
          if (!expected.includes(href)) problem('search', `"${term}" links to ${href}, which is not a page of the book`);
        }
      }

      // Offline: nothing but the local server.
      const outside = requests.filter(({ url }) => isOffHost(url));
      for (const { page: where, url } of outside) problem(where, `request to another host: ${url}`);

      for (const row of report) {
        console.log(`  ${row.page.padEnd(28)} ${String(row.images).padStart(3)} images, ${String(row.katex).padStart(4)} KaTeX formulas -> ${row.screenshot}`);
      }
      for (const [term, pages] of Object.entries(found)) {
        console.log(`  search "${term}": ${pages.length ? pages.join(', ') : 'nothing'}`);
      }
      console.log(`  ${requests.length} requests, ${outside.length} outside 127.0.0.1; browser session ${((Date.now() - started) / 1000).toFixed(1)} s`);
    });
  } finally {
    server.close();
  }

  console.log(`browser-test: screenshots of each page's first screen are in ${screenshotDir}`);
  if (problems.length > 0) {
    const distinct = [...new Set(problems)];
    console.error(`browser-test: FAILED, ${distinct.length} problem(s):`);
    for (const line of distinct) console.error(`  - ${line}`);
    process.exit(1);
  }
  console.log(`browser-test: all ${expected.length} pages passed`);
}

main().catch((error) => {
  console.error(`browser-test: FAILED: ${error.stack ?? error}`);
  process.exit(1);
});
