import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { TestUser } from '../../server/src/testing/identity.ts';
import { type Samenspel, signInThroughApi } from './server.ts';

/**
 * The browser sessions of one test: every page is opened in a fresh context (its own cookies and
 * storage), signed in as a user or not, and all of them are closed after the test, so that no
 * session or page carries over to the next test.
 */
export class Visitors {
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: Browser,
    private readonly samenspel: Samenspel,
  ) {}

  /** A new page in a context of its own; signed in through the API as `who` when given. */
  async page(who?: TestUser | { user: TestUser }, options: BrowserContextOptions = {}): Promise<Page> {
    const context = await this.browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'nl-NL',
      // Dutch officials' browsers: the days they type are the Netherlands' days, as the server's.
      timezoneId: 'Europe/Amsterdam',
      ...options,
    });
    this.contexts.push(context);
    if (who) await signInThroughApi(context, this.samenspel, 'user' in who ? who.user : who);
    return context.newPage();
  }

  /** Closes every context opened since the last call (in `afterEach`). */
  async close(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close();
  }
}
