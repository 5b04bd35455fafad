import type { AccountabilityTheme, SignalTransition, SubjectInput } from '@samenspel/contracts';
import type { Actor } from '../shared/context.js';
import { seededRandom } from '../shared/seeded-random.js';
import type { DemoClock } from './clock.js';
import { type CasePlan, planDemoHistory } from './history.js';
import { demoFacilitator, demoSubjects, kvkFrom, noteAddress, pick } from './people.js';

const REGION = 'midden-nederland';
const DAY = 86_400_000;
/** Steps after this date are not taken: the demo's history ends in 2022. */
const HORIZON = '2022-12-20';

const adviceTexts = {
  administrative: [
    'Pand sluiten op grond van de Opiumwet',
    'Exploitatievergunning intrekken',
    'Last onder dwangsom',
  ],
  bibob: ['Bibob-toets bij de vergunningaanvraag', 'Bibob-advies van het Landelijk Bureau Bibob vragen'],
  criminal: [
    'Opsporingsonderzoek naar de hoofdsubjecten',
    'Financieel rechercheonderzoek',
    'Doorzoeking en beslag',
  ],
  fiscal: [
    'Boekenonderzoek en navordering',
    'Vergrijpboete en navorderingsaanslag',
    'Derdenbeslag op rekeningen',
  ],
  other: ['Inspectie arbeidsomstandigheden', 'Terugvordering van toeslagen', 'Controle op uitkeringen'],
} as const;

const descriptions: Record<AccountabilityTheme, string[]> = {
  money_laundering: [
    'Veel contante omzet en dure auto’s; de cijfers van de onderneming passen niet bij wat er te zien is.',
    'Onderneming wisselt vaak van bestuurder; vermoedelijk katvanger en witwassen via vastgoed.',
    'Opvallende contante aankopen van panden, gefinancierd via een buitenlandse stichting.',
  ],
  drugs: [
    'Bedrijfspand staat leeg maar er is ’s nachts activiteit; vermoeden van een drugslab.',
    'Stroomverbruik en stankmeldingen wijzen op een hennepkwekerij in een loods.',
    'Buren melden veel bezoekers die kort blijven; mogelijk drugshandel vanuit de woning.',
  ],
  human_trafficking: [
    'Signalen van uitbuiting van werknemers in een nagelstudio.',
    'Arbeidsmigranten wonen met te veel mensen in één woning en werken zonder contract.',
  ],
  real_estate: [
    'Snelle doorverkoop van woningen tegen steeds hogere prijzen binnen een klein netwerk.',
    'Huurders van bedrijfsunits wisselen voortdurend; de verhuurder wil niet weten wie er zit.',
  ],
  omg: ['Leden van een motorclub exploiteren horeca en beveiliging in het centrum.'],
  other: [
    'Shishalounge is vaak dicht maar heeft hoge omzet; rond het pand wordt geïntimideerd.',
    'Autobedrijf verkoopt nauwelijks auto’s maar heeft veel contante stortingen.',
  ],
};

/** District themes that stand for an accountability row, used now and then instead of the national one. */
const districtThemes: Record<string, Partial<Record<AccountabilityTheme, string>>> = {
  'west-utrecht': { other: 'risicolocaties' },
  'oost-utrecht': { drugs: 'buitengebied_oost_utrecht', other: 'autobedrijven' },
  'utrecht-stad': { other: 'kwetsbare_gebieden' },
  flevoland: { drugs: 'buitengebied_flevoland', omg: 'omg_flevoland', other: 'bedrijventerreinen' },
  'gooi-en-vechtstreek': { real_estate: 'vastgoed', other: 'horeca' },
  '': { money_laundering: 'criminele_geldstromen', drugs: 'criminele_samenwerkingsverbanden' },
};

const codeWords = [
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
  'Berk',
  'Eik',
  'Linde',
  'Wilg',
  'Reiger',
  'Kievit',
  'Zwaluw',
  'Meeuw',
  'Vos',
  'Das',
  'Otter',
  'Bever',
];
const codeColours = ['Blauw', 'Rood', 'Groen', 'Oranje', 'Grijs', 'Zwart', 'Wit'];

interface Step {
  on: string;
  order: number;
  /** Takes the step as happened on `on` (the clock is set to that day too). */
  run: (on: string) => Promise<void>;
}

