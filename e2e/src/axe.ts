import { AxeBuilder } from '@axe-core/playwright';
import axe from 'axe-core';
import type { Page } from 'playwright-core';

/**
 * WCAG 2.1 AA violations on the page, one line each; an empty list is a pass.
 *
 * Axe runs in the page itself (`axe.run`, the builder's "legacy mode"). The default mode runs
 * `axe.runPartial` in every frame and then opens a blank page in the context to combine the parts,
 * which only cross-origin frames need; Samenspel's pages have no frames, and the blank page doubled
 * the time of every check (measured on cases.spec: 17 checks in 28 s against 14 s).
 *
 * Axe-core is put in a document once: the builder sends its half a megabyte of source to the page
 * twice on every check (for the check, and again for each frame), which was most of the test
 * process's own work in a browser file (a profile of norms-and-scans.spec: 3.7 of its 8 s of CPU
 * writing to Chromium's pipe). The app changes pages without loading a new document, so later
 * checks find axe there; the builder is given an empty source (its `axeSource` option) to send.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  if (page.frames().length > 1) throw new Error('the page has frames: check them with the default mode');
  if (!(await page.evaluate('typeof window.axe === "object"'))) await page.evaluate(axe.source);
  const results = await new AxeBuilder({ page, axeSource: ';' })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .setLegacyMode(true)
    .analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
