// Drives the book's interactive widgets in headless Chromium like a reader, and
// checks every number they show against the native crate.
//
//   node browser-test/check-widgets.mjs <built-book-dir>
//
// The expected values come from `cargo run -p widgets-wasm --example expected`,
// which calls, natively, the same functions the pages call in WebAssembly. Also
// fails on a console error or a request to any host but 127.0.0.1. Prints the
// playground's update time (median of several) on a 512x512 photo with a 5x5
// kernel, and checks the WebAssembly file's size that chapter 5 states. The
// server and Chromium's flags are the ones every browser test uses.

import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_FLAGS } from './chromium.mjs';
import { serve } from './static-server.mjs';

const TIMEOUT_MS = 20000;

const bookDir = process.argv[2] && resolve(process.argv[2]);
if (!bookDir) {
  console.error('usage: node check-widgets.mjs <built-book-dir>');
  process.exit(2);
}

const problems = [];
const problem = (where, what) => problems.push(`${where}: ${what}`);

/** The native crate's answer, as the JSON the widget received. */
function expected(...args) {
  const out = execFileSync('cargo', ['run', '--quiet', '--locked', '-p', 'widgets-wasm', '--example', 'expected', '--', ...args],
    { encoding: 'utf8' });
  return JSON.parse(out);
}

/** Equal as the page prints numbers: to 3 decimals. */
function close(shown, value) {
  return Number.isFinite(shown) && Math.abs(shown - value) <= 5e-4 + 1e-9 * Math.abs(value);
}

function compareNumbers(where, shownTexts, values) {
  if (shownTexts.length !== values.length) {
    problem(where, `shows ${shownTexts.length} numbers, the crate gives ${values.length}`);
    return;
  }
  shownTexts.forEach((text, i) => {
    if (!close(Number(text), values[i])) problem(where, `number ${i} is "${text}", the crate gives ${values[i]}`);
  });
}

const texts = (locator) => locator.evaluateAll((cells) => cells.map((c) => c.textContent.trim()));

