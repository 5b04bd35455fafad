import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { Cast } from '../../server/src/testing/factories.ts';
import { launchBrowser } from './browser.ts';
import { type Samenspel, startSamenspel } from './server.ts';
import { Visitors } from './visitors.ts';

interface Started {
  samenspel: Samenspel;
  browser: Browser;
  cast: Cast;
  visitors: Visitors;
}

/**
 * What a browser spec shares between its tests: one server and one browser for the file, the
 * file's people (a Cast), and a fresh browser context per page, closed after each test. Records
 * are not shared: each test makes its own.
 */
export class BrowserSpec {
  private started: Started | undefined;

  constructor(options: Parameters<typeof startSamenspel>[0] = {}, timeout?: number) {
    beforeAll(async () => {
      const samenspel = await startSamenspel(options);
      const browser = await launchBrowser();
      this.started = {
        samenspel,
        browser,
        cast: new Cast(samenspel),
        visitors: new Visitors(browser, samenspel),
      };
    }, timeout);
    afterEach(async () => {
      await this.started?.visitors.close();
    });
    afterAll(async () => {
      await this.started?.browser.close();
      await this.started?.samenspel.close();
    });
  }

  private get state(): Started {
    if (!this.started) throw new Error('the spec has not started yet (use it inside a test)');
    return this.started;
  }

  get samenspel(): Samenspel {
    return this.state.samenspel;
  }

  get browser(): Browser {
    return this.state.browser;
  }

  get cast(): Cast {
    return this.state.cast;
  }

  get visitors(): Visitors {
    return this.state.visitors;
  }
}