const addDays = (iso: string, days: number) =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + Math.round(days) * DAY).toISOString().slice(0, 10);
const daysBetween = (a: string, b: string) =>
  (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY;

/**
 * The demo region's history 2019–2022 (see demo-history.ts), built through the signals, cases and
 * reports services with a clock set to each step's date: signals from partners that become
 * cases, provisions, advices, interventions, confiscation results, evaluations and closures,
 * analysis products and district targets. Deterministic; skipped when the region has cases.
 */
export async function seedDemoCases(
  demo: DemoClock,
  progress: (done: number, total: number) => void = () => {},
): Promise<number> {
  const { services, as, actorOf } = demo;
  const { cases, signals, reports, subjects, interventions, organisations } = services;
  const caseInformation = services.information;
  const actors = {
    analyst: await actorOf('analist@riec-mn.example'),
    director: await actorOf('casusregisseur@riec-mn.example'),
    police: await actorOf('medewerker@politie-mn.example'),
    tax: await actorOf('medewerker@belastingdienst.example'),
    utrecht: await actorOf('medewerker@utrecht.example'),
    chair: await actorOf('voorzitter@politie-mn.example'),
    manager: await actorOf('programmamanager@riec-mn.example'),
  };
  if ((await cases.list(as(actors.analyst), { pageSize: 1 })).total) return 0;
  let virtualOfficeDone = false;
  const virtualOffice: SubjectInput = {
    kind: 'address',
    postcode: '3511 ED',
    houseNumber: 45,
    houseNumberAddition: undefined,
    street: 'Stationsplein',
    town: 'Utrecht',
  };
  noteAddress({
    postcode: '3511 ED',
    houseNumber: 45,
    addition: undefined,
    street: 'Stationsplein',
    town: 'Utrecht',
    municipalityCode: 'GM0344',
  });
  const at = (iso: string) => demo.set(new Date(`${iso}T10:00:00Z`));
  const rnd = seededRandom(2021);
  let fiuCases2021 = 0; // see fiuSource
  const config = await cases.configuration(as(actors.analyst));
  const basis = (code: string) => config.legalBases.find((b) => b.code === code)?.id ?? '';
  const catalogue = (code: string) => config.interventions.find((i) => i.code === code)?.id ?? '';
  const reader = as(actors.analyst);
  const partners = await organisations.listPartnerOrganisations(reader, { region: REGION, all: true });
  const orgId = (code: string) => partners.find((o) => o.code === code)?.id ?? '';
  const municipalityOrg = (code: string) => partners.find((o) => o.municipalityCode === code)?.id ?? '';
  // In code order, as the history was planned: the draws depend on it.
  const places = (await organisations.listMunicipalities(reader, { region: REGION, validOn: HORIZON }))
    .map((m) => ({ code: m.code, name: m.name, districtId: m.districtId }))
    .sort((a, b) => (a.code < b.code ? -1 : 1));
  const themes = await organisations.listThemes(reader, { region: REGION });
  const themeId = (code: string) => themes.find((t) => t.code === code)?.id ?? '';
  const director = actors.director.kind === 'user' ? actors.director.userId : '';

  const plans = planDemoHistory(rnd, places);

  for (const plan of plans) {
    await carryOut(plan);
    progress(plan.index + 1, plans.length);
  }

  // Analysis products (row 1) and the districts' targets for 2021 from the annual plan.
  for (const year of [2019, 2020, 2021, 2022]) {
    for (const [districtId, title, date] of [
      [null, 'Regionaal ondermijningsbeeld', `${year}-03-15`],
      [pick(rnd, places).districtId, 'Ondermijningsbeeld bedrijventerreinen', `${year}-06-20`],
      [pick(rnd, places).districtId, 'Ondermijningsbeeld buitengebied', `${year}-10-05`],
    ] as const) {
      at(date);
      await reports.addAnalysisProduct(as(actors.analyst), {
        title: `${title} ${year}`,
        districtId,
        deliveredOn: date,
      });
    }
  }
  at('2021-01-20');
  const targets: Array<
    [
      string,
      Array<{ measure: 'handled' | 'new'; minimum: number; maximum: number | null; note: string | null }>,
    ]
  > = [
    ['west-utrecht', [{ measure: 'handled', minimum: 20, maximum: null, note: null }]],
    ['utrecht-stad', [{ measure: 'new', minimum: 4, maximum: null, note: 'in kwetsbare gebieden' }]],
    ['flevoland', [{ measure: 'handled', minimum: 12, maximum: 15, note: null }]],
    ['gooi-en-vechtstreek', [{ measure: 'handled', minimum: 40, maximum: null, note: null }]],
  ];
  for (const [districtId, list] of targets)
    await reports.setTargets(as(actors.manager), districtId, 2021, { targets: list });
  return plans.length;

  /**
   * The annual plan's FIU chain for 2021: of the FIU signals of that year, two started a RIEC
   * case (Jaarplan 2022, "Criminele geldstromen"): the first two money-laundering cases of 2021
   * whose signal came in that year. Other signals touching 2021 are not the FIU's
   * (seedDemoProgrammes adds the year's other FIU signals, which did not become cases); in the
   * other years the draw decides.
   */
  function fiuSource(theme: string, drawn: boolean, received: string, start: string): 'fiu' | null {
    const inYear = (d: string) => d.startsWith('2021');
    if (!inYear(received) && !inYear(start)) return drawn ? 'fiu' : null;
    if (theme !== 'money_laundering' || !inYear(received) || !inYear(start) || fiuCases2021 >= 2) return null;
    fiuCases2021 += 1;
    return 'fiu';
  }

  async function signalFor(plan: CasePlan, start: string): Promise<string | null> {
    const municipalityId = municipalityOrg(plan.municipality.code);
    const submitter =
      plan.origin === 'tax'
        ? actors.tax
        : plan.origin === 'municipality' && plan.municipality.code === 'GM0344'
          ? actors.utrecht
          : plan.origin === 'police' || plan.origin === 'municipality+police'
            ? actors.police
            : null;
    if (!submitter) return null;
    const decided = addDays(start, -(1 + Math.floor(rnd() * 6)));
    const triaged = addDays(decided, -(3 + Math.floor(rnd() * 12)));
    const substantiated = addDays(triaged, -(2 + Math.floor(rnd() * 6)));
    const discussed = addDays(substantiated, -(3 + Math.floor(rnd() * 9)));
    const received = addDays(discussed, -(5 + Math.floor(rnd() * 18)));
    const theme = plan.themes[0] ?? 'other';
    // Drawn as before, so that the rest of the history stays the same (the draw decides the
    // next ones); the FIU source is then given where the annual plan's FIU chain allows it.
    const fiuDrawn = theme === 'money_laundering' && rnd() < 0.35;
    const otherSource = fiuDrawn ? 'partner' : rnd() < 0.1 ? 'meld-misdaad-anoniem' : 'partner';
    at(received);
    const signal = await signals.create(
      as(submitter),
      {
        submittingOrganisationIds:
          plan.origin === 'municipality+police'
            ? [orgId('politie'), municipalityId]
            : [submitter.organisationId],
        source: fiuSource(theme, fiuDrawn, received, start) ?? otherSource,
        description: pick(rnd, descriptions[theme]),
        municipalityCode: plan.municipality.code,
        themeIds: plan.themes.map((t) => themeId(t)),
        urgency: pick(rnd, ['normal', 'normal', 'high', 'low'] as const),
        subjects: demoSubjects(rnd, {
          town: plan.municipality.name,
          municipalityCode: plan.municipality.code,
          districtId: plan.districtId,
        }),
        happenedOn: received,
      },
      true,
    );
    const move = (actor: Actor, transition: SignalTransition) =>
      signals.transition(as(actor), signal.id, transition);
    at(discussed);
    await move(actors.analyst, { type: 'discussed', note: 'Besproken in het LOO', happenedOn: discussed });
    at(substantiated);
    await move(actors.analyst, {
      type: 'substantiated',
      note: 'Gemeente en politie onderbouwen het signaal samen.',
      organisationIds: [municipalityId, orgId('politie')],
      happenedOn: substantiated,
    });
    at(triaged);
    await move(actors.analyst, {
      type: 'triaged',
      route: 'integral',
      reason: 'Meerdere partners en bevoegdheden nodig',
      happenedOn: triaged,
    });
    at(decided);
    await move(actors.chair, {
      type: 'decided',
      decision: 'accepted',
      note: 'Integrale casus',
      happenedOn: decided,
    });
    return signal.id;
  }

  async function carryOut(plan: CasePlan): Promise<void> {
    const [first, second] = plan.periods;
    if (!first) return;
    const start = first[0];
    const signalId = await signalFor(plan, start);
    const municipalityId = municipalityOrg(plan.municipality.code);
    const themeIds = plan.themes.map((t) => {
      const local = districtThemes[plan.districtId ?? '']?.[t];
      return themeId(local && rnd() < 0.5 ? local : t);
    });
    const origin = signalId ? 'signal' : plan.origin === 'analysis' ? 'analysis-product' : 'direct';
    const from =
      origin !== 'direct'
        ? []
        : plan.origin === 'om'
          ? [orgId('om')]
          : plan.origin === 'other'
            ? [
                orgId(
                  pick(rnd, [
                    'nla',
                    'fiod',
                    'uwv',
                    'douane',
                    plan.districtId === 'flevoland' ? 'PV24' : 'PV26',
                  ]),
                ),
              ]
            : plan.origin === 'tax'
              ? [orgId('belastingdienst')]
              : plan.origin === 'police'
                ? [orgId('politie')]
                : plan.origin === 'municipality+police'
                  ? [municipalityId, orgId('politie')]
                  : [municipalityId];
    at(start);
    const created = await cases.create(as(actors.analyst), {
      origin,
      signalIds: signalId ? [signalId] : [],
      originOrganisationIds: from,
      codeName: `${pick(rnd, codeWords)} ${pick(rnd, codeColours)}`,
      districtId: plan.districtId,
      municipalityCodes:
        plan.districtId === null
          ? [...new Set([plan.municipality.code, pick(rnd, places).code])]
          : [plan.municipality.code],
      themeIds: [...new Set(themeIds)],
      type: plan.facilitator
        ? 'facilitator'
        : pick(rnd, ['subject', 'subject', 'network', 'location', 'branch'] as const),
      directorId: director,
      participantIds: [
        orgId('politie'),
        orgId('belastingdienst'),
        ...(municipalityId ? [municipalityId] : []),
      ],
      startedOn: start,
    });
    const id = created.id;
    const steps: Step[] = [];
    const step = (on: string, order: number, run: (on: string) => Promise<void>) => {
      if (on <= HORIZON) steps.push({ on, order, run });
    };
    const phase =
      (to: 'information' | 'analysis' | 'intervention' | 'evaluation') => async (happenedOn: string) => {
        await cases.phase(as(actors.director), id, { type: 'advance', to, happenedOn });
      };
    const close = (on: string) => {
      step(on, 8, async () => {
        if (rnd() < 0.2)
          await cases.evaluate(as(actors.chair), id, {
            waivedReason: 'Vergelijkbare casus recent geëvalueerd',
            happenedOn: on,
          });
        else
          await cases.evaluate(as(actors.director), id, {
            whatWorked: pick(rnd, [
              'Samen optrekken met de gemeente',
              'Snel delen via het convenant',
              'Fiscaal en bestuurlijk tegelijk',
            ]),
            whatDidNot: pick(rnd, [
              'Trage informatie-uitwisseling',
              'Onduidelijk wie de regie had',
              'Te laat zicht op de geldstromen',
            ]),
            lessons: pick(rnd, [
              'Eerder de Belastingdienst betrekken',
              'Vaste contactpersoon per partner',
              'Interventiematrix eerder vullen',
            ]),
            happenedOn: on,
          });
      });
      step(on, 9, async () => {
        await cases.phase(as(actors.director), id, { type: 'close', happenedOn: on });
      });
    };
    // Phases of the first period: spread over its length, or at a steady pace while open.
    const end = first[1];
    const length = end ? daysBetween(start, end) : 0;
    const when = (fraction: number, days: number) =>
      end ? addDays(start, Math.max(2, length * fraction)) : addDays(start, days);
    const information = when(0.08, 14);
    const analysis = when(0.25, 60);
    const intervention = when(0.5, 150);
    const evaluation = when(0.85, 420);
    step(start, 1, async () => {
      await cases.setGoal(as(actors.director), id, {
        goal: pick(rnd, [
          'Criminele inkomsten afpakken en de ondermijnende structuur doorbreken',
          'Het pand als uitvalsbasis wegnemen en de exploitant aanpakken',
          'Het netwerk en zijn facilitators in beeld brengen en verstoren',
        ]),
        strategy: 'Bestuurlijk, fiscaal en strafrechtelijk samen, volgens de interventiematrix',
      });
    });
    step(information, 2, phase('information'));
    // Set in the case that finds the virtual office; read three days later.
    let adviserRecordedAgain = false;
    step(information, 3, async () => {
      await caseInformation.addProvision(as(actors.police), id, {
        providedOn: information,
        legalBasisId: basis('wpg-16'),
        classification: 'vertrouwelijk',
        title: 'Politiële informatie',
        body: 'Antecedenten en relaties van de betrokkenen.',
      });
      if (signalId) {
        const detail = await cases.get(as(actors.director), id);
        for (const s of detail.signalSubjects.slice(0, 2))
          await caseInformation.addSubject(as(actors.director), id, {
            role: 'main-subject',
            signalSubjectId: s.id,
          });
      }
      if (plan.facilitator) {
        await caseInformation.addSubject(as(actors.director), id, {
          role: 'facilitator',
          subject: demoFacilitator.company,
        });
        await caseInformation.addSubject(as(actors.director), id, {
          role: 'facilitator',
          subject: demoFacilitator.adviser,
        });
        // The demo's steps answer nothing (DemoClock): the case is read back.
        const detail = await cases.get(as(actors.director), id);
        const office = detail.subjects.find((x) => x.kind === 'company' && x.role === 'facilitator');
        const adviser = detail.subjects.find((x) => x.kind === 'person' && x.role === 'facilitator');
        const main = detail.subjects.find((x) => x.kind === 'company' && x.role === 'main-subject');
        if (office && adviser)
          await subjects.addRelation(as(actors.director), id, {
            fromSubjectId: adviser.id,
            toSubjectId: office.id,
            type: 'directorship',
            startDate: '2014-09-01',
          });
        if (office && main)
          await subjects.addRelation(as(actors.director), id, {
            fromSubjectId: office.id,
            toSubjectId: main.id,
            type: 'facilitates',
          });
        // The virtual office: the first such case finds a dozen of its companies registered at one address.
        if (!virtualOfficeDone) {
          virtualOfficeDone = true;
          await caseInformation.addSubject(as(actors.director), id, {
            role: 'other',
            subject: virtualOffice,
          });
          const address = (await cases.get(as(actors.director), id)).subjects.find(
            (x) => x.kind === 'address' && x.label.startsWith('Stationsplein'),
          );
          for (let i = 0; i < 12; i++) {
            await caseInformation.addSubject(as(actors.director), id, {
              role: 'other',
              subject: {
                kind: 'company',
                name: `${pick(rnd, ['Holding', 'Trading', 'Consultancy', 'Invest', 'Vastgoed', 'Logistiek'])} ${pick(rnd, ['Noord', 'Zuid', 'Centrum', 'Delta', 'Euro', 'Prime'])} ${i + 1} B.V.`,
                kvkNumber: kvkFrom(rnd),
              },
            });
            const company = (await cases.get(as(actors.director), id)).subjects.at(-1);
            if (address && company)
              await subjects.addRelation(as(actors.director), id, {
                fromSubjectId: company.id,
                toSubjectId: address.id,
                type: 'registered-at',
              });
          }
          // The adviser's wife, co-owner of the office, at their home under her own name.
          await caseInformation.addSubject(as(actors.director), id, {
            role: 'other',
            subject: demoFacilitator.partner,
          });
          adviserRecordedAgain = true;
        }
      }
    });
    step(addDays(information, 3), 3, async () => {
      await caseInformation.addProvision(as(actors.tax), id, {
        providedOn: addDays(information, 3),
        legalBasisId: basis('awr-43c'),
        classification: 'vertrouwelijk',
        title: 'Fiscale informatie',
        body: 'Aangiften, vermogen en zakelijke relaties.',
      });
      // Days later, the adviser as two other sources wrote him down, without his BSN: once with
      // a slip in his surname and his date of birth, once with his initial only. The register
      // cannot know they are him, and suggests both to the analyst as probably the same man (who
      // was registered first, and stays the subject they would be merged into).
      // And his wife under his surname: the register links her only through their household.
      if (adviserRecordedAgain)
        for (const lookalike of [...demoFacilitator.adviserAsRecorded, demoFacilitator.partnerAsRecorded])
          await caseInformation.addSubject(as(actors.director), id, { role: 'other', subject: lookalike });
    });
    step(analysis, 2, phase('analysis'));
    step(analysis, 3, async () => {
      await interventions.addMatrixEntry(as(actors.director), id, {
        barrier: pick(rnd, ['Contante omzet', 'Vergunning voor de horeca', 'Bedrijfspand in eigendom']),
        catalogueId: catalogue('boekenonderzoek'),
        organisationId: orgId('belastingdienst'),
        chosen: true,
      });
    });
    step(intervention, 2, phase('intervention'));
    step(evaluation, 2, phase('evaluation'));
    if (end) close(end);

    // Advices; each fiscal result becomes an intervention and a confiscation by the Belastingdienst.
    let intervened = false;
    for (const advice of plan.advices) {
      const to =
        advice.kind === 'fiscal'
          ? orgId('belastingdienst')
          : advice.kind === 'criminal' || !municipalityId
            ? orgId('politie')
            : municipalityId;
      step(advice.on, 4, async () => {
        await interventions.addAdvice(as(actors.director), id, {
          kind: advice.kind,
          organisationId: to,
          givenOn: advice.on,
          description: pick(rnd, adviceTexts[advice.kind]),
        });
      });
      const result = advice.result;
      if (result) {
        intervened = true;
        const recorded =
          result.collected && result.collected.on > result.imposedOn ? result.collected.on : result.imposedOn;
        step(recorded, 5, async () => {
          const detail = await cases.get(as(actors.tax), id);
          const adviceId = detail.advices.find((a) => a.kind === 'fiscal' && a.givenOn === advice.on)?.id;
          await interventions.addIntervention(as(actors.tax), id, {
            adviceId,
            kind: 'fiscal',
            carriedOutOn: result.imposedOn,
            description: 'Navorderingsaanslag en vergrijpboete opgelegd',
          });
          // The demo's steps answer nothing (DemoClock): the new intervention is read back.
          const after = await cases.get(as(actors.tax), id);
          const collected = result.collected;
          await interventions.addResult(as(actors.tax), id, {
            interventionId: after.interventions.at(-1)?.id,
            kind: 'confiscation',
            imposedCents: result.imposedCents,
            imposedOn: result.imposedOn,
            ...(collected && !collected.settled
              ? { collectedCents: collected.cents, collectedOn: collected.on }
              : {}),
            ...(collected?.settled ? { settledCents: collected.cents, settledOn: collected.on } : {}),
          });
        });
      } else if (advice.kind === 'criminal' && rnd() < 0.6) {
        const on = addDays(advice.on, 20 + rnd() * 70);
        if (!end || on < end) {
          intervened = true;
          step(on, 5, async () => {
            await interventions.addIntervention(as(actors.police), id, {
              kind: 'criminal',
              carriedOutOn: on,
              description: 'Doorzoeking en aanhoudingen',
            });
            await interventions.addResult(as(actors.police), id, {
              kind: 'arrest',
              count: 1 + Math.floor(rnd() * 3),
            });
          });
        }
      }
    }
    // A case that reached its intervention phase has had at least one intervention.
    const firstIntervention = addDays(intervention, 10 + rnd() * 30);
    if (!intervened && (!end || firstIntervention < end))
      step(firstIntervention, 5, async () => {
        await interventions.addIntervention(as(actors.police), id, {
          kind: 'criminal',
          carriedOutOn: firstIntervention,
          description: 'Gerichte controle en verhoren',
        });
      });

    // A reopened case: new information after closure, then intervention, evaluation and closure.
    if (second) {
      const [reopened, closedAgain] = second;
      const again = closedAgain ? daysBetween(reopened, closedAgain) : 300;
      step(reopened, 0, async () => {
        await cases.phase(as(actors.director), id, {
          type: 'reopen',
          reason: 'Nieuwe informatie van de politie',
          happenedOn: reopened,
        });
      });
      step(addDays(reopened, again * 0.3), 2, phase('intervention'));
      step(addDays(reopened, again * 0.7), 2, phase('evaluation'));
      if (closedAgain) close(closedAgain);
    }

    steps.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.order - b.order));
    for (const s of steps) {
      at(s.on);
      await s.run(s.on);
    }
  }
}
