// The one UI test: in code-server's real workbench, with the extension installed from the packaged .vsix,
// open the fixture's App.entitlements and check what a user sees: an error squiggle under exactly the
// hallucinated key, and a Problems panel row with our source and code. Saves a screenshot as an artifact.
//
// Usage: node uiTest.mjs <server-url> <workspace-folder> <results-folder> [--update-screenshot <png>]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { launchBrowser, stopwatch, writeResult } from './browser.mjs';

const [serverUrl, workspaceFolder, resultsFolder, ...options] = process.argv.slice(2);
if (!resultsFolder) throw new Error('usage: uiTest.mjs <server-url> <workspace-folder> <results-folder> [--update-screenshot <png>]');
const updateIndex = options.indexOf('--update-screenshot');
const readmeScreenshot = updateIndex >= 0 ? options[updateIndex + 1] : undefined;

const FILE = 'App.entitlements';
const KEY = 'com.apple.developer.push-notifications';
const SOURCE = 'plist-sentinel';
const CODE = 'hallucinated-key';
const STEP_TIMEOUT_MS = 60_000;

const lap = stopwatch('ui');
const screenshot = path.join(resultsFolder, 'e2e-ui.png');
const privacyScreenshot = path.join(resultsFolder, 'e2e-privacy-manifest.png');
const capabilityScreenshot = path.join(resultsFolder, 'e2e-add-capability.png');
fs.mkdirSync(resultsFolder, { recursive: true });

/** Where the squiggle is drawn and where the key's characters are, in page pixels. */
async function measureSquiggleAndKey(page) {
  return page.evaluate(({ key }) => {
    const editor = document.querySelector('.editor-instance .monaco-editor');
    const squiggle = editor?.querySelector('.squiggly-error');
    const line = [...(editor?.querySelectorAll('.view-lines .view-line') ?? [])].find((l) => l.textContent.includes(key));
    if (!squiggle || !line) return { error: `squiggle: ${Boolean(squiggle)}, line with the key: ${Boolean(line)}` };
    // Select the key's characters across the token spans Monaco renders, and measure them.
    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
    const nodes = [];
    let text = '';
    for (let node = walker.nextNode(); node; node = walker.nextNode()) { nodes.push({ node, start: text.length }); text += node.data; }
    const keyStart = text.indexOf(key);
    const locate = (offset) => {
      const found = [...nodes].reverse().find((n) => n.start <= offset);
      return [found.node, offset - found.start];
    };
    const range = document.createRange();
    range.setStart(...locate(keyStart));
    range.setEnd(...locate(keyStart + key.length));
    const keyBox = range.getBoundingClientRect();
    const squiggleBox = squiggle.getBoundingClientRect();
    const plain = (box) => ({ left: box.left, right: box.right, top: box.top, bottom: box.bottom, width: box.width });
    return { key: plain(keyBox), squiggle: plain(squiggleBox), characterWidth: keyBox.width / key.length };
  }, { key: KEY });
}

/** Opens a workspace file from the explorer and waits until its text shows `expected`. */
async function openFile(page, name, expected) {
  await page.keyboard.press('Escape');
  await page.locator('.explorer-folders-view .monaco-list-row', { hasText: name }).first().click();
  await page.locator('.editor-instance .view-lines', { hasText: expected }).first().waitFor();
  lap(`${name} open in the editor`);
}

/** The privacy manifest with a reason code of another category underlined, and its hover (docs/privacy-manifests.md). */
async function showPrivacyManifest(page) {
  await openFile(page, 'PrivacyInfo.xcprivacy', 'C617.1');
  const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-error').first();
  await squiggle.waitFor({ state: 'visible' });
  await squiggle.hover({ force: true });
  const hover = page.locator('.monaco-hover', { hasText: 'C617.1' }).first();
  const shown = await hover.waitFor({ state: 'visible', timeout: 15_000 }).then(() => true, () => false);
  await page.screenshot({ path: privacyScreenshot });
  check('the privacy manifest\'s wrong reason code is underlined, with its hover', shown, path.relative(process.cwd(), privacyScreenshot));
  await page.keyboard.press('Escape');
}

/** Add Capability's quick pick on the entitlements file, listing what each capability writes (docs/capabilities.md). */
async function showAddCapability(page) {
  await openFile(page, FILE, KEY);
  await page.locator('.editor-instance .view-lines').first().click();
  await page.keyboard.press('Control+Shift+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type('Plist Sentinel: Add Capability');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Add Capability' }).first().waitFor();
  lap('the command palette lists Add Capability');
  await page.keyboard.press('Enter');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'App Groups' }).first();
  const shown = await row.waitFor({ state: 'visible', timeout: 30_000 }).then(() => true, () => false);
  await page.screenshot({ path: capabilityScreenshot });
  check('Add Capability lists the capabilities that fit the target', shown, path.relative(process.cwd(), capabilityScreenshot));
  await page.keyboard.press('Escape');
}

