import {
  type GoalScopeKind,
  goalResultKinds,
  goalScopeKinds,
  type IndicatorId,
  type InvalidParam,
  interventionKinds,
  type Municipality,
  type Programme,
  type ProgrammeGoal,
  type TargetKind,
  targetKinds,
} from '@samenspel/contracts';
import {
  Alert,
  Button,
  ButtonGroup,
  Fieldset,
  FieldsetLegend,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormFieldTextarea,
  FormFieldTextbox,
  FormLabel,
  Paragraph,
  RadioButton,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../../components/api.js';
import { DateField } from '../../components/date-field.js';
import { FormValues } from '../../components/form-values.js';
import { Loading } from '../../components/loading.js';
import { FormProblem } from '../../components/problem-alert.js';
import { SelectField } from '../../components/select-field.js';
import { t } from '../../i18n/i18n.js';
import { useMe } from '../auth/auth-api.js';
import { useDistricts, useMunicipalities } from '../reference/reference-api.js';
import { type GoalBody, useActivityKinds, useIndicators, useSaveGoal } from './programmes-api.js';
import { numberOf } from './programmes-format.js';

/** The most indicators one goal takes (the API's limit). */
const MAX_INDICATORS = 8;

interface IndicatorRow {
  key: number;
  indicator: IndicatorId | '';
  option: string;
}

/**
 * A base team's id is the slug of its name after "Basisteam", as the reference data makes it;
 * the municipalities name their base team, and no endpoint lists the teams with their ids.
 */
export function baseTeamsOf(municipalities: readonly Municipality[]): Array<readonly [string, string]> {
  const names = [...new Set(municipalities.flatMap((m) => (m.baseTeam ? [m.baseTeam] : [])))];
  return names
    .map((name) => {
      const id = name
        .replace(/^basisteam\s+/i, '')
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '');
      return [id, name] as const;
    })
    .sort((a, b) => a[1].localeCompare(b[1], 'nl'));
}

const wholeYear = (year: number, goal: ProgrammeGoal | undefined) =>
  !goal || (goal.period.from === `${year}-01-01` && goal.period.to === `${year}-12-31`);

/**
 * Adding or changing a goal: its text, what it covers (the region, a district, base team or
 * municipality), an optional period within the year, the target (a number, a range or an aim in
 * words) and how its result comes about: computed from the record by indicators (the first is
 * compared with the target) or recorded by hand. Every refusal of the server is shown next to the
 * field it names; one the form has no field for, above it.
 */
