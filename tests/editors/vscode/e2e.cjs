// Drives code-server (the real VS Code workbench) in headless Debian Chromium like a user:
// opens the fixture story, waits for copydesk's diagnostics in the Problems panel, clicks
// each expected problem, applies the quick fix from the Ctrl+. menu, checks the text and that
// the problem went away, runs "copydesk: Fix all in document" from the command palette, saves
// and compares the file on disk, restarts the server ("copydesk: Restart server") and types a
// new slip that must be flagged, turns that rule off in the project's .vscode/settings.json
// (the finding must go), then points `copydesk.server.path` at nothing and expects the one
// clear "not found" message.
// Screenshots: 01-diagnostics, 02-quick-fix-menu, 03-fixed, 04-missing-server (failure.png on
// failure).
//
//   node e2e.cjs URL OUT_DIR STORY_FILE MACHINE_SETTINGS_JSON USER_DATA_DIR
//
// The selectors are VS Code internals (code-server 4.139.1 = VS Code 1.139.1); re-check them
// when bumping code-server.
const { chromium } = require('playwright-core');
const fs = require('node:fs');
const path = require('node:path');

const [url, outDir, storyFile, settingsFile, userDataDir] = process.argv.slice(2);
const expect = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'fixture', 'expect.json'), 'utf8'));
const shot = (page, name) => page.screenshot({ path: path.join(outDir, `${name}.png`) });
const log = (...args) => console.log(...args);

/** The story editor's lines, in order (the lines in view: the test keeps the whole story in
 * view). Monaco positions its line elements absolutely and wraps long lines into several; a
 * line starts where the gutter shows a line number. */
async function editorLines(page) {
  const editor = page.locator('.part.editor .monaco-editor').first();
  const rows = await editor.locator('.view-lines .view-line').evaluateAll((els) =>
    els.map((e) => [parseFloat(e.style.top), e.textContent.replace(/\u00a0/g, ' ')]));
  const starts = new Set(await editor.locator('.margin-view-overlays > div').evaluateAll((els) =>
    els.filter((e) => /\d/.test(e.textContent)).map((e) => parseFloat(e.style.top))));
  const lines = [];
  for (const [top, text] of rows.sort((a, b) => a[0] - b[0])) {
    if (starts.has(top) || lines.length === 0) lines.push(text);
    else lines[lines.length - 1] += text;
  }
  return lines;
}

