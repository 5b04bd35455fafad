import { locationKinds, type ProjectFigureRow } from '@samenspel/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldCheckbox,
  FormFieldErrorMessage,
  FormFieldTextbox,
  Heading1,
  Paragraph,
  TableCell,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useMemo, useRef, useState } from 'react';
import { Link as RouterLink, useNavigate } from 'react-router';
import { ApiError } from '../../components/api.js';
import { DataTable } from '../../components/data-table.js';
import { DateField, isoDateFromToday } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { LIST_PAGE_SIZE, Pager, useListParams } from '../../components/list-controls.js';
import { Loading } from '../../components/loading.js';
import { ProblemAlert, problemDetail } from '../../components/problem-alert.js';
import { Section } from '../../components/section.js';
import { SelectField } from '../../components/select-field.js';
import { formatDate, formatNumber, type MessageKey, t } from '../../i18n/i18n.js';
import { can, useMe } from '../auth/auth-api.js';
import { ImportPanel } from '../imports/import-panel.js';
import { useBoundaries, useMunicipalities } from '../reference/reference-api.js';
import {
  createLocation,
  lookupAddress,
  placesKey,
  useFigures,
  useInspections,
  useLocations,
  useMapLayerFeatures,
  useMapLayers,
  useMapSettings,
  useProjectMap,
  useProjects,
} from './places-api.js';
import { PlanInspection } from './plan-inspection.js';
import { PointPicker } from './point-picker.js';
import { ProjectMapView } from './project-map.js';
import { RegionMapSection } from './region-map.js';

const thisYear = new Date().getFullYear();
const years = Array.from({ length: 6 }, (_, i) => String(thisYear - i));

/**
 * Places: a risk-location project's figures for a year (as the annual plan reports them), the
 * register of locations the user may see with their status, the inspections, and flagging a new
 * location. Steering roles see the figures only.
 */
/** A register of risk locations from a spreadsheet, through the import panel. */
/** A register of risk locations, or a list of inspections, from a spreadsheet. */
function ImportPlaces({ kind }: { kind: 'risk-locations' | 'inspections' }) {
  const queryClient = useQueryClient();
  return (
    <ImportPanel
      kind={kind}
      title={t(kind === 'risk-locations' ? 'imports.riskLocationsTitle' : 'imports.inspectionsTitle')}
      intro={t(kind === 'risk-locations' ? 'imports.riskLocationsIntro' : 'imports.inspectionsIntro')}
      onCommitted={() => void queryClient.invalidateQueries({ queryKey: placesKey })}
    />
  );
}

export function PlacesPage() {
  const me = useMe();
  const { params, page, update } = useListParams('-flaggedOn');
  const projects = useProjects();
  const projectId = params.get('project') ?? projects.data?.[0]?.id ?? '';
  const year = Number(params.get('jaar')) || thisYear - 1;
  const readsLocations = can(me.data, 'location.read');
  useEffect(() => {
    document.title = `${t('places.title')} · ${t('app.name')}`;
  }, []);
  return (
    <>
      <Heading1>{t('places.title')}</Heading1>
      <Paragraph>{t('places.intro')}</Paragraph>
      {projects.isPending ? <Loading /> : null}
      {projects.isError ? (
        <ProblemAlert error={projects.error} onRetry={() => void projects.refetch()} />
      ) : null}
      {projects.data && projects.data.length === 0 ? <Paragraph>{t('places.noProjects')}</Paragraph> : null}
      {projects.data && projects.data.length > 0 ? (
        <div className="samenspel-filters">
          <SelectField
            id="project"
            label={t('places.project')}
            value={projectId}
            onChange={(event) => update({ project: event.currentTarget.value })}
            options={projects.data.map((p) => [p.id, p.name] as const)}
          />
          <SelectField
            id="jaar"
            label={t('places.year')}
            value={String(year)}
            onChange={(event) => update({ jaar: event.currentTarget.value })}
            options={years.map((y) => [y, y] as const)}
          />
        </div>
      ) : null}
      {projectId ? <Figures projectId={projectId} year={year} /> : null}
      {projectId ? <MapSection projectId={projectId} year={year} /> : null}
      {!projects.isPending && can(me.data, 'location.figures') ? (
        // The year chosen above; without projects there is no choice, and the map shows this year.
        <RegionMapSection year={projects.data?.length ? year : Number(params.get('jaar')) || thisYear} />
      ) : null}
      {readsLocations ? (
        <Locations
          projectId={projectId}
          page={page}
          status={params.get('status') ?? ''}
          onPage={(p) => update({ pagina: String(p) })}
          onStatus={(status) => update({ status })}
        />
      ) : null}
      {can(me.data, 'map-layer.read') ? <LayersSection /> : null}
      {can(me.data, 'inspection.read') ? <Inspections projectId={projectId} /> : null}
      {can(me.data, 'inspection.create') ? <PlanInspection projectId={projectId} /> : null}
      {can(me.data, 'location.create') ? <NewLocation projectId={projectId} /> : null}
      {can(me.data, 'location.create') ? <ImportPlaces kind="risk-locations" /> : null}
      {can(me.data, 'inspection.create') ? <ImportPlaces kind="inspections" /> : null}
      {can(me.data, 'address-register.manage') ? (
        <Paragraph>
          <RouterLink to="/beheer/adresregister" className="utrecht-link">
            {t('places.register.manage')}
          </RouterLink>
        </Paragraph>
      ) : null}
    </>
  );
}

