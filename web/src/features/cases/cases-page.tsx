import { type CaseSummary, casePhases } from '@samenspel/contracts';
import {
  ButtonGroup,
  ButtonLink,
  Heading1,
  Paragraph,
  TableCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useEffect, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { type SelectChoice, SelectField } from '../../components/select-field.js';
import { formatDate, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { useCases } from './cases-api.js';

function days(value: number | null): string {
  return value === null ? '—' : String(value).replace('.', ',');
}

const ageLimits = { all: Number.POSITIVE_INFINITY, '6': 183, '12': 366, '24': 731 } as const;

/** The cases the caller may see, filtered by district, theme, phase, priority and age. */
export function CasesPage() {
  const me = useMe();
  const cases = useCases();
  const [district, setDistrict] = useState('');
  const [theme, setTheme] = useState('');
  const [phase, setPhase] = useState('');
  const [priority, setPriority] = useState('');
  const [age, setAge] = useState<keyof typeof ageLimits>('all');
  useEffect(() => {
    document.title = `${t('cases.title')} · ${t('app.name')}`;
  }, []);
  const all = cases.data ?? [];
  const districtOf = (c: CaseSummary) => c.district ?? { id: 'regionaal', name: t('cases.regionalShort') };
  const districts = [...new Map(all.map((c) => [districtOf(c).id, districtOf(c)])).values()];
  const themes = [...new Map(all.flatMap((c) => c.themes).map((th) => [th.id, th])).values()];
  const today = Date.now();
  const shown = all.filter(
    (c: CaseSummary) =>
      (!district || districtOf(c).id === district) &&
      (!theme || c.themes.some((th) => th.id === theme)) &&
      (!phase || c.phase === phase) &&
      (!priority || String(c.priority ?? '') === priority) &&
      (today - new Date(`${c.startedOn}T00:00:00Z`).getTime()) / 86_400_000 <= ageLimits[age],
  );
  const filter = (
    id: string,
    label: string,
    value: string,
    onChange: (v: string) => void,
    options: ReadonlyArray<SelectChoice>,
  ) => (
    <SelectField
      id={id}
      label={label}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      options={options}
    />
  );
  return (
    <>
      <Heading1>{t('cases.title')}</Heading1>
      {can(me.data, 'case.create') ? (
        <ButtonGroup>
          <ButtonLink appearance="primary-action-button" href="/casussen/nieuw">
            {t('cases.new')}
          </ButtonLink>
        </ButtonGroup>
      ) : null}
      <div className="samenspel-filters">
        {filter('filter-district', t('meetings.district'), district, setDistrict, [
          ['', t('audit.all')],
          ...districts.map((d) => [d.id, d.name] as const),
        ])}
        {filter('filter-thema', t('cases.theme'), theme, setTheme, [
          ['', t('audit.all')],
          ...themes.map((th) => [th.id, th.name] as const),
        ])}
        {filter('filter-fase', t('cases.phase'), phase, setPhase, [
          ['', t('audit.all')],
          ...casePhases.map((p) => [p, t(`phase.${p}`)] as const),
        ])}
        {filter('filter-prioriteit', t('cases.priority'), priority, setPriority, [
          ['', t('audit.all')],
          ['1', '1'],
          ['2', '2'],
          ['3', '3'],
        ])}
        {filter('filter-leeftijd', t('cases.age'), age, (v) => setAge(v as keyof typeof ageLimits), [
          ['all', t('audit.all')],
          ['6', t('cases.age6')],
          ['12', t('cases.age12')],
          ['24', t('cases.age24')],
        ])}
      </div>
      {cases.isPending ? <Loading /> : null}
      {cases.isError ? <ProblemAlert error={cases.error} onRetry={() => void cases.refetch()} /> : null}
      {cases.data && shown.length === 0 ? <Paragraph>{t('cases.none')}</Paragraph> : null}
      {shown.length > 0 ? (
        <DataTable
          caption={t('cases.caption', { count: shown.length })}
          columns={[
            t('cases.codeName'),
            t('cases.phase'),
            t('meetings.district'),
            t('cases.started'),
            t('cases.priority'),
            t('cases.signalToCase'),
            t('cases.startToIntervention'),
            t('cases.startToClosure'),
          ]}
        >
          {shown.map((c) => (
            <TableRow key={c.id}>
              <TableCell>
                <RouterLink to={`/casussen/${c.id}`} className="utrecht-link">
                  {c.codeName}
                </RouterLink>
                <br />
                <span className="samenspel-muted">{c.reference}</span>
              </TableCell>
              <TableCell>{t(`phase.${c.phase}`)}</TableCell>
              <TableCell>{districtOf(c).name}</TableCell>
              <TableCell>{formatDate(c.startedOn)}</TableCell>
              <TableCell className="samenspel-number">{c.priority ?? '—'}</TableCell>
              <TableCell className="samenspel-number">{days(c.leadTimes.signalToCase)}</TableCell>
              <TableCell className="samenspel-number">{days(c.leadTimes.startToFirstIntervention)}</TableCell>
              <TableCell className="samenspel-number">{days(c.leadTimes.startToClosure)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </>
  );
}
