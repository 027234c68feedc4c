// axe-core on local HTML/XHTML files, in Debian's headless chromium through puppeteer-core.
//   node tools/axe-run.cjs FILE...
// Runs every axe rule that is on by default (WCAG A/AA and best practices) on each file, in one
// browser, and prints one JSON object: {tool, version, browser, results: [{file, violations, incomplete}]}
// (incomplete: what axe could not decide and leaves to a person).
// Exit 0: no violations; 1: violations; 2: the checker could not run.
// The page may not reach the network: every http(s) request is aborted.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const url = require('url');

const files = process.argv.slice(2);
if (!files.length) {
  console.error('usage: node tools/axe-run.cjs FILE...');
  process.exit(2);
}

(async () => {
  const puppeteer = require('puppeteer-core');
  const axeSource = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'axe-chromium-'));
  const browser = await puppeteer.launch({
    executablePath: process.env.PUPPETEER_EXECUTABLE_PATH || '/usr/bin/chromium',
    headless: true,
    userDataDir: profile,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const results = [];
    for (const file of files) {
      const page = await browser.newPage();
      await page.setRequestInterception(true);
      page.on('request', r => (/^https?:/i.test(r.url()) ? r.abort() : r.continue()));
      await page.goto(url.pathToFileURL(path.resolve(file)).href, { waitUntil: 'load', timeout: 60000 });
      await page.addScriptTag({ content: axeSource });
      const res = await page.evaluate(() => window.axe.run(document));
      const shape = v => ({
        id: v.id, impact: v.impact, help: v.help, tags: v.tags,
        nodes: v.nodes.map(n => n.target.join(' ')),
      });
      results.push({ file, violations: res.violations.map(shape), incomplete: res.incomplete.map(shape) });
      await page.close();
    }
    console.log(JSON.stringify({
      tool: 'axe-core', version: require('axe-core/package.json').version,
      browser: await browser.version(), results,
    }, null, 1));
    process.exitCode = results.some(r => r.violations.length) ? 1 : 0;
  } finally {
    await browser.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
})().catch(e => {
  console.log(JSON.stringify({ error: String((e && e.stack) || e) }));
  process.exit(2);
});