async function openPage(context, url) {
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('console', (message) => {
    if (message.type() === 'error') problem(url, `console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problem(url, `uncaught: ${error.message}`));
  page.on('request', (request) => {
    const host = new URL(request.url()).hostname;
    if (!['127.0.0.1', ''].includes(host) && !request.url().startsWith('data:')) {
      problem(url, `requested ${request.url()}`);
    }
  });
  await page.goto(url);
  await page.locator('.widget[data-ready]').first().waitFor();
  // Every control can be named by a screen reader.
  const unnamed = await page.locator('.widget input, .widget select, .widget canvas[tabindex]').evaluateAll((controls) =>
    controls.filter((c) => c.labels?.length === 0 && !c.getAttribute('aria-label')).map((c) => c.outerHTML.slice(0, 80)));
  for (const control of unnamed) problem(url, `control without a label: ${control}`);
  return page;
}

// ---- slide the kernel: type a signal and kernel, step with the keyboard, toggle ----

async function checkSlide(page, where) {
  const widget = page.locator('.widget[data-widget="slide"]').first();
  const signal = '2 -1 0.5 3';
  const kernel = '1 2 -3';
  await widget.getByLabel('Signal x').fill(signal);
  await widget.getByLabel('Kernel h').fill(kernel);
  for (const kind of ['convolution', 'correlation']) {
    await widget.locator(kind === 'convolution' ? '.w-conv' : '.w-corr').check();
    const truth = expected('slide', signal, kernel, kind);
    const slider = widget.getByLabel('Output position n');
    await slider.focus();
    await page.keyboard.press('Home');
    for (let n = 0; n < truth.steps.length; n++) {
      if (n > 0) await page.keyboard.press('ArrowRight');
      const step = truth.steps[n];
      const at = `${where} slide (${kind}) n=${n}`;
      const products = (await texts(widget.locator('tr.w-products td.w-on')));
      compareNumbers(`${at} products`, products, step.products);
      compareNumbers(`${at} weights`, await texts(widget.locator('tr.w-weights td.w-on')), step.weights);
      compareNumbers(`${at} sum`, [await widget.locator('.w-sum-value').textContent()], [step.sum]);
      const outputs = (await texts(widget.locator('tr.w-output td'))).filter((t) => t !== '');
      compareNumbers(`${at} output so far`, outputs, truth.output.slice(0, n + 1));
    }
  }
  // An empty kernel: the page shows the core crate's message.
  await widget.getByLabel('Kernel h').fill('');
  const truth = expected('slide', signal, '', 'convolution');
  const shown = (await widget.locator('.w-error').textContent()).trim();
  if (shown !== truth.error) problem(`${where} slide`, `empty kernel shows "${shown}", the crate says "${truth.error}"`);
}

// ---- output-size explorer: set sliders, read the formula, the table and errors ----

async function setSizes(widget, mode, values) {
  await widget.locator('select.w-mode').selectOption(mode);
  const names = { i: 'input size i', k: 'kernel k', p: 'padding p', s: 'stride s', d: 'dilation d', op: 'output padding' };
  for (const [key, value] of Object.entries(values)) await widget.getByLabel(names[key]).fill(String(value));
}

async function checkSizes(page, where, mode, cases) {
  const widget = page.locator('.widget[data-widget="sizes"]').first();
  for (const c of cases) {
    await setSizes(widget, mode, c);
    const truth = expected('sizes', ...[c.i, c.k, c.p, c.s, c.d].map(String), mode, String(c.op ?? 0));
    const at = `${where} sizes ${mode} ${JSON.stringify(c)}`;
    const formula = (await widget.locator('.w-formula').textContent()).trim();
    if (formula !== `o = ${truth.formula}`) problem(at, `formula "${formula}", the crate gives "${truth.formula}"`);
    const error = (await widget.locator('.w-error').textContent()).trim();
    if (truth.ok) {
      if (error !== '') problem(at, `shows an error "${error}" where the crate gives ${truth.len}`);
      const rows = await widget.locator('tr.w-sees').evaluateAll((trs) => trs.map((tr) =>
        [...tr.querySelectorAll('td')].flatMap((td) => td.textContent.split(' ').filter((t) => t)
          .map((t) => [Number(td.dataset.input), Number(t.replace('j=', ''))]))));
      const want = truth.sees.map((pairs) => [...pairs].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      if (JSON.stringify(rows) !== JSON.stringify(want)) {
        problem(at, `table ${JSON.stringify(rows)}, the crate gives ${JSON.stringify(want)}`);
      }
    } else if (error !== truth.error) {
      problem(at, `error "${error}", the crate says "${truth.error}"`);
    }
  }
}

// ---- kernel playground: pick a photo and kernel, type weights, hover a pixel ----

const PHOTO_FILES = { 'cameraman, 512 × 512': ['camera.png', 'full'], 'cameraman, 256 × 256': ['camera.png', 'half'],
  'Chelsea the cat, 451 × 300': ['chelsea.png', 'full'] };

async function setPlayground(page, widget, c) {
  if ((await widget.getAttribute('data-photo')) !== c.photo) {
    await widget.locator('select.w-photo').selectOption(c.photo);
    await page.waitForFunction((name) => document.querySelector('.widget[data-widget="playground"]').dataset.photo === name, c.photo);
  }
  if (c.named) {
    await widget.locator('select.w-named').selectOption(c.named);
  } else {
    await widget.locator('select.w-size').selectOption(String(c.size));
    for (const [i, v] of c.cells.entries()) {
      await widget.getByLabel(`kernel row ${Math.floor(i / c.size) + 1} column ${(i % c.size) + 1}`, { exact: true }).fill(String(v));
    }
  }
  await widget.locator('select.w-border').selectOption(c.border);
  await widget.locator('input.w-stride').fill(String(c.stride));
  await widget.locator('input.w-dilation').fill(String(c.dilation));
  await widget.locator('select.w-mapping').selectOption(c.mapping);
}

async function checkPlayground(page, where, c) {
  const widget = page.locator('.widget[data-widget="playground"]');
  await setPlayground(page, widget, c);
  const cells = await widget.locator('.w-kernel input').evaluateAll((inputs) => inputs.map((i) => i.value));
  const size = String(Math.round(Math.sqrt(cells.length)));
  const [file, halve] = PHOTO_FILES[c.photo];
  const canvas = widget.locator('canvas.w-output-image');
  const at = `${where} playground ${JSON.stringify({ ...c, cells: undefined })}`;
  let [row, col] = [c.row, c.col];
  const dims = await canvas.evaluate((cv) => [cv.width, cv.height]);
  const errorShown = (await widget.locator('.w-error').textContent()).trim();
  if (errorShown === '') {
    // Hover the pixel like a reader; the page says which pixel it shows (the
    // mouse lands on whole CSS pixels, so it may be a pixel or two off), and the crate is
    // asked about that one.
    await canvas.scrollIntoViewIfNeeded();
    const box = await canvas.boundingBox();
    await page.mouse.move(box.x + (c.col + 0.5) * box.width / dims[0], box.y + (c.row + 0.5) * box.height / dims[1]);
    const caption = await widget.locator('.w-window caption').textContent();
    const m = caption.match(/row (\d+), column (\d+)/);
    [row, col] = m ? [Number(m[1]), Number(m[2])] : [-1, -1];
    const slack = Math.ceil(dims[0] / box.width) + 1; // image pixels per CSS pixel, and one
    if (Math.abs(row - c.row) > slack || Math.abs(col - c.col) > slack) problem(at, `hovering showed pixel ${row}, ${col}`);
  }
  const truth = expected('playground', resolve('images/photos', file), halve, cells.join(' '), size, c.border,
    String(c.stride), String(c.dilation), String(row), String(col));
  if (!truth.run.ok) {
    if (errorShown !== truth.run.error) problem(at, `error "${errorShown}", the crate says "${truth.run.error}"`);
    return;
  }
  if (dims[0] !== truth.run.width || dims[1] !== truth.run.height) {
    problem(at, `output is ${dims}, the crate gives ${truth.run.width}x${truth.run.height}`);
  }
  const status = await widget.locator('.w-status').textContent();
  const range = status.match(/values from (\S+) to (\S+);/);
  compareNumbers(`${at} range`, range ? [range[1], range[2]] : [], [truth.run.min, truth.run.max]);
  if (c.mapping === 'rescale') {
    compareNumbers(`${at} colour bar`, [await widget.locator('.w-bar-low').textContent(),
      await widget.locator('.w-bar-high').textContent()], [truth.run.min, truth.run.max]);
  }
  const w = truth.window;
  compareNumbers(`${at} window inputs`, await texts(widget.locator('.w-window .w-in')), w.inputs);
  compareNumbers(`${at} window weights`, await texts(widget.locator('.w-window .w-wt')), w.weights);
  compareNumbers(`${at} window products`, await texts(widget.locator('.w-window .w-prod')), w.products);
  compareNumbers(`${at} window sum`, await texts(widget.locator('.w-window .w-sum-value')), [w.sum]);
}

/** Median of the playground's own timing (performance.now around filter and draw). */
async function timePlayground(page) {
  const widget = page.locator('.widget[data-widget="playground"]');
  await setPlayground(page, widget, { photo: 'cameraman, 512 × 512', named: 'gaussian 5x5', border: 'reflect',
    stride: 1, dilation: 1, mapping: 'clamp' });
  const cell = widget.getByLabel('kernel row 3 column 3', { exact: true });
  const times = [];
  for (let i = 0; i < 11; i++) {
    await cell.fill(String(0.2 + i / 100));
    times.push(Number(await widget.getAttribute('data-update-ms')));
  }
  times.sort((a, b) => a - b);
  return { median: times[5], min: times[0], max: times[10] };
}

/**
 * Chapter 5 states the file's size as "N KB (M KB with gzip -9)", in thousands
 * of bytes: N must be the built file's, M its size compressed at level 9
 * (node's zlib, whose level 9 can differ from the gzip tool's by a few hundred
 * bytes: one KB of slack).
 */
async function checkWasmSize(page) {
  const file = join(bookDir, 'widgets/pkg/widgets_wasm.wasm');
  const bytes = readFileSync(file);
  const kb = Math.round(bytes.length / 1000);
  const gzipKb = Math.round(gzipSync(bytes, { level: 9 }).length / 1000);
  console.log(`check-widgets: ${file} is ${bytes.length} bytes (${kb} KB), about ${gzipKb} KB with gzip -9`);
  const text = (await page.locator('main').textContent()).replace(/\s+/g, ' ');
  const stated = text.match(/WebAssembly file is (\d+) KB \((\d+) KB with gzip -9\)/);
  if (!stated) {
    problem('ch05', 'no "WebAssembly file is N KB (M KB with gzip -9)" on the page');
  } else if (Number(stated[1]) !== kb || Math.abs(Number(stated[2]) - gzipKb) > 1) {
    problem('ch05', `says the WebAssembly file is ${stated[1]} KB (${stated[2]} KB with gzip -9); ` +
      `the built file is ${kb} KB (${gzipKb} KB with gzip -9)`);
  }
}

const server = await serve(bookDir);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  let page = await openPage(context, `${base}/ch01-discrete.html`);
  await checkSlide(page, 'ch01');
  page = await openPage(context, `${base}/ch02-correlation.html`);
  await checkSlide(page, 'ch02');
  page = await openPage(context, `${base}/ch04-padding-stride.html`);
  await checkSizes(page, 'ch04', 'forward', [
    { i: 7, k: 3, p: 1, s: 2, d: 1 },
    { i: 10, k: 3, p: 0, s: 3, d: 2 },
    { i: 3, k: 7, p: 1, s: 1, d: 1 },
    { i: 5, k: 3, p: 0, s: 0, d: 1 },
  ]);
  page = await openPage(context, `${base}/ch09-transposed-pooling.html`);
  await checkSizes(page, 'ch09', 'transposed', [
    { i: 4, k: 3, p: 1, s: 2, d: 1, op: 1 },
    { i: 5, k: 4, p: 0, s: 3, d: 2, op: 0 },
    { i: 4, k: 3, p: 1, s: 2, d: 1, op: 2 },
  ]);
  page = await openPage(context, `${base}/ch05-image-filters.html`);
  await checkWasmSize(page);
  await checkPlayground(page, 'ch05', { photo: 'cameraman, 256 × 256', named: 'sobel x', border: 'zeros',
    stride: 2, dilation: 1, mapping: 'rescale', row: 10, col: 20 });
  await checkPlayground(page, 'ch05', { photo: 'Chelsea the cat, 451 × 300', size: 5, border: 'wrap', stride: 1,
    dilation: 2, mapping: 'absolute', row: 3, col: 100,
    cells: [1, 0, -2, 0, 1, 0.5, 0, 0, 0, -0.5, 0, 0, 3, 0, 0, 0.25, 0, 0, 0, 0, 1, 0, -1, 0, 2] });
  await checkPlayground(page, 'ch05', { photo: 'cameraman, 512 × 512', named: 'laplacian 8', border: 'valid',
    stride: 3, dilation: 1, mapping: 'clamp', row: 169, col: 0 });
  await checkPlayground(page, 'ch05', { photo: 'cameraman, 512 × 512', named: 'box 3x3', border: 'edge',
    stride: 0, dilation: 1, mapping: 'clamp', row: 0, col: 0 });
  // The keyboard moves the inspected pixel as the mouse does.
  await page.locator('input.w-stride').fill('1');
  const output = page.locator('canvas.w-output-image');
  await output.focus();
  await page.keyboard.press('ArrowLeft');
  const before = await page.locator('.w-window caption').textContent();
  await page.keyboard.press('ArrowRight');
  const after = await page.locator('.w-window caption').textContent();
  const column = (text) => Number(text.match(/column (\d+)/)?.[1]);
  if (!page.url().endsWith('/ch05-image-filters.html')) problem('ch05 playground', `the arrow keys left the page for ${page.url()}`);
  if (column(after) !== column(before) + 1) problem('ch05 playground', `ArrowRight moved from "${before}" to "${after}"`);
  const time = await timePlayground(page);
  console.log(`check-widgets: playground update on 512x512 with a 5x5 kernel: median ${time.median.toFixed(1)} ms ` +
    `(min ${time.min.toFixed(1)}, max ${time.max.toFixed(1)}, 11 updates)`);
} finally {
  await browser.close();
  server.close();
}

if (problems.length > 0) {
  console.error(`check-widgets: ${problems.length} problem(s):\n${problems.join('\n')}`);
  process.exit(1);
}
console.log('check-widgets: every widget shows the crate\'s numbers');