export function GoalForm({
  programme,
  goal,
  headingId,
  onSaved,
  onCancel,
}: {
  programme: Programme;
  goal?: ProgrammeGoal;
  headingId: string;
  onSaved: (programme: Programme) => void;
  onCancel: () => void;
}) {
  const me = useMe();
  const regionId = me.data?.region.id;
  const districts = useDistricts(regionId);
  const municipalities = useMunicipalities(regionId);
  const indicators = useIndicators();
  const activityKinds = useActivityKinds();
  const save = useSaveGoal(programme.id);
  const [scopeKind, setScopeKind] = useState<GoalScopeKind>(
    goal?.scope.kind ?? (programme.district ? 'district' : 'region'),
  );
  // Controlled, so that a goal's own district shows once the choices have loaded.
  const [districtId, setDistrictId] = useState(goal?.scope.district?.id ?? programme.district?.id ?? '');
  const [baseTeamId, setBaseTeamId] = useState(goal?.scope.baseTeam?.id ?? '');
  const [municipalityCode, setMunicipalityCode] = useState(goal?.scope.municipality?.code ?? '');
  const [targetKind, setTargetKind] = useState<TargetKind>(goal?.target.kind ?? 'number');
  const [resultKind, setResultKind] = useState(goal?.resultKind ?? 'computed');
  const [rows, setRows] = useState<IndicatorRow[]>(() =>
    goal?.figures.length
      ? goal.figures.map((f, key) => ({ key, indicator: f.indicator, option: f.option ?? '' }))
      : [{ key: 0, indicator: '', option: '' }],
  );
  const [problems, setProblems] = useState<InvalidParam[]>([]);
  const [failure, setFailure] = useState<unknown>(null);
  const prefix = goal ? `doel-${goal.id}` : 'nieuw-doel';

  const at = (name: string) => problems.find((p) => p.name === name)?.reason;
  const error = (name: string) => ({ invalid: Boolean(at(name)), errorMessage: at(name) });
  const placed = new Set([
    'text',
    'scope.kind',
    'scope.districtId',
    'scope.baseTeamId',
    'scope.municipalityCode',
    'period.from',
    'period.to',
    'target.kind',
    'target.minimum',
    'target.maximum',
    'target.text',
    'result.kind',
    'result.indicators',
    ...rows.flatMap((_, i) => [`result.indicators.${i}.indicator`, `result.indicators.${i}.option`]),
  ]);
  const unplaced = problems.filter((p) => !placed.has(p.name));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const v = new FormValues(new FormData(event.currentTarget));
    const from = v.text('periodFrom');
    const to = v.text('periodTo');
    const body: GoalBody = {
      text: v.text('text'),
      scope: {
        kind: scopeKind,
        districtId: scopeKind === 'district' ? districtId || undefined : undefined,
        baseTeamId: scopeKind === 'base-team' ? baseTeamId || undefined : undefined,
        municipalityCode: scopeKind === 'municipality' ? municipalityCode || undefined : undefined,
      },
      // Half a period is sent as it is, so that the server names the missing date.
      period: from || to ? { from, to } : undefined,
      target: {
        kind: targetKind,
        minimum: targetKind === 'qualitative' ? undefined : numberOf(v.text('minimum')),
        maximum: targetKind === 'range' ? numberOf(v.text('maximum')) : undefined,
        text: targetKind === 'qualitative' ? v.optional('aim') : undefined,
      },
      result:
        resultKind === 'computed'
          ? {
              kind: 'computed',
              // An indicator left unchosen goes as '', which the server refuses by its row.
              indicators: rows.map((r) => ({
                indicator: r.indicator as IndicatorId,
                option: r.option || null,
              })),
            }
          : { kind: 'recorded' },
    };
    setProblems([]);
    setFailure(null);
    save.mutate(
      { goalId: goal?.id ?? null, body },
      {
        onSuccess: onSaved,
        onError: (caught) => {
          if (caught instanceof ApiError && caught.problem.invalidParams?.length)
            setProblems(caught.problem.invalidParams);
          else setFailure(caught);
        },
      },
    );
  }

  const definitionOf = (id: string) => indicators.data?.find((d) => d.id === id);
  const optionChoices = (id: string): Array<readonly [string, string]> => {
    const definition = definitionOf(id);
    if (definition?.option === 'intervention-kind')
      return interventionKinds.map((k) => [k, t(`kindOf.${k}`)] as const);
    if (definition?.option === 'activity-kind')
      return (activityKinds.data ?? []).map((k) => [k.code, k.name] as const);
    return [];
  };

  return (
    <form onSubmit={submit} noValidate aria-labelledby={headingId} className="samenspel-goal-form">
      {failure ? <FormProblem error={failure} /> : null}
      {unplaced.length ? (
        <Alert type="error" role="alert">
          <UnorderedList>
            {unplaced.map((p) => (
              <UnorderedListItem key={`${p.name}-${p.code}`}>{p.reason}</UnorderedListItem>
            ))}
          </UnorderedList>
        </Alert>
      ) : null}
      <FormFieldTextarea
        id={`${prefix}-tekst`}
        name="text"
        label={t('programmes.goal.text')}
        description={t('programmes.goal.textHint')}
        rows={3}
        defaultValue={goal?.text ?? ''}
        {...error('text')}
      />

      <Fieldset invalid={Boolean(at('scope.kind'))}>
        <FieldsetLegend>{t('programmes.goal.scope')}</FieldsetLegend>
        {at('scope.kind') ? <FormFieldErrorMessage>{at('scope.kind')}</FormFieldErrorMessage> : null}
        {goalScopeKinds.map((k) => (
          <p key={k} className="samenspel-radio">
            <RadioButton
              id={`${prefix}-bereik-${k}`}
              name="scopeKind"
              value={k}
              checked={scopeKind === k}
              onChange={() => setScopeKind(k)}
            />
            <FormLabel htmlFor={`${prefix}-bereik-${k}`} type="radio">
              {t(`programmes.scope.${k}`)}
            </FormLabel>
          </p>
        ))}
        {scopeKind === 'district' ? (
          <SelectField
            id={`${prefix}-district`}
            label={t('programmes.district')}
            value={districtId}
            onChange={(event) => setDistrictId(event.currentTarget.value)}
            placeholder={t('programmes.chooseDistrict')}
            options={(districts.data ?? []).map((d) => [d.id, d.name] as const)}
            {...error('scope.districtId')}
          />
        ) : null}
        {scopeKind === 'base-team' ? (
          <SelectField
            id={`${prefix}-basisteam`}
            label={t('programmes.baseTeam')}
            value={baseTeamId}
            onChange={(event) => setBaseTeamId(event.currentTarget.value)}
            placeholder={t('programmes.chooseBaseTeam')}
            options={baseTeamsOf(municipalities.data ?? [])}
            {...error('scope.baseTeamId')}
          />
        ) : null}
        {scopeKind === 'municipality' ? (
          <SelectField
            id={`${prefix}-gemeente`}
            label={t('programmes.municipality')}
            value={municipalityCode}
            onChange={(event) => setMunicipalityCode(event.currentTarget.value)}
            placeholder={t('programmes.chooseMunicipality')}
            options={(municipalities.data ?? []).map((m) => [m.code, m.name] as const)}
            {...error('scope.municipalityCode')}
          />
        ) : null}
      </Fieldset>

      <Fieldset aria-describedby={`${prefix}-periode-hulp`}>
        <FieldsetLegend>{t('programmes.goal.period')}</FieldsetLegend>
        <FormFieldDescription id={`${prefix}-periode-hulp`}>
          {t('programmes.goal.periodHint', { year: programme.year })}
        </FormFieldDescription>
        <div className="samenspel-point-fields">
          <DateField
            id={`${prefix}-van`}
            name="periodFrom"
            label={t('programmes.goal.from')}
            defaultValue={wholeYear(programme.year, goal) ? '' : goal?.period.from}
            {...error('period.from')}
          />
          <DateField
            id={`${prefix}-tot`}
            name="periodTo"
            label={t('programmes.goal.to')}
            defaultValue={wholeYear(programme.year, goal) ? '' : goal?.period.to}
            {...error('period.to')}
          />
        </div>
      </Fieldset>

      <Fieldset invalid={Boolean(at('target.kind'))}>
        <FieldsetLegend>{t('programmes.goal.target')}</FieldsetLegend>
        {at('target.kind') ? <FormFieldErrorMessage>{at('target.kind')}</FormFieldErrorMessage> : null}
        {targetKinds.map((k) => (
          <p key={k} className="samenspel-radio">
            <RadioButton
              id={`${prefix}-doelsoort-${k}`}
              name="targetKind"
              value={k}
              checked={targetKind === k}
              onChange={() => setTargetKind(k)}
            />
            <FormLabel htmlFor={`${prefix}-doelsoort-${k}`} type="radio">
              {t(`programmes.targetKind.${k}`)}
            </FormLabel>
          </p>
        ))}
        {targetKind === 'qualitative' ? (
          <FormFieldTextarea
            id={`${prefix}-beoogd`}
            name="aim"
            label={t('programmes.goal.aim')}
            rows={2}
            defaultValue={goal?.target.text ?? ''}
            {...error('target.text')}
          />
        ) : (
          <div className="samenspel-point-fields">
            <FormFieldTextbox
              id={`${prefix}-minimum`}
              name="minimum"
              label={t(targetKind === 'range' ? 'programmes.goal.minimum' : 'programmes.goal.number')}
              inputMode="decimal"
              autoComplete="off"
              className="samenspel-short"
              defaultValue={goal?.target.minimum?.toString().replace('.', ',') ?? ''}
              {...error('target.minimum')}
            />
            {targetKind === 'range' ? (
              <FormFieldTextbox
                id={`${prefix}-maximum`}
                name="maximum"
                label={t('programmes.goal.maximum')}
                inputMode="decimal"
                autoComplete="off"
                className="samenspel-short"
                defaultValue={goal?.target.maximum?.toString().replace('.', ',') ?? ''}
                {...error('target.maximum')}
              />
            ) : null}
          </div>
        )}
      </Fieldset>

      <Fieldset invalid={Boolean(at('result.kind') ?? at('result.indicators'))}>
        <FieldsetLegend>{t('programmes.goal.result')}</FieldsetLegend>
        {at('result.kind') ? <FormFieldErrorMessage>{at('result.kind')}</FormFieldErrorMessage> : null}
        {goalResultKinds.map((k) => (
          <p key={k} className="samenspel-radio">
            <RadioButton
              id={`${prefix}-resultaat-${k}`}
              name="resultKind"
              value={k}
              checked={resultKind === k}
              onChange={() => setResultKind(k)}
            />
            <FormLabel htmlFor={`${prefix}-resultaat-${k}`} type="radio">
              {t(`programmes.resultKind.${k}`)}
            </FormLabel>
          </p>
        ))}
        {resultKind === 'recorded' ? (
          <Paragraph className="samenspel-muted">{t('programmes.goal.recordedHint')}</Paragraph>
        ) : null}
        {resultKind === 'computed' ? (
          <>
            <Paragraph className="samenspel-muted">{t('programmes.goal.computedHint')}</Paragraph>
            {indicators.isPending ? <Loading /> : null}
            {at('result.indicators') ? (
              <FormFieldErrorMessage>{at('result.indicators')}</FormFieldErrorMessage>
            ) : null}
            <ol className="samenspel-indicator-rows">
              {rows.map((row, i) => {
                const definition = definitionOf(row.indicator);
                const choices = optionChoices(row.indicator);
                const label =
                  i === 0
                    ? t('programmes.goal.firstIndicator')
                    : t('programmes.goal.otherIndicator', { number: i + 1 });
                return (
                  <li key={row.key}>
                    <SelectField
                      id={`${prefix}-indicator-${row.key}`}
                      label={label}
                      value={row.indicator}
                      onChange={(event) => {
                        const indicator = event.currentTarget.value as IndicatorId | '';
                        setRows(rows.map((r) => (r.key === row.key ? { ...r, indicator, option: '' } : r)));
                      }}
                      placeholder={t('programmes.goal.chooseIndicator')}
                      hint={definition?.definition}
                      options={(indicators.data ?? []).map((d) => [d.id, d.name] as const)}
                      {...error(`result.indicators.${i}.indicator`)}
                    />
                    {definition && definition.option !== 'none' ? (
                      <SelectField
                        id={`${prefix}-soort-${row.key}`}
                        label={t(`programmes.goal.option.${definition.option}`, { number: i + 1 })}
                        value={row.option}
                        onChange={(event) => {
                          const option = event.currentTarget.value;
                          setRows(rows.map((r) => (r.key === row.key ? { ...r, option } : r)));
                        }}
                        placeholder={t('programmes.goal.everyKind')}
                        options={choices}
                        {...error(`result.indicators.${i}.option`)}
                      />
                    ) : null}
                    {rows.length > 1 ? (
                      <ButtonGroup>
                        <Button
                          type="button"
                          appearance="subtle-button"
                          onClick={() => setRows(rows.filter((r) => r.key !== row.key))}
                        >
                          {t('programmes.goal.removeIndicator', { number: i + 1 })}
                        </Button>
                      </ButtonGroup>
                    ) : null}
                  </li>
                );
              })}
            </ol>
            {rows.length < MAX_INDICATORS ? (
              <ButtonGroup>
                <Button
                  type="button"
                  appearance="secondary-action-button"
                  onClick={() =>
                    setRows([
                      ...rows,
                      { key: Math.max(...rows.map((r) => r.key)) + 1, indicator: '', option: '' },
                    ])
                  }
                >
                  {t('programmes.goal.addIndicator')}
                </Button>
              </ButtonGroup>
            ) : null}
          </>
        ) : null}
      </Fieldset>

      <ButtonGroup>
        <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
          {t(goal ? 'programmes.goal.save' : 'programmes.goal.add')}
        </Button>
        <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
          {t('confirm.cancel')}
        </Button>
      </ButtonGroup>
      {save.isPending ? <Loading label={t('admin.saving')} /> : null}
    </form>
  );
}