const checks = [];
function check(name, ok, detail) {
  checks.push({ name, ok, detail });
  lap(`${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`);
}

const browser = await launchBrowser({ width: 1280, height: 800 });
const { page } = browser;
page.setDefaultTimeout(STEP_TIMEOUT_MS);
let failure;
try {
  await page.goto(`${serverUrl}/?folder=${encodeURIComponent(workspaceFolder)}`);
  await page.waitForSelector('.monaco-workbench');
  await page.waitForSelector('.explorer-folders-view .monaco-list-row');
  lap('workbench loaded, explorer populated');

  // Quick Open, as a user would; the workbench needs focus for its keybindings.
  await page.locator('.monaco-workbench .part.editor').click();
  await page.keyboard.press('Control+P');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(FILE);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: FILE }).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.editor-instance .view-lines', { hasText: KEY }).waitFor();
  lap(`${FILE} open in the editor`);

  const squiggle = page.locator('.editor-instance .monaco-editor .squiggly-error').first();
  await squiggle.waitFor({ state: 'visible' });
  const box = await measureSquiggleAndKey(page);
  if (box.error) {
    check('an error squiggle is drawn under the hallucinated key', false, box.error);
  } else {
    // Monaco draws the squiggle over exactly the diagnostic's range; allow a character of rounding either side.
    const tolerance = box.characterWidth;
    const isUnderKey = Math.abs(box.squiggle.left - box.key.left) <= tolerance &&
      Math.abs(box.squiggle.right - box.key.right) <= tolerance &&
      box.squiggle.top < box.key.bottom + 4 && box.squiggle.bottom > box.key.top;
    check('an error squiggle is drawn under the hallucinated key', isUnderKey,
      `squiggle x ${box.squiggle.left.toFixed(0)}-${box.squiggle.right.toFixed(0)}, ` +
      `key x ${box.key.left.toFixed(0)}-${box.key.right.toFixed(0)}`);
  }

  await page.keyboard.press('Control+Shift+M');
  const row = page.locator('.markers-panel .monaco-list-row', { hasText: CODE }).first();
  await row.waitFor();
  const rowText = (await row.innerText()).replace(/\s+/g, ' ').trim();
  const hasErrorIcon = (await row.locator('.codicon-error').count()) > 0;
  lap(`Problems panel row: ${rowText}`);
  check('the Problems panel lists the diagnostic with our source and code, as an error',
    rowText.includes(SOURCE) && rowText.includes(CODE) && rowText.includes(KEY) && hasErrorIcon,
    `source ${rowText.includes(SOURCE)}, code ${rowText.includes(CODE)}, key ${rowText.includes(KEY)}, error icon ${hasErrorIcon}`);

  // For the screenshot: the hover a user gets on the squiggle (diagnostic and key docs together).
  await squiggle.hover({ force: true });
  await page.locator('.monaco-hover', { hasText: CODE }).first().waitFor({ state: 'visible', timeout: 15_000 })
    .then(() => lap('hover shown'), () => lap('hover did not show (not checked; the screenshot is taken without it)'));
  await page.screenshot({ path: screenshot });
  check('a screenshot is saved', fs.statSync(screenshot).size > 10_000, path.relative(process.cwd(), screenshot));
  await page.keyboard.press('Escape');

  await showPrivacyManifest(page);
  await showAddCapability(page);
} catch (error) {
  failure = error;
  check('the UI flow completes', false, error instanceof Error ? error.message.split('\n')[0] : String(error));
  await page.screenshot({ path: path.join(resultsFolder, 'e2e-ui-failure.png') }).catch(() => {});
} finally {
  await browser.close();
}

// One UI test: it passes when every check in it passed.
const passed = !failure && checks.every((c) => c.ok);
if (passed && readmeScreenshot) {
  fs.copyFileSync(screenshot, readmeScreenshot);
  fs.copyFileSync(privacyScreenshot, path.join(path.dirname(readmeScreenshot), 'privacy-manifest.png'));
  fs.copyFileSync(capabilityScreenshot, path.join(path.dirname(readmeScreenshot), 'add-capability.png'));
  lap(`copied the screenshots to ${path.dirname(readmeScreenshot)}`);
}
writeResult(path.join(resultsFolder, 'e2e-ui.json'), passed ? 1 : 0, passed ? 0 : 1);
console.log(`${passed ? "PASS" : "FAIL"} UI: squiggle, Problems panel and screenshot of ${FILE}; the privacy manifest and Add Capability`);
process.exit(passed ? 0 : 1);
