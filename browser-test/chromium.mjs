// Debian's Chromium, started the one way every browser test here starts it: headless,
// with a fresh profile and the flags that keep it from reaching the internet by
// itself, driven through playwright-core over the DevTools protocol.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Start Chromium; resolves to { child, endpoint } once DevTools listens. */
export function startChromium(profile, timeoutMs) {
  const args = [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'];
  const child = spawn(CHROMIUM, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  return new Promise((ok, fail) => {
    let log = '';
    const timer = setTimeout(() => fail(new Error(`Chromium did not start:\n${log}`)), timeoutMs);
    child.on('error', (error) => fail(new Error(`cannot run ${CHROMIUM}: ${error.message}`)));
    child.on('exit', (code) => fail(new Error(`Chromium exited with status ${code}:\n${log}`)));
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const found = log.match(/DevTools listening on (ws:\/\/\S+)/);
      if (found) {
        clearTimeout(timer);
        ok({ child, endpoint: found[1] });
      }
    });
  });
}

/**
 * Run `body(browser)` with a Chromium on a throw-away profile, and always stop
 * Chromium and remove the profile afterwards.
 */
export async function withChromium(timeoutMs, body) {
  const profile = mkdtempSync(join(tmpdir(), 'book-chromium-'));
  const { child, endpoint } = await startChromium(profile, timeoutMs);
  try {
    const browser = await chromium.connectOverCDP(endpoint);
    try {
      return await body(browser);
    } finally {
      await browser.close();
    }
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill();
      await exited;
    }
    // Chromium's helper processes can still write into the profile after the
    // browser has exited (ENOTEMPTY twice on a busy machine, once after 20 retries):
    // a profile left in the temporary folder is not the test's failure.
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch (error) {
      console.warn(`(left Chromium's profile ${profile} in place: ${error.message})`);
    }
  }
}

/** Is this URL served by something other than this machine's 127.0.0.1? */
export function isOffHost(url) {
  const { protocol, hostname } = new URL(url);
  return !['data:', 'blob:', 'about:'].includes(protocol) && hostname !== '127.0.0.1';
}
