import { type Network, type RelationType, relationTypes } from '@samenspel/contracts';
import {
  Button,
  ButtonGroup,
  Checkbox,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import cytoscape from 'cytoscape';
import Graph from 'graphology';
import { write } from 'graphology-gexf/browser';
import { useEffect, useRef, useState } from 'react';
import { Link as RouterLink } from 'react-router';
import { DataTable } from '../../components/data-table.js';
import { DateField } from '../../components/date-field.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert } from '../../components/problem-alert.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, type MessageKey, t } from '../../i18n/i18n.js';
import { type NetworkFilter, useNetwork } from './subjects-api.js';

const kindColours: Record<string, string> = {
  person: '#1d3b5f',
  company: '#b35900',
  organisation: '#8e3b8c',
  network: '#a3282b',
  address: '#00795c',
  account: '#0072b2',
  vehicle: '#6b6b6b',
};

function download(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** GEXF 1.3 for Gephi, written by graphology-gexf from the same nodes and edges. */
function gexf(network: Network): string {
  const graph = new Graph({ multi: true, type: 'directed' });
  for (const n of network.nodes) graph.addNode(n.id, { label: n.label, kind: n.kind, records: n.records });
  for (const e of network.edges)
    if (graph.hasNode(e.from) && graph.hasNode(e.to))
      graph.addDirectedEdgeWithKey(e.id, e.from, e.to, {
        label: e.type,
        weight: e.recorded,
        start: e.startDate ?? '',
        end: e.endDate ?? '',
      });
  return write(graph, { version: '1.3' });
}

/**
 * The network around a subject or a case: Cytoscape.js draws it; the same nodes and relations
 * are in a table below, where keyboard and screen-reader users expand a subject. Filters for
 * relation type and period; export as PNG and as GEXF.
 */
export function NetworkView({
  subjectId,
  caseId,
  analyst,
}: {
  subjectId?: string;
  caseId?: string;
  analyst: boolean;
}) {
  const [filter, setFilter] = useState<NetworkFilter>({ depth: 1, types: [], from: '', to: '' });
  const [centre, setCentre] = useState(subjectId);
  const of = caseId ? { caseId } : { subjectId: centre ?? '' };
  const network = useNetwork(of, filter);
  const container = useRef<HTMLDivElement>(null);
  const cy = useRef<cytoscape.Core | null>(null);
  const data = network.data;

  useEffect(() => {
    if (!container.current || !data) return;
    cy.current?.destroy();
    cy.current = cytoscape({
      container: container.current,
      elements: [
        ...data.nodes.map((n) => ({ data: { id: n.id, label: n.label, kind: n.kind } })),
        ...data.edges
          .filter((e) => data.nodes.some((n) => n.id === e.from) && data.nodes.some((n) => n.id === e.to))
          .map((e) => ({
            data: { id: e.id, source: e.from, target: e.to, label: t(`relation.${e.type}` as MessageKey) },
          })),
      ],
      style: [
        {
          selector: 'node',
          style: {
            label: 'data(label)',
            'background-color': (node: cytoscape.NodeSingular) => kindColours[node.data('kind')] ?? '#6b6b6b',
            color: '#1a1a1a',
            'font-size': 11,
            'text-wrap': 'wrap',
            'text-max-width': '140px',
            'text-valign': 'bottom',
            'text-margin-y': 4,
          },
        },
        {
          selector: 'edge',
          style: {
            label: 'data(label)',
            width: 2,
            'line-color': '#8a8a8a',
            'target-arrow-color': '#8a8a8a',
            'target-arrow-shape': 'triangle',
            'curve-style': 'bezier',
            'font-size': 10,
            color: '#4a4a4a',
            'text-background-color': '#ffffff',
            'text-background-opacity': 1,
          },
        },
      ],
      // The layout keeps the names apart, not only the dots: two linked subjects' names (up to
      // 140 px wide) and the relation's name between them overlapped otherwise.
      layout:
        data.nodes.length > 1
          ? {
              name: 'cose',
              animate: false,
              padding: 40,
              nodeDimensionsIncludeLabels: true,
              idealEdgeLength: () => 220,
              nodeRepulsion: () => 2_000_000,
              gravity: 0.1,
            }
          : { name: 'grid', padding: 40 },
      maxZoom: 1.2,
      minZoom: 0.2,
    });
    if (analyst && !caseId) cy.current.on('tap', 'node', (event) => setCentre(event.target.id()));
    return () => {
      cy.current?.destroy();
      cy.current = null;
    };
  }, [data, analyst, caseId]);

  const toggle = (type: RelationType) =>
    setFilter((f) => ({
      ...f,
      types: f.types.includes(type) ? f.types.filter((x) => x !== type) : [...f.types, type],
    }));
  const name = (id: string) => data?.nodes.find((n) => n.id === id)?.label ?? id;

  return (
    <div className="samenspel-network">
      <fieldset className="samenspel-network__filters">
        <legend>{t('network.filters')}</legend>
        <div className="samenspel-network__types">
          {relationTypes.map((type) => (
            <span key={type} className="samenspel-checkbox-inline">
              <Checkbox
                id={`relatie-filter-${type}`}
                checked={filter.types.includes(type)}
                onChange={() => toggle(type)}
              />
              <label htmlFor={`relatie-filter-${type}`}>{t(`relation.${type}` as MessageKey)}</label>
            </span>
          ))}
        </div>
        <div className="samenspel-filters__row">
          {!caseId ? (
            <SelectField
              id="netwerk-diepte"
              label={t('network.depth')}
              value={String(filter.depth)}
              onChange={(e) => {
                // Read now: the event's target is gone by the time the state updater runs.
                const depth = Number(e.currentTarget.value);
                setFilter((f) => ({ ...f, depth }));
              }}
              options={[1, 2, 3].map((d) => [String(d), t('network.steps', { count: d })] as const)}
            />
          ) : null}
          <DateField
            id="netwerk-van"
            label={t('network.from')}
            value={filter.from}
            onChange={(e) => {
              const from = e.currentTarget.value;
              setFilter((f) => ({ ...f, from }));
            }}
          />
          <DateField
            id="netwerk-tot"
            label={t('network.to')}
            value={filter.to}
            onChange={(e) => {
              const to = e.currentTarget.value;
              setFilter((f) => ({ ...f, to }));
            }}
          />
        </div>
      </fieldset>
      {network.isFetching ? <Loading label={t('network.loading')} /> : null}
      {network.isError ? <ProblemAlert error={network.error} onRetry={() => void network.refetch()} /> : null}
      <div
        ref={container}
        className="samenspel-network__canvas"
        role="img"
        aria-label={t('network.label', { nodes: data?.nodes.length ?? 0, edges: data?.edges.length ?? 0 })}
      />
      {data ? (
        <>
          <ButtonGroup>
            <Button
              appearance="secondary-action-button"
              onClick={() => {
                const png = cy.current?.png({ full: true, bg: '#ffffff', output: 'blob', scale: 2 });
                if (png) download('netwerk.png', png as unknown as Blob);
              }}
            >
              {t('network.png')}
            </Button>
            <Button
              appearance="secondary-action-button"
              onClick={() =>
                download('netwerk.gexf', new Blob([gexf(data)], { type: 'application/gexf+xml' }))
              }
            >
              {t('network.gexf')}
            </Button>
          </ButtonGroup>
          <DataTable
            caption={t('network.subjects')}
            columns={[
              t('network.subject'),
              t('network.kind'),
              t('network.elsewhere'),
              ...(analyst && !caseId ? [t('network.centreColumn')] : []),
            ]}
          >
            {data.nodes.map((n) => (
              <TableRow key={n.id}>
                <TableHeaderCell scope="row">
                  {analyst ? <RouterLink to={`/subjecten/${n.id}`}>{n.label}</RouterLink> : n.label}
                </TableHeaderCell>
                <TableCell>{t(`registerKind.${n.kind}` as MessageKey)}</TableCell>
                <TableCell>
                  {n.hidden > 0
                    ? t('network.askRiec', { count: n.records, hidden: n.hidden })
                    : t('network.records', { count: n.records })}
                </TableCell>
                {analyst && !caseId ? (
                  <TableCell>
                    {n.id !== centre ? (
                      <Button appearance="subtle-button" onClick={() => setCentre(n.id)}>
                        {t('network.expand')}
                      </Button>
                    ) : (
                      t('network.centre')
                    )}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </DataTable>
          {data.edges.length ? (
            <DataTable
              caption={t('network.relations')}
              columns={[
                t('network.from.subject'),
                t('network.relation'),
                t('network.to.subject'),
                t('network.period'),
                t('network.recorded'),
              ]}
            >
              {data.edges.map((e) => (
                <TableRow key={e.id}>
                  <TableCell>{name(e.from)}</TableCell>
                  <TableCell>{t(`relation.${e.type}` as MessageKey)}</TableCell>
                  <TableCell>{name(e.to)}</TableCell>
                  <TableCell>
                    {e.startDate ? formatDate(e.startDate) : '…'} – {e.endDate ? formatDate(e.endDate) : '…'}
                  </TableCell>
                  <TableCell>{t('network.recordedTimes', { n: e.recorded })}</TableCell>
                </TableRow>
              ))}
            </DataTable>
          ) : (
            <Paragraph>{t('network.noRelations')}</Paragraph>
          )}
        </>
      ) : null}
    </div>
  );
}
