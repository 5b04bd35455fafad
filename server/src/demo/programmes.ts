import type { Programme, ProgrammeGoalRequest, SignalTransition } from '@samenspel/contracts';
import type { Actor } from '../shared/context.js';
import { seededRandom } from '../shared/seeded-random.js';
import type { DemoClock } from './clock.js';
import { demoPerson, ibanFrom, pick } from './people.js';

const REGION = 'midden-nederland';

/**
 * The local meetings (LOO) of 2021 as the annual plan reports them per district: a municipality's
 * LOO is structural when it met every quarter, in the making when it met but not every quarter.
 * West-Utrecht "10, waarvan 9 structureel"; Oost-Utrecht "15 geïmplementeerd"; Flevoland "6 LOO";
 * Gooi en Vechtstreek "3 vinden structureel plaats; 2 in opbouw; 1 gemeente is naar andere regio".
 * Which municipality is which is the demo's choice.
 */
const looPlan: Record<string, { structural: string[]; building: string[] }> = {
  'west-utrecht': {
    structural: ['GM0736', 'GM0321', 'GM0353', 'GM0335', 'GM0356', 'GM1904', 'GM1961', 'GM0632', 'GM0331'],
    building: ['GM0589'],
  },
  'oost-utrecht': {
    structural: [
      'GM0307',
      'GM0308',
      'GM0310',
      'GM0312',
      'GM0313',
      'GM0317',
      'GM0327',
      'GM0339',
      'GM0340',
      'GM0342',
      'GM1581',
      'GM0345',
      'GM0351',
      'GM0352',
      'GM0355',
    ],
    building: [],
  },
  flevoland: { structural: ['GM0034', 'GM0303', 'GM0995', 'GM0171', 'GM0184', 'GM0050'], building: [] },
  'gooi-en-vechtstreek': { structural: ['GM0402', 'GM1942', 'GM0406'], building: ['GM1696', 'GM0376'] },
};

/** Municipalities the Team Operationele Versterking supported in 2021: 27, most of them small. */
const tovMunicipalities = [
  'GM0736',
  'GM0321',
  'GM0353',
  'GM0335',
  'GM1904',
  'GM1961',
  'GM0632',
  'GM0331',
  'GM0589',
  'GM0308',
  'GM0310',
  'GM0312',
  'GM0313',
  'GM0317',
  'GM0327',
  'GM0339',
  'GM0340',
  'GM0342',
  'GM1581',
  'GM0351',
  'GM0352',
  'GM0303',
  'GM0171',
  'GM0184',
  'GM0050',
  'GM0376',
  'GM1696',
];

const source = (part: string) => `Jaarplan 2022 en terugblik 2021, ${part}`;

/**
 * The programme pages of 2021 (Jaarplan 2022, "Terugblik 2021"): every district's action plan and
 * the regional programmes with the plan's "Beoogd / Gerealiseerd" rows. Where the record holds
 * the figure, the result is computed (the cases, the LOO, the maps, the West-Utrecht inspections
 * and risk locations, the FIU chain, the activities); where it does not, the programme manager
 * recorded it by hand with the plan as its source. Also seeds what those figures count that the
 * rest of the demo lacks: the LOO meetings, the year's other FIU signals and the activities.
 */
