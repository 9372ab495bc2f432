// Runs a chapter's notebook the way a reader does: in Jupyter's own web interface,
// in headless Chromium, with Run > Run All Cells, and checks what the page shows.
//
//   node browser-test/check-notebook.mjs <server-url> <token> <notebook-file> <screenshot-dir>
//
// scripts/notebook-browser-test.sh starts Jupyter with scripts/explore.sh (on
// 127.0.0.1, serving notebooks/) and calls this with, e.g.,
// `notebooks/ch01-discrete.ipynb`. The test opens the notebook, waits for the Rust kernel,
// clicks Run > Run All Cells, waits until no cell is queued or running, and fails
// unless: every code cell ran (has an execution number), no cell shows an error
// or a panic, the page shows the texts EXPECTED lists for the notebook (an array
// a cell prints) and the notebook's `CHECKED <name>` line, at least one inline
// figure (an <img> with a PNG data URL) has pixels, the kernel is alive and
// idle, and the browser requested nothing from any host but 127.0.0.1. It saves a
// screenshot of the first figure on screen. The notebook is never saved (the
// script turns autosave off and checks the file did not change).

import { mkdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { isOffHost, withChromium } from './chromium.mjs';

/** Text the page must show after a run, by notebook: results a cell prints. */
const EXPECTED = {
  'ch01-discrete': ['full = [0, 0, 0, 0, 1, 2, 3, 2, 1, 0, 0, 0, 0]', 'anti-diagonal sums: [6, 19, 40, 70, 110, 114, 106, 85, 50]'],
};

const VIEWPORT = { width: 1280, height: 900 };
const UI_TIMEOUT_MS = 60_000; // opening the page, finding a menu
// Running every cell: the first cell compiles the book's crates in the kernel, which
// takes minutes when nothing is cached yet (see README).
const RUN_TIMEOUT_MS = Number(process.env.NOTEBOOK_RUN_TIMEOUT_S ?? 1200) * 1000;

const [serverUrl, token, notebook, screenshotArg] = process.argv.slice(2);
if (!serverUrl || !token || !notebook || !screenshotArg) {
  console.error('usage: node check-notebook.mjs <server-url> <token> <notebooks/name.ipynb> <screenshot-dir>');
  process.exit(2);
}
const screenshotDir = resolve(screenshotArg);
const name = basename(notebook, '.ipynb');
// The server serves notebooks/, so the notebook's address is its file name there.
const codeCellsInFile = JSON.parse(readFileSync(notebook, 'utf8')).cells.filter((cell) => cell.cell_type === 'code').length;
const expectedTexts = [...(EXPECTED[name] ?? []), `CHECKED ${name}`];

const problems = [];
const problem = (what) => problems.push(what);
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(0)} s`;

/** What the notebook shows now: each code cell's prompt and outputs, the kernel's state. */
function readNotebook(page) {
  return page.evaluate(() => {
    const cells = [...document.querySelectorAll('.jp-Notebook .jp-Cell.jp-CodeCell')].map((cell) => ({
      prompt: (cell.querySelector('.jp-InputArea-prompt')?.textContent ?? '').trim(),
      firstLine: (cell.querySelector('.jp-InputArea-editor .cm-line')?.textContent ?? '').trim(),
      outputs: [...cell.querySelectorAll('.jp-OutputArea-output')].map((output) => ({
        mime: output.getAttribute('data-mime-type') ?? '',
        text: output.textContent ?? '',
      })),
    }));
    const indicator = document.querySelector('.jp-Notebook-ExecutionIndicator');
    return {
      cells,
      status: indicator?.getAttribute('data-status') ?? 'unknown',
      kernel: document.querySelector('.jp-KernelName')?.textContent?.trim() ?? '',
      dialogs: [...document.querySelectorAll('.jp-Dialog')].map((d) => d.textContent.trim().slice(0, 300)),
    };
  });
}

const isQueuedOrRunning = (prompt) => prompt.includes('*');
const hasRun = (prompt) => /\[\d+\]/.test(prompt);

async function main() {
  mkdirSync(screenshotDir, { recursive: true });
  const started = Date.now();
  await withChromium(UI_TIMEOUT_MS, async (browser) => {
    const context = await browser.newContext({ viewport: VIEWPORT });
    context.setDefaultTimeout(UI_TIMEOUT_MS);
    const page = await context.newPage();

    const urls = [];
    context.on('request', (request) => urls.push(request.url()));
    page.on('websocket', (socket) => urls.push(socket.url()));
    const consoleErrors = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`script error: ${error.message}`));

    // Open the notebook as a reader does, from its URL (the token logs us in).
    const address = `${serverUrl.replace(/\/$/, '')}/notebooks/${encodeURIComponent(`${name}.ipynb`)}?token=${encodeURIComponent(token)}`;
    await page.goto(address, { waitUntil: 'load' });
    // Every cell of the file is on the page, and the kernel the notebook asks for
    // ("rust") has started and is idle; a dialog instead means it is not registered
    // with this Jupyter.
    const ready = await page
      .waitForFunction(
        (cells) =>
          document.querySelector('.jp-Dialog') ||
          (document.querySelectorAll('.jp-Notebook .jp-Cell.jp-CodeCell').length === cells &&
            /rust/i.test(document.querySelector('.jp-KernelName')?.textContent ?? '') &&
            document.querySelector('.jp-Notebook-ExecutionIndicator')?.getAttribute('data-status') === 'idle'),
        codeCellsInFile,
        { timeout: 3 * UI_TIMEOUT_MS },
      )
      .then(() => true)
      .catch(() => false);
    let state = await readNotebook(page);
    if (state.dialogs.length > 0) {
      throw new Error(`Jupyter shows a dialog instead of starting the Rust kernel:\n  ${state.dialogs.join('\n  ')}`);
    }
    if (!ready) {
      throw new Error(
        `after ${3 * UI_TIMEOUT_MS / 1000} s the page shows ${state.cells.length} of ${codeCellsInFile} code cells ` +
          `and kernel "${state.kernel}" (${state.status}), not the Rust kernel idle`,
      );
    }
    const codeCells = state.cells.length;
    console.log(`  opened ${notebook}: ${codeCells} code cells, kernel "${state.kernel}" ${state.status} (${seconds(started)})`);

    // Run > Run All Cells, from the menu bar.
    await page.locator('.lm-MenuBar-item', { hasText: /^Run$/ }).click();
    await page.locator('.lm-Menu-item:visible', { hasText: 'Run All Cells' }).first().click();
    const runStarted = Date.now();

    // Wait until the run started and then nothing is queued or running, twice in a row
    // (the kernel goes idle between cells).
    let quietPolls = 0;
    let lastReport = Date.now();
    let firstCellDone = false;
    for (;;) {
      await page.waitForTimeout(500);
      state = await readNotebook(page);
      if (!firstCellDone && hasRun(state.cells[0]?.prompt ?? '')) {
        firstCellDone = true;
        console.log(`  first code cell (the :dep lines) done after ${((Date.now() - runStarted) / 1000).toFixed(1)} s`);
      }
      const started = state.cells.some((cell) => cell.prompt && !/^\[\s*\]/.test(cell.prompt));
      const busy = state.cells.some((cell) => isQueuedOrRunning(cell.prompt)) || state.status === 'busy';
      quietPolls = started && !busy ? quietPolls + 1 : 0;
      if (quietPolls >= 2 || state.dialogs.length > 0 || state.status === 'dead') break;
      if (Date.now() - runStarted > RUN_TIMEOUT_MS) {
        problem(`the cells were still running after ${RUN_TIMEOUT_MS / 1000} s`);
        break;
      }
      if (Date.now() - lastReport > 30_000) {
        const done = state.cells.filter((cell) => hasRun(cell.prompt)).length;
        console.log(`  running: ${done} of ${codeCells} code cells done after ${seconds(runStarted)} (the first one compiles the crates)`);
        lastReport = Date.now();
      }
    }
    console.log(`  ran all cells in ${seconds(runStarted)}`);

    // What the reader sees.
    for (const dialog of state.dialogs) problem(`Jupyter shows a dialog: ${dialog}`);
    if (state.status !== 'idle') problem(`the kernel is "${state.status}" after the run, not idle`);
    state.cells.forEach((cell, index) => {
      const where = `code cell ${index + 1} (${cell.firstLine.slice(0, 60)})`;
      if (!hasRun(cell.prompt)) problem(`${where} did not run (prompt "${cell.prompt}"): an earlier cell failed?`);
      for (const output of cell.outputs) {
        // Errors and stderr share this renderer; evcxr reports a failed assert (a
        // panic) on stderr only, and prints nothing else there.
        if (output.mime === 'application/vnd.jupyter.stderr' || /panicked at/.test(output.text)) {
          problem(`${where} shows an error:\n      ${output.text.trim().split('\n').slice(0, 12).join('\n      ')}`);
        }
      }
    });
    const shown = state.cells.flatMap((cell) => cell.outputs.map((output) => output.text)).join('\n');
    for (const text of expectedTexts) {
      if (!shown.includes(text)) problem(`the page does not show "${text}"`);
    }

    // Inline figures: PNG data URLs that decode to real pixels.
    const figures = page.locator('.jp-OutputArea-output img[src^="data:image/png;base64,"]');
    const count = await figures.count();
    let drawn = 0;
    for (let i = 0; i < count; i++) {
      const figure = figures.nth(i);
      await figure.scrollIntoViewIfNeeded();
      const width = await figure.evaluate(async (img) => {
        if (!img.complete) await new Promise((done) => img.addEventListener('load', done, { once: true }));
        await img.decode().catch(() => {});
        return img.naturalWidth;
      });
      if (width > 0) drawn += 1;
      else problem(`inline figure ${i + 1} has no pixels`);
    }
    if (count === 0) problem('no inline figure (an <img> with a PNG data URL) appears in the page');
    if (count > 0) {
      await figures.first().scrollIntoViewIfNeeded();
      const shot = join(screenshotDir, `notebook-${name}.png`);
      await page.screenshot({ path: shot });
      console.log(`  screenshot of the first figure: ${shot}`);
    }

    const outside = [...new Set(urls.filter(isOffHost))];
    for (const url of outside) problem(`request to another host: ${url}`);
    for (const text of consoleErrors) console.log(`  (console error in Jupyter's page, not a failure: ${text.slice(0, 160)})`);
    console.log(
      `  ${state.cells.filter((cell) => hasRun(cell.prompt)).length} of ${codeCells} code cells ran, ` +
        `${drawn} inline figures drawn, ${urls.length} requests, ${outside.length} outside 127.0.0.1`,
    );
  });

  if (problems.length > 0) {
    console.error(`notebook-browser-test: ${notebook} FAILED, ${problems.length} problem(s):`);
    for (const line of problems) console.error(`  - ${line}`);
    process.exit(1);
  }
  console.log(`notebook-browser-test: ${notebook} passed in the browser in ${seconds(started)}`);
}

main().catch((error) => {
  console.error(`notebook-browser-test: ${notebook} FAILED: ${error.stack ?? error}`);
  process.exit(1);
});
