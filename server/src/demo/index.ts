import type { ServicesOptions } from '../app/index.js';
import { markNotificationsReadBefore } from '../modules/notifications/index.js';
import { type DemoCredentials, seedDemoAccounts } from './accounts.js';
import { seedDemoAnnualReport } from './annual-report.js';
import { seedDemoCases } from './cases.js';
import { DemoClock } from './clock.js';
import { seedDemoFinance } from './finance.js';
import { seedDemoNormsAndScans } from './norms.js';
import { seedDemoAddressRegister, seedDemoMaps, seedDemoPlaces } from './places.js';
import { seedDemoProgrammes } from './programmes.js';
import { seedDemoSignals } from './signals.js';

export { type DemoCredentials, demoAccounts } from './accounts.js';

/**
 * The demo region of Midden-Nederland: an account for every role, 32 signals of the past ten
 * months in every stage, the history of 2019–2022 whose report for 2021 matches the annual
 * plan, West-Utrecht's risk-location project with the plan's figures for 2021, and the programme
 * pages of 2021 with the plan's "Beoogd / Gerealiseerd" rows, the Flevolandse norm and the scans of 2020–2022. Built through the modules' services with the demo's own clock; what exists stays.
 */
export async function seedDemo(
  options: ServicesOptions,
  progress: (done: number, total: number) => void = () => {},
): Promise<{ accounts: DemoCredentials[]; signals: number; cases: number; locations: number }> {
  const demo = new DemoClock(options);
  const accounts = await seedDemoAccounts(demo, options.keys);
  const today = new Date();
  const signals = await seedDemoSignals(demo, today);
  const cases = await seedDemoCases(demo, progress);
  demo.set(today);
  const locations = await seedDemoPlaces(demo);
  await seedDemoMaps(demo);
  await seedDemoAddressRegister(demo);
  await seedDemoProgrammes(demo);
  await seedDemoFinance(demo);
  await seedDemoNormsAndScans(demo);
  await seedDemoAnnualReport(demo);
  demo.set(today);
  // Had they worked in Samenspel all along, the demo's users would have read what reached them
  // before the last two weeks: only the recent notifications are new.
  await markNotificationsReadBefore(options.database.db, new Date(today.getTime() - 14 * 86_400_000), today);
  return { accounts, signals, cases, locations };
}
