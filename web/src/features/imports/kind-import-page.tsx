import type { ImportKind, ImportKindView } from '@samenspel/contracts';
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
import { ImportPanel } from './import-panel.js';

/**
 * A page of its own for one kind of import (a region's case history, a partner's register of
 * signals): what it brings in, the columns the file may have with what each holds, and the
 * import panel. `invalidates` names the lists that change once it is committed.
 */
export function KindImportPage({
  kind,
  title,
  lead,
  intro,
  invalidates,
}: {
  kind: ImportKind;
  title: string;
  lead: string;
  intro: string;
  invalidates: string;
}) {
  const queryClient = useQueryClient();
  const kinds = useQuery({
    queryKey: ['import-kinds'],
    queryFn: ({ signal }) => getJson<{ items: ImportKindView[] }>('/api/v1/import-kinds', signal),
  });
  const fields = kinds.data?.items.find((k) => k.kind === kind)?.fields ?? [];
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
  }, [title]);
  return (
    <>
      <Heading1>{title}</Heading1>
      <Paragraph>{lead}</Paragraph>
      <Heading2>{t('imports.kindPage.columns')}</Heading2>
      <UnorderedList>
        {fields.map((f) => (
          <UnorderedListItem key={f.key}>
            <strong>{f.label}</strong>
            {f.required ? ` (${t('imports.kindPage.required')})` : ''}: {f.description}
          </UnorderedListItem>
        ))}
      </UnorderedList>
      <ImportPanel
        kind={kind}
        intro={intro}
        onCommitted={() => void queryClient.invalidateQueries({ queryKey: [invalidates] })}
      />
    </>
  );
}