function MapSection({ projectId, year }: { projectId: string; year: number }) {
  const me = useMe();
  const map = useProjectMap(projectId, year);
  const boundaries = useBoundaries(me.data?.region.id);
  const projects = useProjects();
  const district = projects.data?.find((p) => p.id === projectId)?.district?.id;
  const layers = useMapLayers(can(me.data, 'map-layer.read'));
  // The opportunity and risk maps of the project's district, as layers to switch on.
  const ofDistrict = (layers.data ?? [])
    .filter((l) => !district || l.district?.id === district)
    .map((l) => l.id);
  const features = useMapLayerFeatures(ofDistrict);
  // The same layers keep the same array, so that the map is drawn again only when they change.
  const loaded = features.map((q) => q.dataUpdatedAt).join();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the layers change when `loaded` does
  const overlays = useMemo(() => features.flatMap((q) => (q.data ? [q.data] : [])), [loaded]);
  const settings = useMapSettings();
  const failed = [map, boundaries].find((q) => q.isError);
  return (
    <Section id="kaart" title={t('places.mapTitle', { year })}>
      {map.isPending || boundaries.isPending ? <Loading /> : null}
      {failed?.error ? <ProblemAlert error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      {map.data && boundaries.data ? (
        <ProjectMapView
          map={map.data}
          boundaries={boundaries.data}
          layers={overlays}
          tiles={settings.data?.tiles ?? null}
        />
      ) : null}
    </Section>
  );
}

/** The region's opportunity maps (per municipality) and risk maps (per base team). */
function LayersSection() {
  const layers = useMapLayers();
  return (
    <Section id="kaartlagen" title={t('places.layers')}>
      {layers.isPending ? <Loading /> : null}
      {layers.isError ? <ProblemAlert error={layers.error} onRetry={() => void layers.refetch()} /> : null}
      {layers.data && layers.data.length === 0 ? <Paragraph>{t('places.noLayers')}</Paragraph> : null}
      {layers.data && layers.data.length > 0 ? (
        <DataTable
          caption={t('places.layersCaption', { count: layers.data.length })}
          columns={[
            t('places.layerName'),
            t('places.layerKind'),
            t('places.layerArea'),
            t('places.layerMadeOn'),
            { label: t('places.layerObjects'), className: 'samenspel-number' },
            t('places.layerIndicators'),
          ]}
        >
          {layers.data.map((l) => (
            <TableRow key={l.id}>
              <TableHeaderCell scope="row">{l.name}</TableHeaderCell>
              <TableCell>{t(`places.layerKind.${l.kind}`)}</TableCell>
              <TableCell>{l.municipality?.name ?? l.baseTeam?.name ?? ''}</TableCell>
              <TableCell>{formatDate(l.madeOn)}</TableCell>
              <TableCell className="samenspel-number">{formatNumber(l.featureCount)}</TableCell>
              <TableCell>{l.indicators.join(', ')}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}

const measures: ReadonlyArray<[keyof ProjectFigureRow, MessageKey]> = [
  ['flagged', 'places.flagged'],
  ['flaggedInBaseline', 'places.flaggedInBaseline'],
  ['flaggedNew', 'places.flaggedNew'],
  ['lookedInto', 'places.lookedInto'],
  ['lookedIntoInPeriod', 'places.lookedIntoInPeriod'],
  ['confirmed', 'places.confirmed'],
  ['dispelled', 'places.dispelled'],
  ['open', 'places.open'],
  ['addressed', 'places.addressed'],
  ['addressedInPeriod', 'places.addressedInPeriod'],
  ['inspections', 'places.inspections'],
  ['integralInspections', 'places.integralInspections'],
];

function Figures({ projectId, year }: { projectId: string; year: number }) {
  const figures = useFigures(projectId, year);
  if (figures.isPending) return <Loading />;
  if (figures.isError) return <ProblemAlert error={figures.error} onRetry={() => void figures.refetch()} />;
  const f = figures.data;
  return (
    <Section id="cijfers" title={t('places.figures', { year })}>
      {f.project.baselineOn ? (
        <Paragraph>{t('places.baseline', { date: formatDate(f.project.baselineOn) })}</Paragraph>
      ) : null}
      <DataTable
        caption={t('places.figuresCaption', { project: f.project.name, year })}
        columns={[t('places.measure'), { label: t('places.number'), className: 'samenspel-number' }]}
        cards={false}
      >
        {measures.map(([key, label]) => (
          <TableRow key={key}>
            <TableHeaderCell scope="row">{t(label, { year })}</TableHeaderCell>
            <TableCell className="samenspel-number">{formatNumber(f.total[key])}</TableCell>
          </TableRow>
        ))}
        <TableRow>
          <TableHeaderCell scope="row">{t('places.addressedMunicipalities')}</TableHeaderCell>
          <TableCell className="samenspel-number">{formatNumber(f.total.addressedMunicipalities)}</TableCell>
        </TableRow>
      </DataTable>
      {f.municipalities.length > 0 ? (
        <DataTable
          caption={t('places.perMunicipality', { year })}
          columns={[
            t('places.municipality'),
            { label: t('places.flagged', { year }), className: 'samenspel-number' },
            { label: t('places.lookedInto'), className: 'samenspel-number' },
            { label: t('places.open'), className: 'samenspel-number' },
            { label: t('places.addressed'), className: 'samenspel-number' },
            { label: t('places.inspectionsShort'), className: 'samenspel-number' },
          ]}
        >
          {f.municipalities.map((m) => (
            <TableRow key={m.municipality.code}>
              <TableHeaderCell scope="row">{m.municipality.name}</TableHeaderCell>
              <TableCell className="samenspel-number">{formatNumber(m.flagged)}</TableCell>
              <TableCell className="samenspel-number">{formatNumber(m.lookedInto)}</TableCell>
              <TableCell className="samenspel-number">{formatNumber(m.open)}</TableCell>
              <TableCell className="samenspel-number">{formatNumber(m.addressed)}</TableCell>
              <TableCell className="samenspel-number">{formatNumber(m.inspections)}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
      {f.protected ? <Paragraph>{t('places.protected')}</Paragraph> : null}
    </Section>
  );
}

function Locations({
  projectId,
  page,
  status,
  onPage,
  onStatus,
}: {
  projectId: string;
  page: number;
  status: string;
  onPage: (page: number) => void;
  onStatus: (status: string) => void;
}) {
  const query = new URLSearchParams({ page: String(page), pageSize: String(LIST_PAGE_SIZE) });
  if (projectId) query.set('projectId', projectId);
  if (status) query.set('status', status);
  const locations = useLocations(query);
  return (
    <Section id="locaties" title={t('places.locations')}>
      <SelectField
        id="status"
        label={t('places.status')}
        value={status}
        onChange={(event) => onStatus(event.currentTarget.value)}
        placeholder={t('places.everyStatus')}
        options={(['flagged', 'looked-into', 'confirmed', 'dispelled', 'addressed', 'closed'] as const).map(
          (s) => [s, t(`locationStatus.${s}`)] as const,
        )}
      />
      {locations.isPending ? <Loading /> : null}
      {locations.isError ? (
        <ProblemAlert error={locations.error} onRetry={() => void locations.refetch()} />
      ) : null}
      {locations.data && locations.data.total === 0 ? <Paragraph>{t('places.noLocations')}</Paragraph> : null}
      {locations.data && locations.data.total > 0 ? (
        <>
          <DataTable
            caption={t('places.locationsCaption', { count: locations.data.total })}
            columns={[
              t('places.address'),
              t('places.kind'),
              t('places.municipality'),
              t('places.status'),
              t('places.since'),
            ]}
          >
            {locations.data.items.map((l) => (
              <TableRow key={l.id}>
                <TableCell>
                  <RouterLink to={`/risicolocaties/${l.id}`} className="utrecht-link">
                    {l.address}
                  </RouterLink>
                </TableCell>
                <TableCell>{t(`locationKind.${l.kind}`)}</TableCell>
                <TableCell>{l.municipality.name}</TableCell>
                <TableCell>{t(`locationStatus.${l.status}`)}</TableCell>
                <TableCell>{formatDate(l.statusSince)}</TableCell>
              </TableRow>
            ))}
          </DataTable>
          <Pager
            page={page}
            pageSize={LIST_PAGE_SIZE}
            total={locations.data.total}
            label={t('places.locations')}
            onPage={onPage}
          />
        </>
      ) : null}
    </Section>
  );
}

function Inspections({ projectId }: { projectId: string }) {
  const query = new URLSearchParams({ pageSize: '10' });
  if (projectId) query.set('projectId', projectId);
  const inspections = useInspections(query);
  return (
    <Section id="controles" title={t('places.inspectionsTitle')}>
      {inspections.isPending ? <Loading /> : null}
      {inspections.isError ? (
        <ProblemAlert error={inspections.error} onRetry={() => void inspections.refetch()} />
      ) : null}
      {inspections.data && inspections.data.total === 0 ? (
        <Paragraph>{t('places.noInspections')}</Paragraph>
      ) : null}
      {inspections.data && inspections.data.total > 0 ? (
        <DataTable
          caption={t('places.inspectionsCaption', {
            shown: inspections.data.items.length,
            count: inspections.data.total,
          })}
          columns={[
            t('places.date'),
            t('places.municipality'),
            t('places.inspectionKind'),
            t('places.partners'),
          ]}
        >
          {inspections.data.items.map((i) => (
            <TableRow key={i.id}>
              <TableCell>
                <RouterLink to={`/controles/${i.id}`} className="utrecht-link">
                  {formatDate(i.heldOn ?? i.plannedOn)}
                </RouterLink>
                {i.heldOn ? '' : ` (${t(i.cancelledOn ? 'places.cancelled' : 'places.planned')})`}
              </TableCell>
              <TableCell>{i.municipality.name}</TableCell>
              <TableCell>{t(i.integral ? 'places.integral' : 'places.single')}</TableCell>
              <TableCell>{i.organisations.map((o) => o.name).join(', ')}</TableCell>
            </TableRow>
          ))}
        </DataTable>
      ) : null}
    </Section>
  );
}

/** A number typed the Dutch way (a decimal comma) or the English way; NaN when it is none. */
function degrees(text: string): number {
  return text.trim() ? Number(text.trim().replace(',', '.')) : Number.NaN;
}

function NewLocation({ projectId }: { projectId: string }) {
  const me = useMe();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const municipalities = useMunicipalities(me.data?.region.id);
  const boundaries = useBoundaries(me.data?.region.id);
  const settings = useMapSettings();
  const projects = useProjects();
  const formRef = useRef<HTMLFormElement>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [latitude, setLatitude] = useState('');
  const [longitude, setLongitude] = useState('');
  const [lookupMessage, setLookupMessage] = useState('');
  const create = useMutation({
    mutationFn: createLocation,
    onSuccess: async (location) => {
      await queryClient.invalidateQueries({ queryKey: placesKey });
      await navigate(`/risicolocaties/${location.id}`);
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) setErrors(error.fieldErrors());
    },
  });
  const lookup = useMutation({
    mutationFn: lookupAddress,
    onMutate: () => setLookupMessage(''),
    onSuccess: (address) => {
      setErrors((e) => ({ ...e, 'address.postcode': '', 'address.houseNumber': '' }));
      setLatitude(String(address.latitude));
      setLongitude(String(address.longitude));
      // The street, place and municipality from the register, where the form has none yet.
      const form = formRef.current;
      const fill = (name: string, value: string | null) => {
        const field = form?.elements.namedItem(name);
        if (
          value &&
          (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) &&
          !field.value
        )
          field.value = value;
      };
      fill('street', address.street);
      fill('place', address.place);
      fill('municipalityCode', address.municipalityCode);
      setLookupMessage(
        t('places.lookupFound', {
          address: `${address.street} ${address.houseNumber}${address.houseLetter ?? ''}${address.addition ? `-${address.addition}` : ''}, ${address.postcode.replace(/^(\d{4}) ?([A-Z]{2})$/, '$1 $2')} ${address.place}`,
        }),
      );
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.invalidParams) {
        const found = error.fieldErrors();
        setErrors((e) => ({
          ...e,
          'address.postcode': found.postcode ?? '',
          'address.houseNumber': found.houseNumber ?? '',
        }));
        setLookupMessage(t('places.lookupInvalid'));
      } else if (error instanceof ApiError && error.status === 404)
        setLookupMessage(`${problemDetail(error, '')} ${t('places.lookupNotFound')}`);
      else setLookupMessage(problemDetail(error, t('places.lookupFailed')));
    },
  });

  function findAddress() {
    const form = formRef.current;
    if (!form) return;
    const v = new FormValues(new FormData(form));
    lookup.mutate({ postcode: v.text('postcode'), houseNumber: v.text('houseNumber') });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    const number = v.optional('houseNumber');
    create.mutate({
      kind: v.choice('kind', locationKinds),
      name: v.optional('name'),
      municipalityCode: v.text('municipalityCode'),
      projectId: v.optional('projectId'),
      inBaseline: v.text('inBaseline') === 'ja',
      happenedOn: v.optional('happenedOn'),
      note: v.optional('note'),
      address: {
        street: v.optional('street'),
        houseNumber: number === undefined ? undefined : Number(number),
        postcode: v.optional('postcode'),
        place: v.optional('place'),
      },
      // A point half filled in is sent as it is, so that the server says what is missing.
      point:
        latitude.trim() || longitude.trim()
          ? { latitude: degrees(latitude), longitude: degrees(longitude) }
          : undefined,
    });
  }

  const error = (name: string) => ({ invalid: Boolean(errors[name]), errorMessage: errors[name] });
  const lat = degrees(latitude);
  const lng = degrees(longitude);
  const point = Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;
  return (
    <Section id="nieuwe-locatie" title={t('places.new')}>
      <Paragraph>{t('places.newIntro')}</Paragraph>
      {create.isError && !(create.error instanceof ApiError && create.error.problem.invalidParams) ? (
        <ProblemAlert error={create.error} />
      ) : null}
      {errors.address ? <FormFieldErrorMessage>{errors.address}</FormFieldErrorMessage> : null}
      <form key={projectId} ref={formRef} onSubmit={submit} noValidate>
        <SelectField
          id="locatie-soort"
          name="kind"
          label={t('places.kind')}
          defaultValue="business-unit"
          options={locationKinds.map((k) => [k, t(`locationKind.${k}`)] as const)}
        />
        <SelectField
          id="locatie-gemeente"
          name="municipalityCode"
          label={t('places.municipality')}
          defaultValue=""
          placeholder={t('places.chooseMunicipality')}
          options={(municipalities.data ?? []).map((m) => [m.code, m.name] as const)}
          {...error('municipalityCode')}
        />
        <FormFieldTextbox
          id="locatie-straat"
          name="street"
          label={t('places.street')}
          {...error('address.street')}
        />
        <FormFieldTextbox
          id="locatie-huisnummer"
          name="houseNumber"
          label={t('places.houseNumber')}
          inputMode="numeric"
          {...error('address.houseNumber')}
        />
        <FormFieldTextbox
          id="locatie-postcode"
          name="postcode"
          label={t('places.postcode')}
          {...error('address.postcode')}
        />
        <FormFieldTextbox
          id="locatie-plaats"
          name="place"
          label={t('places.place')}
          {...error('address.place')}
        />
        <Fieldset>
          <FieldsetLegend>{t('places.pointLegend')}</FieldsetLegend>
          <Paragraph id="locatie-punt-hulp">{t('places.pointHelp')}</Paragraph>
          <ButtonGroup>
            <Button
              type="button"
              appearance="secondary-action-button"
              disabled={lookup.isPending}
              onClick={findAddress}
            >
              {t('places.lookup')}
            </Button>
          </ButtonGroup>
          <div role="status" aria-live="polite">
            {lookup.isPending ? <Loading label={t('places.lookingUp')} /> : null}
            {lookupMessage ? <Paragraph>{lookupMessage}</Paragraph> : null}
          </div>
          {boundaries.data ? (
            <PointPicker
              boundaries={boundaries.data}
              tiles={settings.data?.tiles ?? null}
              latitude={point?.lat ?? null}
              longitude={point?.lng ?? null}
              describedBy="locatie-punt-hulp"
              onPick={(picked) => {
                setLatitude(String(picked.latitude));
                setLongitude(String(picked.longitude));
                setErrors((e) => ({ ...e, point: '', 'point.latitude': '', 'point.longitude': '' }));
              }}
            />
          ) : null}
          {boundaries.isPending ? <Loading /> : null}
          {errors.point && !errors['point.latitude'] && !errors['point.longitude'] ? (
            <FormFieldErrorMessage>{errors.point}</FormFieldErrorMessage>
          ) : null}
          <div className="samenspel-point-fields">
            <CoordinateField
              id="locatie-breedtegraad"
              axis="latitude"
              value={latitude}
              onChange={setLatitude}
              error={error('point.latitude')}
            />
            <CoordinateField
              id="locatie-lengtegraad"
              axis="longitude"
              value={longitude}
              onChange={setLongitude}
              error={error('point.longitude')}
            />
          </div>
        </Fieldset>
        <FormFieldTextbox
          id="locatie-naam"
          name="name"
          label={t('places.name')}
          description={t('places.nameHint')}
        />
        <SelectField
          id="locatie-project"
          name="projectId"
          label={t('places.project')}
          defaultValue={projectId}
          placeholder={t('places.noProject')}
          options={(projects.data ?? []).map((p) => [p.id, p.name] as const)}
          {...error('projectId')}
        />
        <FormFieldCheckbox
          id="locatie-nulmeting"
          name="inBaseline"
          value="ja"
          label={t('places.inBaseline')}
        />
        {errors.inBaseline ? <FormFieldErrorMessage>{errors.inBaseline}</FormFieldErrorMessage> : null}
        <DateField
          id="locatie-datum"
          name="happenedOn"
          label={t('places.flaggedOn')}
          defaultValue={isoDateFromToday()}
          {...error('happenedOn')}
        />
        <ButtonGroup>
          <Button type="submit" appearance="primary-action-button" disabled={create.isPending}>
            {t('places.flag')}
          </Button>
        </ButtonGroup>
        {create.isPending ? <Loading label={t('admin.saving')} /> : null}
      </form>
    </Section>
  );
}

/** A latitude or longitude typed by hand (a decimal comma is fine), beside the map's click. */
function CoordinateField(props: {
  id: string;
  axis: 'latitude' | 'longitude';
  value: string;
  onChange: (value: string) => void;
  error: { invalid: boolean; errorMessage: string | undefined };
}) {
  return (
    <FormFieldTextbox
      id={props.id}
      label={t(`places.${props.axis}`)}
      description={t(`places.${props.axis}Hint`)}
      inputMode="decimal"
      autoComplete="off"
      value={props.value}
      onChange={(event) => {
        // FormFieldTextbox hands its onChange to the input, so the target is the input.
        if (event.target instanceof HTMLInputElement) props.onChange(event.target.value);
      }}
      {...props.error}
    />
  );
}