async function waitUntil(what, timeoutMs, pred) {
  const deadline = Date.now() + timeoutMs;
  let last;
  while (Date.now() < deadline) {
    last = await pred();
    if (last === true) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what} (last: ${JSON.stringify(last)})`);
}

/** Problems panel rows from copydesk, of one rule on one line (1-based) if given. */
function problem(page, rule, line) {
  let rows = page.locator('.markers-panel .monaco-list-row')
    .filter({ has: page.locator('.marker-source', { hasText: /^copydesk$/ }) });
  if (rule) rows = rows.filter({ has: page.locator('.marker-code', { hasText: new RegExp(`^${rule}$`) }) });
  if (line) rows = rows.filter({ has: page.locator('.marker-line', { hasText: `[Ln ${line},` }) });
  return rows;
}

/** The text of the extension's "copydesk" output channel (VS Code writes it under logs/). */
function outputChannelLog() {
  const files = fs.readdirSync(path.join(userDataDir, 'logs'), { recursive: true })
    .filter((f) => /output_logging_.*copydesk\.log$/.test(f));
  return files.map((f) => fs.readFileSync(path.join(userDataDir, 'logs', f), 'utf8')).join('');
}

/** Runs a command from the command palette (F1), as a user types it. */
async function runCommand(page, typed, label) {
  await page.keyboard.press('F1');
  await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
  await page.keyboard.type(typed);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().waitFor({ timeout: 10000 });
  await page.keyboard.press('Enter');
}

const sameLines = (a, b) => a.length === b.length && a.every((line, i) => line === b[i]);

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1100, height: 760 } });
  let ok = false;
  try {
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
    await page.waitForTimeout(2000); // let the extension host come up
    await page.keyboard.press('Control+B'); // hide the side bar: room for the whole story
    // Quick Open -> story.md
    await page.keyboard.press('Control+P');
    await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
    await page.keyboard.type('story.md');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'story.md' }).first().waitFor({ timeout: 30000 });
    await page.keyboard.press('Enter');
    await page.waitForSelector('.part.editor .monaco-editor .view-lines', { timeout: 30000 });
    await page.keyboard.press('Control+Shift+M'); // Problems panel

    const expected = fs.readFileSync(storyFile, 'utf8').split('\n');
    for (const [i, fix] of expect.quickfixes.entries()) {
      const n = expected.indexOf(fix.line) + 1;
      if (n === 0) throw new Error(`story has no line ${JSON.stringify(fix.line)}`);
      const row = problem(page, fix.rule, n);
      await row.first().waitFor({ timeout: i === 0 ? 60000 : 15000 });
      log(`Problems row: ${JSON.stringify(await row.first().innerText())}`);
      if (i === 0) {
        // The severity comes from the `copydesk.rules` setting. The icon is in the row even
        // when VS Code hides it behind a quick-fix button (rows whose fixes it has fetched).
        await row.first().locator(`.marker-icon.${expect.severity}`).waitFor({ state: 'attached', timeout: 10000 });
        await page.waitForSelector(`.part.editor .monaco-editor .squiggly-${expect.severity}`, { timeout: 10000 });
        await shot(page, '01-diagnostics');
      }
      // Go to the problem (Ctrl+G line:column, from the Problems row), then Ctrl+. for the
      // quick fixes; press it again if the menu does not come up with the fix.
      const [, ln, col] = (await row.first().locator('.marker-line').innerText()).match(/Ln (\d+), Col (\d+)/);
      await page.locator('.part.editor .monaco-editor .view-lines').first().click();
      await page.keyboard.press('Control+G');
      await page.waitForSelector('.quick-input-widget input', { state: 'visible' });
      await page.keyboard.type(`${ln}:${col}`);
      await page.keyboard.press('Enter');
      await page.waitForTimeout(500); // a reader's pause: the lightbulb comes up
      const item = page.locator('.action-widget .monaco-list-row', { hasText: fix.title });
      for (let attempt = 1; ; attempt++) {
        await page.keyboard.press('Control+.');
        try {
          await item.first().waitFor({ timeout: 5000 });
          break;
        } catch (e) {
          if (attempt === 3) throw e;
          log(`Ctrl+. menu without "${fix.title}" (attempt ${attempt}); pressing it again`);
          await page.keyboard.press('Escape');
        }
      }
      if (i === 0) await shot(page, '02-quick-fix-menu');
      await item.first().click();
      await page.keyboard.press('Control+Home'); // back to the top: the whole story in view
      if (fix.after === null) expected.splice(n - 1, fix.removes ?? 1);
      else expected[n - 1] = fix.after;
      await waitUntil(`quick fix "${fix.title}" not applied`, 10000,
        async () => sameLines(await editorLines(page), expected) || (await editorLines(page)));
      log(`applied "${fix.title}"; line ${n}: ${expected[n - 1]}`);
      await row.first().waitFor({ state: 'detached', timeout: 15000 });
    }

    // "copydesk: Fix all in document" from the command palette.
    const targets = []; // where the fix-all changes land, found before it runs
    for (const change of expect.fixAll) {
      const n = expected.indexOf(change.line) + 1;
      if (n === 0) throw new Error(`story has no line ${JSON.stringify(change.line)}`);
      await problem(page, change.rule, n).first().waitFor({ timeout: 15000 });
      targets.push([n, change.after]);
    }
    await page.locator('.part.editor .monaco-editor .view-lines').first().click();
    await runCommand(page, 'copydesk: Fix all in document', 'Fix all in document');
    await page.keyboard.press('Control+Home');
    for (const [n, after] of targets) expected[n - 1] = after;
    await waitUntil('"Fix all in document" did not give the expected text', 10000,
      async () => sameLines(await editorLines(page), expected) || (await editorLines(page)));
    for (const [n, after] of targets) log(`after "Fix all in document", line ${n}: ${after}`);

    // Save: the file on disk must be exactly the expected text (no byte lost or added).
    await page.keyboard.press('Control+S');
    await waitUntil('saved file differs from the expected text', 10000,
      async () => fs.readFileSync(storyFile, 'utf8') === expected.join('\n') || fs.readFileSync(storyFile, 'utf8'));
    await problem(page).first().waitFor({ state: 'detached', timeout: 15000 });
    await shot(page, '03-fixed');

    // "copydesk: Restart server", then a new slip typed at the end must be flagged again.
    await runCommand(page, 'copydesk: Restart server', 'Restart server');
    await page.locator('.part.editor .monaco-editor .view-lines').first().click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(expect.typed.text);
    await problem(page, expect.typed.rule, expected.length).first().waitFor({ timeout: 20000 });
    const starts = (outputChannelLog().match(/^Starting /gm) || []).length;
    // At least the first start and the restart; code-server under load sometimes restarts its
    // extension host on its own, which starts the server once more.
    if (starts < 2) throw new Error(`the copydesk output channel shows ${starts} server start(s), not 2`);
    log(`after a restart, typed line ${expected.length} is flagged (${expect.typed.rule})`);

    // Settings changed while it runs: the project's .vscode/settings.json turns the rule off,
    // and its finding must go (the extension sends workspace/didChangeConfiguration; no
    // restart).
    const workspaceSettingsFile = path.join(path.dirname(storyFile), '.vscode', 'settings.json');
    fs.mkdirSync(path.dirname(workspaceSettingsFile), { recursive: true });
    fs.writeFileSync(workspaceSettingsFile, JSON.stringify({ 'copydesk.rules': { [expect.typed.rule]: { enabled: false } } }, null, 1));
    await problem(page, expect.typed.rule, expected.length).first().waitFor({ state: 'detached', timeout: 20000 });
    log(`with ${expect.typed.rule} turned off in .vscode/settings.json, its finding is gone`);

    // A server path that does not exist: one clear message with the install command.
    const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8'));
    fs.writeFileSync(settingsFile, JSON.stringify({ ...settings, 'copydesk.server.path': '/nonexistent/copydesk' }, null, 1));
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: 'cargo install --path .' });
    await toast.first().waitFor({ timeout: 20000 });
    log(`missing server message: ${JSON.stringify(await toast.first().innerText())}`);
    await shot(page, '04-missing-server');
    log('PASS: diagnostics shown, quick fixes applied, diagnostics cleared, fix all applied, restart, settings change, missing server reported');
    ok = true;
  } catch (e) {
    console.error('FAIL:', e.message);
    await shot(page, 'failure').catch(() => {});
  } finally {
    await browser.close();
  }
  process.exit(ok ? 0 : 1);
})();
