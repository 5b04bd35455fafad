import type { CasePhase } from '@samenspel/contracts';
import type { Db } from '../../db/database.js';
import type { Actor, RequestContext } from '../../shared/context.js';
import { seededRandom } from '../../shared/seeded-random.js';
import type { Access } from '../access/index.js';
import { type AuditService, traceFrom } from '../audit/index.js';
import { demoActor } from '../users/index.js';
import { configuration } from './cases.repository.js';
import { CasesService } from './cases.service.js';

const REGION = 'midden-nederland';
const DAY = 86_400_000;

const adviceTexts = {
  administrative: 'Pand sluiten en vergunning intrekken',
  bibob: 'Bibob-toets bij de vergunningaanvraag',
  criminal: 'Opsporingsonderzoek naar de hoofdsubjecten',
  fiscal: 'Boekenonderzoek en navordering',
  other: 'Inspectie arbeidsomstandigheden en uitkeringen',
} as const;

const codeNames = [
  'Schaar',
  'Loods',
  'Kapper',
  'Haven',
  'Villa',
  'Shisha',
  'Kluis',
  'Polder',
  'Molen',
  'Dijk',
  'Brug',
  'Sluis',
  'Veer',
  'Toren',
  'Gracht',
  'Hoeve',
  'Weide',
  'Kade',
  'Markt',
  'Poort',
  'Baken',
  'Anker',
  'Kompas',
  'Lantaarn',
];

/**
 * The demo region's cases of 2019–2022, in every phase, built through the cases service with a
 * clock set to each step's date. Deterministic; skipped when the region has cases.
 */
