import type { CaseDetail } from '@samenspel/contracts';
import {
  DataList,
  DataListItem,
  DataListKey,
  DataListValue,
  Heading1,
  Paragraph,
} from '@utrecht/component-library-react';
import { Link as RouterLink } from 'react-router';
import { t } from '../../../i18n/i18n.js';

/** The way back to the list, the case's code name, and what the case is about. */
export function CaseHeader({ c }: { c: CaseDetail }) {
  return (
    <>
      <Paragraph>
        <RouterLink to="/casussen" className="utrecht-link">
          {t('cases.title')}
        </RouterLink>
      </Paragraph>
      <Heading1>{c.codeName}</Heading1>
      <DataList>
        <DataListItem>
          <DataListKey>{t('cases.reference')}</DataListKey>
          <DataListValue>{c.reference}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.phase')}</DataListKey>
          <DataListValue>{t(`phase.${c.phase}`)}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.origin')}</DataListKey>
          <DataListValue>
            {t(`origin.${c.origin}`)}
            {c.signals.length ? ` (${c.signals.map((s) => s.reference).join(', ')})` : ''}
            {c.originOrganisations.length ? ` — ${c.originOrganisations.map((o) => o.name).join(', ')}` : ''}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.director')}</DataListKey>
          <DataListValue>{c.director?.name ?? '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('meetings.district')}</DataListKey>
          <DataListValue>
            {c.district?.name ?? t('cases.regionalShort')}: {c.municipalities.map((m) => m.name).join(', ')}
          </DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.goal')}</DataListKey>
          <DataListValue>{c.goal ?? '—'}</DataListValue>
        </DataListItem>
        <DataListItem>
          <DataListKey>{t('cases.strategy')}</DataListKey>
          <DataListValue>{c.strategy ?? '—'}</DataListValue>
        </DataListItem>
      </DataList>
    </>
  );
}
