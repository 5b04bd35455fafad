import { Heading1, Paragraph } from '@utrecht/component-library-react';
import { useEffect } from 'react';
import { Link as RouterLink } from 'react-router';
import { useHashTarget } from '../../components/hash-target.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { t } from '../../i18n/i18n.js';
import { useIndicators } from './programmes-api.js';
import './programmes.css';

/**
 * Every indicator a goal's result can be computed with, and how it is counted: the page each
 * computed figure on a programme page links to (`#cases.handled` brings that one into view).
 */
export function IndicatorsPage() {
  const indicators = useIndicators();
  useHashTarget(Boolean(indicators.data));
  useEffect(() => {
    document.title = `${t('indicators.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <nav aria-label={t('signal.breadcrumb')} className="samenspel-breadcrumb">
        <RouterLink to="/programmas" className="utrecht-link">
          {t('programmes.title')}
        </RouterLink>{' '}
        <span aria-hidden="true">›</span> <span aria-current="page">{t('indicators.title')}</span>
      </nav>
      <Heading1>{t('indicators.title')}</Heading1>
      <Paragraph>{t('indicators.intro')}</Paragraph>
      {indicators.isPending ? <Loading /> : null}
      {indicators.isError ? (
        <ProblemAlert error={indicators.error} onRetry={() => void indicators.refetch()} />
      ) : null}
      {indicators.data ? (
        <dl className="samenspel-indicators">
          {indicators.data.map((d) => (
            <div key={d.id} id={d.id} className="samenspel-indicator">
              <dt>
                {d.name} <code className="samenspel-muted">{d.id}</code>
              </dt>
              <dd>{d.definition}</dd>
              <dd className="samenspel-muted">
                {t(`indicators.unit.${d.unit}`)}
                {d.option !== 'none' ? `; ${t(`indicators.option.${d.option}`)}` : ''}
              </dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
}