export async function seedDemoCases(db: Db, access: Access, audit: AuditService): Promise<number> {
  if ((await db.selectFrom('cases').select('id').where('regionId', '=', REGION).limit(1).execute()).length)
    return 0;
  const analyst = await demoActor(db, 'analist@riec-mn.example');
  const director = await demoActor(db, 'casusregisseur@riec-mn.example');
  const police = await demoActor(db, 'medewerker@politie-mn.example');
  const tax = await demoActor(db, 'medewerker@belastingdienst.example');
  const chair = await demoActor(db, 'voorzitter@politie-mn.example');
  let clock = new Date('2019-01-15T10:00:00Z');
  const service = new CasesService(access, audit, () => clock);
  const as = (actor: Actor): RequestContext => ({
    actor,
    trace: traceFrom(undefined),
    client: { address: null, userAgent: 'samenspel seed --demo' },
  });
  const rnd = seededRandom(2019);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const date = (d: Date) => d.toISOString().slice(0, 10);
  const config = await configuration(db, REGION);
  const basis = (code: string) => config.legalBases.find((b) => b.code === code)?.id ?? '';
  const catalogue = (code: string) => config.interventions.find((i) => i.code === code)?.id ?? '';
  const organisations = await db
    .selectFrom('partnerOrganisations')
    .select(['id', 'code', 'kind', 'municipalityCode'])
    .where('regionId', '=', REGION)
    .execute();
  const orgId = (code: string) => organisations.find((o) => o.code === code)?.id ?? '';
  const municipalities = await db
    .selectFrom('municipalities')
    .select(['code', 'districtId'])
    .where('regionId', '=', REGION)
    .where('validUntil', 'is', null)
    .execute();
  const themes = await db.selectFrom('themes').select('id').where('scope', '=', 'national').execute();
  const targets: CasePhase[] = [
    ...Array<CasePhase>(12).fill('closed'),
    ...Array<CasePhase>(2).fill('evaluation'),
    ...Array<CasePhase>(3).fill('intervention'),
    ...Array<CasePhase>(3).fill('analysis'),
    ...Array<CasePhase>(2).fill('information'),
    ...Array<CasePhase>(2).fill('start'),
  ];
  const span = new Date('2022-10-31').getTime() - new Date('2019-01-15').getTime();
  for (const [index, target] of targets.entries()) {
    // Closed cases start early, open ones late, so that the history reads naturally.
    const start = new Date(
      new Date('2019-01-15').getTime() + (span * index) / targets.length + Math.floor(rnd() * 20) * DAY,
    );
    clock = new Date(start.getTime() + 9 * 3_600_000);
    const municipality = pick(municipalities);
    const municipalityOrg = organisations.find((o) => o.municipalityCode === municipality.code)?.id;
    const origin = rnd() < 0.3 ? 'analysis-product' : 'direct';
    const from = pick([['politie'], ['belastingdienst'], ['om'], [], ['politie', 'belastingdienst']]).map(
      orgId,
    );
    const c = await service.create(as(analyst), {
      origin,
      signalIds: [],
      originOrganisationIds:
        origin === 'direct' ? [...from, ...(municipalityOrg && rnd() < 0.6 ? [municipalityOrg] : [])] : [],
      codeName: codeNames[index % codeNames.length] ?? `Casus ${index}`,
      districtId: municipality.districtId,
      municipalityCodes: [municipality.code],
      themeIds: [pick(themes).id, ...(rnd() < 0.3 ? [pick(themes).id] : [])].filter(
        (v, i, a) => a.indexOf(v) === i,
      ),
      type: pick(['subject', 'network', 'facilitator', 'location', 'branch'] as const),
      directorId: director.kind === 'user' ? director.userId : '',
      participantIds: [
        orgId('politie'),
        orgId('belastingdienst'),
        ...(municipalityOrg ? [municipalityOrg] : []),
      ],
      startedOn: date(start),
    });
    const step = async (days: number) => {
      clock = new Date(clock.getTime() + (days + rnd() * days) * DAY);
    };
    if (target === 'start') continue;
    await step(7);
    await service.setGoal(
      as(director),
      c.id,
      'Criminele inkomsten afpakken en de ondermijnende structuur doorbreken',
      'Bestuurlijk, fiscaal en strafrechtelijk samen',
    );
    await service.phase(as(director), c.id, { type: 'advance', to: 'information' });
    await step(10);
    await service.addProvision(as(police), c.id, {
      providedOn: date(clock),
      legalBasisId: basis('wpg-16'),
      classification: 'vertrouwelijk',
      title: 'Politiële informatie',
      body: 'Antecedenten en relaties van de betrokkenen.',
    });
    await service.addProvision(as(tax), c.id, {
      providedOn: date(clock),
      legalBasisId: basis('awr-43c'),
      classification: 'vertrouwelijk',
      title: 'Fiscale informatie',
      body: 'Aangiften en vermogen.',
    });
    if (target === 'information') continue;
    await step(20);
    await service.phase(as(director), c.id, { type: 'advance', to: 'analysis' });
    await service.addMatrixEntry(as(director), c.id, {
      barrier: 'Contante omzet',
      catalogueId: catalogue('boekenonderzoek'),
      organisationId: orgId('belastingdienst'),
      chosen: true,
    });
    const kinds = (['administrative', 'bibob', 'criminal', 'fiscal', 'other'] as const).filter(
      () => rnd() < 0.45,
    );
    for (const kind of kinds.length ? kinds : (['fiscal'] as const)) {
      const to =
        kind === 'fiscal'
          ? orgId('belastingdienst')
          : kind === 'criminal'
            ? orgId('politie')
            : (municipalityOrg ?? orgId('politie'));
      await service.addAdvice(as(director), c.id, {
        kind,
        organisationId: to,
        givenOn: date(clock),
        description: adviceTexts[kind],
      });
    }
    if (target === 'analysis') continue;
    await step(25);
    await service.phase(as(director), c.id, { type: 'advance', to: 'intervention' });
    const detail = await service.get(as(director), c.id);
    const fiscal = detail.advices.find((a) => a.kind === 'fiscal');
    await step(15);
    const intervened = await service.addIntervention(as(tax), c.id, {
      adviceId: fiscal?.id,
      kind: 'fiscal',
      carriedOutOn: date(clock),
      description: 'Navorderingsaanslag opgelegd',
    });
    const imposed = (20 + Math.floor(rnd() * 180)) * 1_000_00;
    await service.addResult(as(tax), c.id, {
      interventionId: intervened.interventions.at(-1)?.id,
      kind: 'confiscation',
      imposedCents: imposed,
      imposedOn: date(clock),
      ...(rnd() < 0.5 ? { collectedCents: Math.floor(imposed * 0.3), collectedOn: date(clock) } : {}),
    });
    if (rnd() < 0.5)
      await service.addResult(as(police), c.id, { kind: 'arrest', count: 1 + Math.floor(rnd() * 3) });
    if (target === 'intervention') continue;
    await step(30);
    await service.phase(as(director), c.id, { type: 'advance', to: 'evaluation' });
    if (target === 'evaluation') continue;
    await step(10);
    if (rnd() < 0.2)
      await service.evaluate(as(chair), c.id, { waivedReason: 'Vergelijkbare casus recent geëvalueerd' });
    else
      await service.evaluate(as(director), c.id, {
        whatWorked: 'Samen optrekken',
        whatDidNot: 'Trage informatie-uitwisseling',
        lessons: 'Eerder de Belastingdienst betrekken',
      });
    await service.phase(as(director), c.id, { type: 'close' });
  }
  return targets.length;
}
