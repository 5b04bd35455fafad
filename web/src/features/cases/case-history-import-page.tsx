import type { ImportKindView } from '@samenspel/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Heading1,
  Heading2,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { getJson } from '../../components/api.js';
import { t } from '../../i18n/i18n.js';
import { ImportPanel } from '../imports/import-panel.js';

/**
 * A region's earlier cases from its old register: one row per dated step, checked as a whole
 * before anything is written (the import pipeline, kind `case-history`). The page lists the
 * columns the file may have, with what each holds.
 */
export function CaseHistoryImportPage() {
  const queryClient = useQueryClient();
  const kinds = useQuery({
    queryKey: ['import-kinds'],
    queryFn: ({ signal }) => getJson<{ items: ImportKindView[] }>('/api/v1/import-kinds', signal),
  });
  const fields = kinds.data?.items.find((k) => k.kind === 'case-history')?.fields ?? [];
  useEffect(() => {
    document.title = `${t('imports.caseHistory.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('imports.caseHistory.title')}</Heading1>
      <Paragraph>{t('imports.caseHistory.lead')}</Paragraph>
      <Heading2>{t('imports.caseHistory.columns')}</Heading2>
      <UnorderedList>
        {fields.map((f) => (
          <UnorderedListItem key={f.key}>
            <strong>{f.label}</strong>
            {f.required ? ` (${t('imports.caseHistory.required')})` : ''}: {f.description}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      <ImportPanel
        kind="case-history"
        intro={t('imports.caseHistoryIntro')}
        onCommitted={() => void queryClient.invalidateQueries({ queryKey: ['cases'] })}
      />
    </>
  );
}
