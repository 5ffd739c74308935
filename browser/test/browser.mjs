// Headless Chromium for the console tests: Debian's /usr/bin/chromium (or CHROMIUM), never a downloaded browser;
// --no-sandbox because CI runs as root. Records, per page, every CSP violation, page error and JavaScript dialog.
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const browserDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const targetDir = join(browserDir, 'target');
const executablePath = process.env.CHROMIUM ?? '/usr/bin/chromium';

/** {@return a headless Chromium} Close it in an after() hook. */
export function launch() {
    return chromium.launch({ executablePath, args: ['--no-sandbox'], headless: true, timeout: 30_000 });
}

/**
 * {@return a new page (in its own context, so its own sessionStorage) with `problems`: the CSP violations the
 * page reported, its uncaught errors, and the dialogs it opened (each dismissed)}
 */
export async function openPage(browser, { width = 1280, height = 900 } = {}) {
    const context = await browser.newContext({ viewport: { width, height } });
    context.setDefaultTimeout(10_000);
    context.setDefaultNavigationTimeout(15_000);
    const page = await context.newPage();
    const problems = { csp: [], errors: [], dialogs: [] };
    await page.exposeFunction('__reportCsp', (text) => problems.csp.push(text));
    await page.addInitScript(() => {
        document.addEventListener('securitypolicyviolation', (event) => {
            window.__reportCsp(`${event.violatedDirective} blocked ${event.blockedURI}`);
        });
    });
    page.on('console', (message) => {
        if (/Content.Security.Policy/i.test(message.text())) {
            problems.csp.push(message.text());
        }
    });
    page.on('pageerror', (error) => problems.errors.push(String(error)));
    page.on('dialog', async (dialog) => {
        problems.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
        await dialog.dismiss();
    });
    return { page, context, problems };
}

/** Saves a screenshot of `page` as target/<name>.png. */
export async function screenshot(page, name) {
    await mkdir(targetDir, { recursive: true });
    const path = join(targetDir, `${name}.png`);
    await page.screenshot({ path, fullPage: true });
    return path;
}