export async function seedDemoProgrammes(demo: DemoClock): Promise<number> {
  const { as, actorOf } = demo;
  const { programmes, meetings, signals, activities, organisations } = demo.services;
  const actors = {
    analyst: await actorOf('analist@riec-mn.example'),
    manager: await actorOf('programmamanager@riec-mn.example'),
    chair: await actorOf('voorzitter@politie-mn.example'),
    police: await actorOf('medewerker@politie-mn.example'),
  };
  if ((await programmes.list(as(actors.manager), { year: 2021 })).length) return 0;
  const at = (iso: string) => demo.set(new Date(`${iso}T10:00:00Z`));
  const rnd = seededRandom(2021_15);
  const reader = as(actors.analyst);
  const partners = await organisations.listPartnerOrganisations(reader, { region: REGION, all: true });
  const orgId = (code: string) => {
    const found = partners.find((o) => o.code === code);
    if (!found) throw new Error(`no partner ${code}`);
    return found.id;
  };
  // The municipalities that are in the region to stay (Weesp leaves it in 2022).
  const municipalities = (
    await organisations.listMunicipalities(reader, { region: REGION, validOn: '2021-07-01' })
  ).filter((m) => !m.validUntil);
  const themes = await organisations.listThemes(reader, { scope: 'national' });
  const themeOf = (code: string) => themes.find((t) => t.code === code)?.id ?? themes[0]?.id ?? '';
  const day = (from: number, to: number) => {
    const d = new Date(Date.UTC(2021, 0, 1) + Math.floor(from + rnd() * (to - from)) * 86_400_000);
    return d.toISOString().slice(0, 10);
  };

  await seedLocalMeetings();
  await seedFiuChain();
  await seedActivities();
  return seedPages();

  async function seedLocalMeetings(): Promise<void> {
    // Structural: one meeting in each quarter; in the making: two, in the second and fourth.
    const structural = ['02-09', '05-11', '09-14', '11-23'];
    const building = ['06-15', '11-30'];
    for (const [districtId, plan] of Object.entries(looPlan))
      for (const [codes, dates] of [
        [plan.structural, structural],
        [plan.building, building],
      ] as const)
        for (const code of codes)
          for (const date of dates) {
            at(`2021-${date}`);
            await meetings.create(as(actors.chair), {
              kind: 'loo',
              districtId,
              municipalityCode: code,
              date: `2021-${date}`,
              attendingOrganisationIds: [orgId(code), orgId('politie')],
              signalIds: [],
            });
          }
  }

  /**
   * "44 nieuwe FIU-signalen zijn aangedragen als startpunt. Op basis hiervan zijn 7
   * strafrechtelijke onderzoeken gestart, 2 RIEC casussen gestart, 3 fiscale interventies
   * gedaan". Two of the 44 are in the case history (the two cases); these are the other 42: seven
   * referred for a criminal investigation, three to the Tax Administration, the rest not taken
   * up by the RIEC (already known in an investigation, or too thin).
   */
  async function seedFiuChain(): Promise<void> {
    const outcomes: Array<string | null> = [
      'politie',
      'politie',
      'politie',
      'politie',
      'om',
      'om',
      'fiod',
      'belastingdienst',
      'belastingdienst',
      'belastingdienst',
      ...Array<null>(32).fill(null),
    ];
    for (const [i, referredTo] of outcomes.entries()) {
      const place = pick(rnd, municipalities);
      const received = day(10 + i * 8, 14 + i * 8);
      at(received);
      const signal = await signals.create(
        as(actors.police),
        {
          submittingOrganisationIds: [orgId('politie')],
          source: 'fiu',
          description:
            'Verdachtverklaarde transacties van FIU-Nederland: contante stortingen en snelle doorboekingen.',
          municipalityCode: place.code,
          themeIds: [themeOf('money_laundering')],
          urgency: 'normal',
          subjects: [demoPerson(rnd), { kind: 'account', iban: ibanFrom(rnd), holder: undefined }],
          happenedOn: received,
        },
        true,
      );
      const move = (actor: Actor, transition: SignalTransition) =>
        signals.transition(as(actor), signal.id, transition);
      const next = (days: number) => {
        const d = new Date(`${received}T10:00:00Z`);
        d.setUTCDate(d.getUTCDate() + days);
        const iso = d.toISOString().slice(0, 10);
        at(iso);
        return iso;
      };
      await move(actors.analyst, { type: 'discussed', note: 'Besproken in het LOO', happenedOn: next(3) });
      await move(actors.analyst, {
        type: 'substantiated',
        note: 'Politie en gemeente leggen de transacties naast hun eigen informatie.',
        organisationIds: [orgId(place.code), orgId('politie')],
        happenedOn: next(6),
      });
      await move(actors.analyst, {
        type: 'triaged',
        route: 'quick',
        reason: 'Eén partner kan het oppakken',
        happenedOn: next(8),
      });
      await move(
        actors.chair,
        referredTo
          ? {
              type: 'decided',
              decision: 'referred',
              referredToOrganisationId: orgId(referredTo),
              note:
                referredTo === 'belastingdienst'
                  ? 'Voor een fiscale interventie'
                  : 'Voor een strafrechtelijk onderzoek',
              happenedOn: next(12),
            }
          : {
              type: 'decided',
              decision: 'not-accepted',
              reason: i % 3 === 0 ? 'insufficient-indications' : 'already-known',
              note: undefined,
              happenedOn: next(12),
            },
      );
    }
  }

  /**
   * The activities of 2021 the plan counts: Bibob support in about 50 cases, the TOV's support of
   * 27 municipalities in 65 dossiers (from mid-2021), eleven Bibob webinars, four Q-colleges with
   * 100–150 participants each, Kapot Sterk at seven schools with 210 pupils, and 58 further
   * provisions of FIU information to investigations and analyses.
   */
  async function seedActivities(): Promise<void> {
    const record = async (
      kind: string,
      heldOn: string,
      fields: Omit<Parameters<typeof activities.create>[1], 'kind' | 'heldOn' | 'note'>,
    ) => {
      at(heldOn);
      await activities.create(as(actors.analyst), { kind, heldOn, ...fields, note: undefined });
    };
    for (let i = 0; i < 50; i += 1)
      await record('bibob-support', day(5, 350), {
        title: pick(rnd, [
          'Bibob-advies bij een exploitatievergunning',
          'Bibob-advies bij een omgevingsvergunning',
          'Ondersteuning bij een Bibob-onderzoek vastgoed',
        ]),
        municipalityCode: pick(rnd, municipalities).code,
        dossiers: 1,
      });
    for (let i = 0; i < 65; i += 1)
      await record('tov-support', day(182, 355), {
        title: pick(rnd, [
          'Integrale controle voorbereid',
          'Bestuurlijk dossier ondersteund',
          'Juridisch advies',
        ]),
        municipalityCode: tovMunicipalities[i % tovMunicipalities.length] ?? 'GM0589',
        dossiers: 1,
      });
    const webinars = ['beginners', 'gevorderden', 'vastgoed', 'bouw', 'zorg(fraude)'];
    for (let i = 0; i < 11; i += 1)
      await record('webinar', day(20 + i * 30, 40 + i * 30), {
        title: `Bibob-webinar: ${webinars[i % webinars.length]}`,
        participants: 25 + Math.floor(rnd() * 40),
      });
    for (const [i, participants] of [118, 142, 105, 131].entries())
      await record('q-college', day(40 + i * 80, 60 + i * 80), {
        title: 'Q-college: de wereld en aanpak van drugscriminaliteit',
        participants,
      });
    for (const [i, pupils] of [58, 52, 20, 22, 18, 20, 20].entries())
      await record('school-programme', day(60 + i * 30, 80 + i * 30), {
        title: i < 2 ? 'Kapot Sterk (pilot Utrecht-Zuid)' : 'Kapot Sterk',
        municipalityCode: 'GM0344',
        pupils,
      });
    for (let i = 0; i < 58; i += 1)
      await record('fiu-information', day(i * 6, i * 6 + 5), {
        title: 'Gerichte aanvullende FIU-informatie voor een vooronderzoek of analyse',
        partnerId: orgId('politie'),
      });
  }

  async function seedPages(): Promise<number> {
    at('2022-01-20');
    const manager = as(actors.manager);
    const computed = (...indicators: Array<string | [string, string]>) =>
      ({
        kind: 'computed',
        indicators: indicators.map((i) =>
          Array.isArray(i) ? { indicator: i[0], option: i[1] } : { indicator: i, option: null },
        ),
      }) as ProgrammeGoalRequest['result'];
    const number = (minimum: number) => ({ kind: 'number' as const, minimum, text: undefined });
    const aim = (text: string) => ({ kind: 'qualitative' as const, text });
    const cases = computed('cases.handled', 'cases.new', 'cases.closed');
    type Row = {
      text: string;
      target: ProgrammeGoalRequest['target'];
      result: ProgrammeGoalRequest['result'];
      recorded?: { value?: number; text?: string; part: string };
    };
    const pages: Array<{ name: string; districtId?: string; description: string; rows: Row[] }> = [
      {
        name: 'Districtsplan West-Utrecht 2021',
        districtId: 'west-utrecht',
        description: 'Meer districtelijke casuïstiek succesvol en duurzaam aanpakken.',
        rows: [
          { text: 'Casussen', target: number(20), result: cases },
          {
            text: '10 lokale ondermijningsoverleggen implementeren',
            target: number(10),
            result: computed('loo.held', 'loo.structural'),
          },
          {
            text: 'Risicolocaties in de tien gemeenten in beeld brengen en aanpakken',
            target: aim('Risicolocaties bevestigen of ontkrachten en aanpakken, met integrale controles'),
            result: computed(
              'locations.addressed',
              'locations.looked-into',
              'locations.flagged',
              'inspections.held',
              'inspections.integral',
            ),
          },
        ],
      },
      {
        name: 'Districtsplan Oost-Utrecht 2021',
        districtId: 'oost-utrecht',
        description: 'Triage en Team Operationele Versterking als sleutel tot snelle en complexe casuïstiek.',
        rows: [
          {
            text: 'Casussen',
            target: aim('Ter vergelijking: in 2020 zijn 31 casussen behandeld'),
            result: cases,
          },
          {
            text: '15 lokale ondermijningsoverleggen implementeren',
            target: number(15),
            result: computed('loo.held', 'loo.structural'),
          },
          {
            text: 'Buitengebied: 8 gemeenten hebben een gelegenheidskaart',
            target: number(8),
            result: computed('maps.opportunity', 'maps.risk'),
          },
          {
            text: 'Meldingsbereidheid verhogen via een Meld Misdaad Anoniem-campagne',
            target: aim('Meer meldingen uit het buitengebied'),
            result: { kind: 'recorded' },
            recorded: {
              value: 5,
              text: '5 gemeenten voerden een M-campagne uit',
              part: 'Oost-Utrecht, buitengebied',
            },
          },
          {
            text: 'Autobranche: 14 integrale controles, in elk basisteam minimaal 1',
            target: number(14),
            result: { kind: 'recorded' },
            recorded: {
              value: 40,
              text: 'Niet alle autobranchecontroles zijn centraal geregistreerd, maar zo’n 40 autobedrijven zijn gecontroleerd, minimaal 1 in ieder basisteam',
              part: 'Oost-Utrecht, autobranche',
            },
          },
        ],
      },
      {
        name: 'Districtsplan Utrecht-Stad 2021',
        districtId: 'utrecht-stad',
        description: 'Aandacht voor het verbeteren van de samenwerking in casuïstiek.',
        rows: [
          {
            text: '4 nieuwe casussen in kwetsbare gebieden',
            target: number(4),
            result: computed('cases.new', 'cases.handled', 'cases.closed'),
          },
          {
            text: '2 actieweken',
            target: number(2),
            result: { kind: 'recorded' },
            recorded: { value: 2, text: '1 integraal en 1 multidisciplinair', part: 'Utrecht-Stad' },
          },
        ],
      },
      {
        name: 'Districtsplan Flevoland 2021',
        districtId: 'flevoland',
        description: 'Signalen liepen aanvankelijk terug; toch interventies in veertien casussen.',
        rows: [
          {
            text: 'Casussen',
            target: { kind: 'range', minimum: 12, maximum: 15, text: undefined },
            result: cases,
          },
          { text: '6 lokale ondermijningsoverleggen', target: number(6), result: computed('loo.held') },
          {
            text: 'Projectmatige aanpak op de 8 geprioriteerde bedrijventerreinen',
            target: aim('Een projectmatige aanpak op elk geprioriteerd bedrijventerrein'),
            result: { kind: 'recorded' },
            recorded: {
              text: 'Aanpak loopt op basis van 9 projectplannen (goedgekeurd in de gemeenteraden)',
              part: 'Flevoland, bedrijventerreinen',
            },
          },
          {
            text: 'Beter zicht van de overheid op bepaalde bedrijfsbranches of -terreinen',
            target: aim('Meer zicht op bedrijfsbranches en -terreinen'),
            result: { kind: 'recorded' },
            recorded: {
              text: '4 integrale controles; 6 schouwen; combinatie met (systeem)informatie binnen het handhavingsknelpunt',
              part: 'Flevoland, bedrijventerreinen',
            },
          },
          {
            text: '5 gemeenten stellen een gelegenheidskaart op',
            target: number(5),
            result: { kind: 'recorded' },
            recorded: {
              value: 5,
              text: '5 gemeenten hebben een gelegenheidskaart',
              part: 'Flevoland, buitengebied',
            },
          },
        ],
      },
      {
        name: 'Districtsplan Gooi en Vechtstreek 2021',
        districtId: 'gooi-en-vechtstreek',
        description:
          'Integrale casussen, zicht op een financieel adviseur van csv’s en efficiënte informatieverwerking.',
        rows: [
          { text: 'Casussen', target: number(40), result: cases },
          {
            text: '7 lokale ondermijningsoverleggen (Weesp gaat in 2022 naar een andere regio)',
            target: number(7),
            result: computed('loo.held', 'loo.structural', 'loo.building'),
          },
          {
            text: 'Beter en concreter zicht op de omvang van ondermijnende drugscriminaliteit in de horeca',
            target: aim('Zicht op de horeca in elke gemeente'),
            result: { kind: 'recorded' },
            recorded: {
              value: 7,
              text: '7 horecascans, in alle gemeenten',
              part: 'Gooi en Vechtstreek, horeca',
            },
          },
        ],
      },
      {
        name: 'Criminele geldstromen 2021',
        description: 'Afpakken en zicht op criminele geldstromen, samen met FIU-Nederland en de FIOD.',
        rows: [
          {
            text: 'Intensiveren samenwerking met FIU-Nederland: meer gebruik van informatie over verdachte transacties',
            target: aim('Meer gebruik van FIU-informatie bij lopende (voor)onderzoeken en analyses'),
            result: computed('fiu.signals', 'fiu.criminal', 'fiu.cases', 'fiu.fiscal', [
              'activities.count',
              'fiu-information',
            ]),
          },
          {
            text: 'Zicht en sturing op activiteiten, proces en resultaten in relatie tot criminele geldstromen',
            target: aim('Meer zaken waarin wordt afgepakt'),
            result: { kind: 'recorded' },
            recorded: {
              text: 'Sterke toename van het aantal zaken waarin is afgepakt ten opzichte van 2020: +30%. In 2021 is op meer dan € 19 miljoen beslag gelegd; in 2020 was dit ongeveer € 9 miljoen',
              part: 'Criminele geldstromen',
            },
          },
        ],
      },
      {
        name: 'Weerbare overheid 2021',
        description: 'Gemeenten en provincies gebruiken hun bevoegdheden om barrières op te werpen.',
        rows: [
          {
            text: 'Gemeenten ondersteunen bij Bibob',
            target: aim('Bibob-ondersteuning in zo’n 50 casussen en kennisdeling'),
            result: computed(['activities.count', 'bibob-support'], ['activities.count', 'webinar']),
          },
          {
            text: 'Team Operationele Versterking ondersteunt vooral kleine gemeenten',
            target: aim('Extra capaciteit voor integrale controles en het bestuurlijk instrumentarium'),
            result: computed(
              ['activities.municipalities', 'tov-support'],
              ['activities.count', 'tov-support'],
            ),
          },
        ],
      },
      {
        name: 'Maatschappelijke weerbaarheid 2021',
        description: 'Straatwaarde(n): jongeren en wijken weerbaar maken tegen drugscriminaliteit.',
        rows: [
          {
            text: 'Lesprogramma Kapot Sterk op basisscholen',
            target: aim('Kinderen leren zich te beschermen tegen (drugs)criminelen'),
            result: computed(
              ['activities.count', 'school-programme'],
              ['activities.pupils', 'school-programme'],
            ),
          },
          {
            text: 'Q-colleges over de wereld en aanpak van drugscriminaliteit, 100–150 deelnemers per keer',
            target: { kind: 'range', minimum: 100, maximum: 150, text: undefined },
            result: computed(
              ['activities.participants-average', 'q-college'],
              ['activities.count', 'q-college'],
            ),
          },
        ],
      },
    ];
    for (const page of pages) {
      let programme: Programme = await programmes.create(manager, {
        year: 2021,
        kind: page.districtId ? 'district' : 'programme',
        ...(page.districtId ? { districtId: page.districtId } : {}),
        name: page.name,
        description: page.description,
      });
      for (const row of page.rows) {
        programme = await programmes.addGoal(manager, programme.id, {
          text: row.text,
          scope: page.districtId ? { kind: 'district', districtId: page.districtId } : { kind: 'region' },
          target: row.target,
          result: row.result,
        });
        const goal = programme.items.at(-1);
        if (row.recorded && goal)
          await programmes.recordResult(manager, programme.id, goal.id, {
            ...(row.recorded.value === undefined ? {} : { value: row.recorded.value }),
            text: row.recorded.text,
            source: source(row.recorded.part),
            recordedOn: '2021-12-31',
          });
      }
    }
    return pages.length;
  }
}
