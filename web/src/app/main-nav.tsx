import type { Permission } from '@samenspel/contracts';
import { useEffect, useId, useState } from 'react';
import { NavLink, useLocation } from 'react-router';
import { can, useMe } from '../features/auth/auth-api.js';
import { type MessageKey, t } from '../i18n/i18n.js';

interface Item {
  to: string;
  label: MessageKey;
  /** Shown to whoever holds this permission; without one, to everyone signed in. */
  permission?: Permission;
}

/** The main navigation, in the order of the work: one's own work first, steering and management last. */
const items: readonly Item[] = [
  { to: '/', label: 'nav.work' },
  { to: '/signalen', label: 'nav.signals', permission: 'signal.read' },
  { to: '/hit-no-hit', label: 'nav.inbox', permission: 'hitcheck.answer' },
  { to: '/mijn-verzoektaken', label: 'nav.dsrTasks', permission: 'dsr.decide' },
  { to: '/overleggen', label: 'nav.meetings', permission: 'meeting.manage' },
  { to: '/casussen', label: 'nav.cases', permission: 'case.read' },
  { to: '/subjecten', label: 'nav.subjects', permission: 'subject.read' },
  { to: '/risicolocaties', label: 'nav.places', permission: 'location.figures' },
  { to: '/verantwoording', label: 'nav.dashboard', permission: 'report.read' },
  { to: '/programmas', label: 'nav.programmes', permission: 'programme.read' },
  { to: '/activiteiten', label: 'nav.activities', permission: 'activity.read' },
  { to: '/voortgang-casussen', label: 'nav.caseProgress', permission: 'case-progress.read' },
  { to: '/financien', label: 'nav.finance', permission: 'finance.read' },
  { to: '/jaarverslagen', label: 'nav.annualReports', permission: 'annual-report.read' },
  { to: '/normen', label: 'nav.norms', permission: 'norm.read' },
  { to: '/scans', label: 'nav.scans', permission: 'scan.read' },
  { to: '/regio', label: 'nav.region', permission: 'reference.read' },
  { to: '/beheer/gebruikers', label: 'nav.users', permission: 'user.read' },
  { to: '/beheer/api-tokens', label: 'nav.apiTokens', permission: 'api-token.manage' },
  { to: '/beheer/adresregister', label: 'nav.addressRegister', permission: 'address-register.manage' },
  { to: '/beheer/samenwerkingsverbanden', label: 'nav.collaborations', permission: 'collaboration.read' },
  { to: '/verwerkingslog', label: 'nav.auditLog', permission: 'audit.read' },
  { to: '/verwerkingsregister', label: 'nav.processingRegister', permission: 'processing-activity.read' },
  { to: '/bewaartermijnen', label: 'nav.retention', permission: 'retention.read' },
  { to: '/verzoeken-betrokkenen', label: 'nav.dsr', permission: 'dsr.manage' },
];

/**
 * The main menu, by what the user may do. On a small screen it folds behind a "Menu" button
 * (a disclosure: aria-expanded, the list it controls), and folds again after each choice.
 */
export function MainNav() {
  const me = useMe();
  const location = useLocation();
  const [open, setOpen] = useState(false);
  const listId = useId();
  // A choice made on a small screen closes the menu, so the page it opened is in view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: closing follows the location
  useEffect(() => setOpen(false), [location.pathname]);
  if (me.data?.session.state !== 'active') return null;
  const shown = items.filter((i) => !i.permission || can(me.data, i.permission));
  return (
    <nav className="samenspel-mainnav" aria-label={t('nav.label')}>
      <button
        type="button"
        className="samenspel-mainnav__toggle"
        aria-expanded={open}
        aria-controls={listId}
        onClick={() => setOpen((o) => !o)}
      >
        <span aria-hidden="true" className="samenspel-mainnav__icon" />
        {t('nav.menu')}
      </button>
      <ul id={listId} className={`samenspel-mainnav__list${open ? ' samenspel-mainnav__list--open' : ''}`}>
        {shown.map((item) => (
          <li key={item.to}>
            <NavLink to={item.to} end={item.to === '/'} className="samenspel-mainnav__link">
              {t(item.label)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
