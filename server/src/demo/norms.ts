import {
  type NormStatus,
  type ScanAnswers,
  type ScanDefinitionInput,
  type ScanObjectInput,
  scanDefinition,
} from '@samenspel/contracts';
import { seededRandom } from '../shared/seeded-random.js';
import type { DemoClock } from './clock.js';
import { pick } from './people.js';
import { pointIn } from './places.js';

const REGION = 'midden-nederland';
const FLEVOLAND = ['GM0034', 'GM0303', 'GM0995', 'GM0171', 'GM0184', 'GM0050'] as const;
const GOOI = ['GM0376', 'GM1942', 'GM0402', 'GM0406', 'GM0417', 'GM0457', 'GM1696'] as const;

/** The Flevolandse norm's 22 ambitions: placeholders, named as such, until the norm's own text is entered. */
export const flevolandAmbitions = Array.from({ length: 22 }, (_, i) => ({
  code: `A${i + 1}`,
  title: `Ambitie ${i + 1} (voorbeeld)`,
  description: 'Plaatshouder: de tekst van deze ambitie uit de Flevolandse norm volgt.',
}));

/** The six-weekly reviews of the district working group Flevoland in 2022. */
export const flevolandReviews = [
  '2022-01-13',
  '2022-02-24',
  '2022-04-07',
  '2022-05-19',
  '2022-06-30',
  '2022-08-11',
  '2022-09-22',
  '2022-11-03',
  '2022-12-15',
];

const levels = [
  { value: 'nee', label: 'Nee', points: 0 },
  { value: 'beperkt', label: 'Beperkt', points: 1 },
  { value: 'grotendeels', label: 'Grotendeels', points: 2 },
  { value: 'volledig', label: 'Volledig', points: 3 },
];
const present = [
  { value: 'nee', label: 'Nee', points: 0 },
  { value: 'ja', label: 'Ja', points: 1 },
];
const basis = [
  { value: 'nee', label: 'Nee', points: 0 },
  { value: 'deels', label: 'Deels', points: 1 },
  { value: 'ja', label: 'Ja', points: 2 },
];

const weerbaarheidsscan: ScanDefinitionInput = {
  questions: [
    {
      code: 'W1',
      theme: 'Bestuurlijke weerbaarheid',
      text: 'Heeft de gemeente een door de raad vastgesteld beleid tegen ondermijning?',
      options: levels,
      recommendation: 'Stel een integraal beleid tegen ondermijning op en laat de raad het vaststellen.',
    },
    {
      code: 'W2',
      theme: 'Bestuurlijke weerbaarheid',
      text: 'Past de gemeente de Wet Bibob toe op alle relevante vergunningen en subsidies?',
      options: levels,
      weight: 2,
      recommendation: 'Breid de Bibob-beleidslijn uit naar alle relevante vergunningen en subsidies.',
    },
    {
      code: 'W3',
      theme: 'Bestuurlijke weerbaarheid',
      text: 'Biedt de APV de bevoegdheden voor bestuurlijke handhaving (sluiting, last onder dwangsom)?',
      options: levels,
      recommendation: 'Neem de bevoegdheden voor sluiting en last onder dwangsom op in de APV.',
    },
    {
      code: 'W4',
      theme: 'Informatiepositie',
      text: 'Brengt de gemeente ondermijning in beeld (ondermijningsbeeld, gelegenheidskaart)?',
      options: levels,
      recommendation: 'Laat met het RIEC een ondermijningsbeeld of gelegenheidskaart maken.',
    },
    {
      code: 'W5',
      theme: 'Informatiepositie',
      text: 'Verzamelt de gemeente signalen van medewerkers en deelt zij die met het RIEC?',
      options: levels,
      weight: 2,
      recommendation: 'Richt een meldpunt voor signalen in en maak afspraken over het delen met het RIEC.',
    },
    {
      code: 'W6',
      theme: 'Informatiepositie',
      text: 'Zijn de medewerkers getraind in het herkennen van signalen?',
      options: levels,
      recommendation:
        'Laat vergunningverleners, handhavers en burgerzaken de training signalen herkennen volgen.',
    },
    {
      code: 'W7',
      theme: 'Samenwerking',
      text: 'Is er een lokaal ondermijningsoverleg met de partners?',
      options: levels,
      recommendation: 'Start een lokaal ondermijningsoverleg (LOO) met de politie en het RIEC.',
    },
    {
      code: 'W8',
      theme: 'Samenwerking',
      text: 'Zijn er afspraken over integrale controles met de partners?',
      options: levels,
      recommendation: 'Maak met de politie en de Belastingdienst afspraken over integrale controles.',
    },
    {
      code: 'W9',
      theme: 'Samenwerking',
      text: 'Is de weerbaarheid van bestuurders en ambtenaren geborgd (integriteit, veiligheid)?',
      options: levels,
      recommendation: 'Neem de weerbaarheid van bestuurders en ambtenaren op in het integriteitsbeleid.',
    },
  ],
};

const quickscanMensenhandel: ScanDefinitionInput = {
  questions: [
    {
      code: 'M1',
      theme: 'Organisatie',
      text: 'Is er een bestuurlijk en een ambtelijk aanspreekpunt mensenhandel?',
      options: basis,
      basis: 2,
      recommendation: 'Wijs een bestuurlijk en een ambtelijk aanspreekpunt mensenhandel aan.',
    },
    {
      code: 'M2',
      theme: 'Organisatie',
      text: 'Staat mensenhandel in het integraal veiligheidsplan?',
      options: basis,
      basis: 2,
      recommendation: 'Neem de aanpak van mensenhandel op in het integraal veiligheidsplan.',
    },
    {
      code: 'M3',
      theme: 'Signalering',
      text: 'Is er een werkproces voor signalen van mensenhandel?',
      options: basis,
      basis: 2,
      recommendation: 'Leg vast wie een signaal van mensenhandel ontvangt, weegt en doorzet.',
    },
    {
      code: 'M4',
      theme: 'Signalering',
      text: 'Zijn de medewerkers getraind in het herkennen van mensenhandel?',
      options: basis,
      basis: 2,
      recommendation: 'Train de medewerkers die in contact komen met mogelijke slachtoffers.',
    },
    {
      code: 'M5',
      theme: 'Zorg',
      text: 'Is de opvang en zorg voor slachtoffers geregeld?',
      options: basis,
      basis: 2,
      recommendation: 'Maak afspraken met de zorgcoördinatie over opvang van slachtoffers.',
    },
    {
      code: 'M6',
      theme: 'Bestuurlijke aanpak',
      text: 'Toetst de gemeente bij vergunningen (seksbranche, horeca, massagesalons) op mensenhandel?',
      options: basis,
      basis: 2,
      recommendation: 'Neem de toets op mensenhandel op in het vergunningenbeleid.',
    },
    {
      code: 'M7',
      theme: 'Bestuurlijke aanpak',
      text: 'Neemt de gemeente deel aan de signalentafel mensenhandel?',
      options: basis,
      basis: 2,
      recommendation: 'Sluit aan bij de signalentafel mensenhandel van het Zorg- en Veiligheidshuis.',
    },
  ],
};

const horecascan: ScanDefinitionInput = {
  questions: [
    {
      code: 'H1',
      text: 'Wisselende exploitanten of leidinggevenden in korte tijd',
      options: present,
      weight: 2,
      recommendation: 'Laat bij de volgende wijziging van de exploitant een Bibob-onderzoek doen.',
    },
    {
      code: 'H2',
      text: 'Weinig bezoekers bij een opvallend hoge omzet',
      options: present,
      weight: 2,
      recommendation: 'Deel het signaal met de Belastingdienst via het RIEC.',
    },
    {
      code: 'H3',
      text: 'Contante aankoop of financiering van het pand of de inventaris',
      options: present,
      recommendation: 'Vraag het RIEC om een analyse van de financiering.',
    },
    {
      code: 'H4',
      text: 'Eerdere bestuurlijke of strafrechtelijke maatregelen',
      options: present,
      weight: 2,
    },
    {
      code: 'H5',
      text: 'Geen of gebrekkige vergunningen (exploitatie, alcohol)',
      options: present,
      recommendation: 'Plan een integrale controle met de partners.',
    },
    { code: 'H6', text: 'Opvallende afscherming of beveiliging van het pand', options: present },
  ],
  threshold: 5,
};

const vastgoed: ScanDefinitionInput = {
  questions: [
    { code: 'V1', text: 'Snelle doorverkoop met een grote prijsstijging', options: present, weight: 2 },
    { code: 'V2', text: 'Aankoop met contant geld of onbekende financiering', options: present, weight: 2 },
    { code: 'V3', text: 'Eigenaar met buitenlandse of onduidelijke zeggenschap', options: present },
    { code: 'V4', text: 'Leegstand of gebruik dat niet bij de bestemming past', options: present },
    { code: 'V5', text: 'Huurder of gebruiker met antecedenten', options: present, weight: 2 },
  ],
  threshold: 4,
};

const streets = [
  'Kerkstraat',
  'Marktplein',
  'Stationsstraat',
  'Havenweg',
  'Brink',
  'Dorpsstraat',
  'Langestraat',
];
const places: Record<string, string> = {
  GM0376: 'Blaricum',
  GM1942: 'Bussum',
  GM0402: 'Hilversum',
  GM0406: 'Huizen',
  GM0417: 'Laren',
  GM0457: 'Weesp',
  GM1696: 'Loosdrecht',
};

const day = (from: string, days: number) =>
  new Date(Date.parse(`${from}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The demo's norm and scans: the Flevolandse norm (22 placeholder ambitions for the six
 * Flevoland municipalities and the province) with statuses through 2021 and 2022 and the district
 * working group's six-weekly reviews of 2022; the weerbaarheidsscan in every municipality of the
 * region in 2020 with reruns in 2022 and follow-up actions; the horecascan in the seven
 * municipalities of Gooi en Vechtstreek in 2021, whose objects at or above the threshold became
 * risk locations; a quickscan mensenhandel in four municipalities; and the real-estate risk
 * indicators, defined but not yet run. Every step is recorded on its day through the services.
 * Nothing is added when the norm exists.
 */
export async function seedDemoNormsAndScans(demo: DemoClock): Promise<{ statuses: number; runs: number }> {
  const { as, actorOf } = demo;
  const { norms, scans, organisations } = demo.services;
  const analyst = as(await actorOf('analist@riec-mn.example'));
  const manager = as(await actorOf('programmamanager@riec-mn.example'));
  if ((await norms.list(analyst)).some((n) => n.name === 'Flevolandse norm')) return { statuses: 0, runs: 0 };
  const started = demo.now;
  const at = (iso: string) => demo.set(new Date(`${iso}T10:00:00Z`));
  const rnd = seededRandom(2022_15);
  const partners = await organisations.listPartnerOrganisations(analyst, { region: REGION, all: true });
  const orgId = (code: string) => partners.find((o) => o.code === code)?.id ?? '';
  const boundaries = await organisations.boundaries(analyst, REGION);
  const municipalities = boundaries.features.map((f) => f.properties.code);

  // The scans, defined by the programme manager.
  at('2020-01-15');
  const defined = async (
    name: string,
    kind: 'weerbaarheidsscan' | 'quickscan-mensenhandel' | 'horecascan' | 'real-estate',
    description: string,
    definition: ScanDefinitionInput,
  ) =>
    scans.create(manager, {
      name,
      kind,
      subject: definition.threshold === undefined ? 'municipality' : 'objects',
      description,
      definition: scanDefinition.parse(definition),
    });
  const weerbaarheid = await defined(
    'Weerbaarheidsscan',
    'weerbaarheidsscan',
    'De bestuurlijke weerbaarheid van een gemeente tegen ondermijning: beleid, informatiepositie en samenwerking.',
    weerbaarheidsscan,
  );
  const quickscan = await defined(
    'Quickscan mensenhandel',
    'quickscan-mensenhandel',
    'De aanpak van mensenhandel van een gemeente, gemeten tegen het basisniveau.',
    quickscanMensenhandel,
  );
  const horeca = await defined(
    'Horecascan',
    'horecascan',
    'Risico-indicatoren per horecagelegenheid van een gemeente; vanaf de drempel is het een risicolocatie.',
    horecascan,
  );
  await defined(
    'Risico-indicatoren vastgoed',
    'real-estate',
    'Risico-indicatoren per vastgoedobject; vanaf de drempel is het een risicolocatie.',
    vastgoed,
  );

  // Everything that happened, in the order it happened: each step on its own day.
  const events: Array<{ on: string; step: () => Promise<unknown> }> = [];
  const later = (on: string, step: () => Promise<unknown>) => events.push({ on, step });
  let runs = 0;
  const actions = new Map<string, string>();

  // The weerbaarheidsscan in every municipality in 2020; a quarter of them again in 2022.
  const levelOf = (base: number) =>
    levels[Math.max(0, Math.min(3, Math.round(base + rnd() * 2 - 1)))]?.value ?? 'nee';
  const questions = (weerbaarheidsscan.questions ?? []).map((q) => q.code);
  municipalities.forEach((code, i) => {
    const base = 0.6 + rnd() * 1.6;
    const heldOn = day('2020-02-03', Math.floor((i * 280) / municipalities.length));
    const answers: ScanAnswers = Object.fromEntries(questions.map((q) => [q, levelOf(base)]));
    const rerun = i % 4 === 1;
    later(heldOn, async () => {
      const result = await scans.run(analyst, weerbaarheid.id, {
        municipalityCode: code,
        heldOn,
        answers,
        actions: rerun
          ? [
              {
                title: 'Beleid tegen ondermijning laten vaststellen door de raad',
                questionCode: 'W1',
                dueOn: day(heldOn, 270),
              },
            ]
          : [],
        note: undefined,
      });
      runs += 1;
      const action = result.actions[0]?.id;
      if (action) actions.set(code, action);
    });
    if (!rerun) return;
    later(day(heldOn, 75), async () =>
      scans.actionStep(analyst, actions.get(code) ?? '', {
        status: 'in-progress',
        note: 'Concept ligt bij het college.',
        happenedOn: day(heldOn, 75),
      }),
    );
    if (i % 8 === 1)
      later(day(heldOn, 240), async () =>
        scans.actionStep(analyst, actions.get(code) ?? '', {
          status: 'done',
          note: 'Vastgesteld door de raad.',
          happenedOn: day(heldOn, 240),
        }),
      );
    const againOn = day('2022-02-01', Math.floor((i * 200) / municipalities.length));
    const improved: ScanAnswers = Object.fromEntries(
      Object.entries(answers).map(([q, v]) => {
        const index = levels.findIndex((l) => l.value === v);
        return [q, levels[Math.min(3, index + (rnd() < 0.6 ? 1 : 0))]?.value ?? v];
      }),
    );
    later(againOn, async () => {
      await scans.run(analyst, weerbaarheid.id, {
        municipalityCode: code,
        heldOn: againOn,
        answers: improved,
        actions: [],
        note: 'Herhaling na twee jaar.',
      });
      runs += 1;
    });
  });

  // The horecascan in the seven municipalities of Gooi en Vechtstreek in 2021.
  GOOI.forEach((code, i) => {
    const heldOn = day('2021-03-08', i * 35);
    const boundary = boundaries.features.find((f) => f.properties.code === code);
    const objects: ScanObjectInput[] = Array.from({ length: 5 + Math.floor(rnd() * 5) }, () => {
      const answers: ScanAnswers = Object.fromEntries(
        (horecascan.questions ?? []).map((q) => [q.code, rnd() < 0.3 ? 'ja' : 'nee']),
      );
      return {
        answers,
        newLocation: {
          kind: 'catering' as const,
          name: undefined,
          // Where the analyst placed it on the map: inside the municipality.
          point: boundary ? pointIn(boundary.geometry, rnd) : undefined,
          address: {
            street: pick(rnd, streets),
            houseNumber: 1 + Math.floor(rnd() * 90),
            place: places[code],
            postcode: undefined,
            houseLetter: undefined,
            houseNumberAddition: undefined,
          },
        },
        locationId: undefined,
      };
    });
    later(heldOn, async () => {
      await scans.run(analyst, horeca.id, {
        municipalityCode: code,
        heldOn,
        objects,
        actions: [
          {
            title: 'Integrale controle van de gelegenheden boven de drempel',
            questionCode: undefined,
            dueOn: day(heldOn, 90),
          },
        ],
        note: undefined,
      });
      runs += 1;
    });
  });

  // The quickscan mensenhandel in four municipalities, against the basisniveau.
  const quickscanRuns: Array<[string, string, number]> = [
    ['GM0344', '2021-04-20', 0.7],
    ['GM0307', '2021-06-15', 0.5],
    ['GM0034', '2021-09-28', 0.35],
    ['GM0402', '2022-03-10', 0.6],
  ];
  for (const [code, heldOn, chance] of quickscanRuns)
    later(heldOn, async () => {
      await scans.run(analyst, quickscan.id, {
        municipalityCode: code,
        heldOn,
        answers: Object.fromEntries(
          (quickscanMensenhandel.questions ?? []).map((q) => [
            q.code,
            rnd() < chance ? 'ja' : rnd() < 0.5 ? 'deels' : 'nee',
          ]),
        ),
        actions: [
          { title: 'Aanspreekpunt mensenhandel aanwijzen', questionCode: 'M1', dueOn: day(heldOn, 120) },
        ],
        note: undefined,
      });
      runs += 1;
    });

  // The Flevolandse norm from 2021, recorded by the programme manager; the statuses of 2021 and
  // 2022 as the municipalities and the province reported them.
  const members = [...FLEVOLAND, 'PV24'];
  let normId = '';
  later('2020-12-15', async () => {
    normId = (
      await norms.create(manager, {
        name: 'Flevolandse norm',
        description:
          'De gedeelde ambities waaraan elke Flevolandse gemeente en de provincie zich verbinden tegen ondermijning.',
        districtId: 'flevoland',
        validFrom: '2021-01-01',
        ambitions: flevolandAmbitions,
        memberIds: members.map(orgId),
        note: undefined,
      })
    ).id;
  });
  let statuses = 0;
  const status = (member: string, code: string, value: NormStatus, on: string, evidence?: string) =>
    later(on, async () => {
      await norms.recordStatus(manager, normId, {
        organisationId: orgId(member),
        ambitionCode: code,
        status: value,
        evidence,
        happenedOn: on,
      });
      statuses += 1;
    });
  members.forEach((member, m) => {
    const pace = 0.45 + (m % 3) * 0.15;
    flevolandAmbitions.forEach((a, i) => {
      if (rnd() < 0.12) return;
      const begun = day('2021-01-18', Math.floor(rnd() * 320));
      status(member, a.code, 'in-progress', begun, undefined);
      if (rnd() > pace + (i < 8 ? 0.2 : 0)) return;
      const met = day(begun, 40 + Math.floor(rnd() * 480));
      if (met <= '2022-12-09')
        status(member, a.code, 'met', met, `Plaatshouder: vastgelegd bewijs voor ${a.title.toLowerCase()}.`);
    });
  });
  for (const [r, heldOn] of flevolandReviews.entries())
    later(heldOn, async () => {
      const review = await norms.createReview(analyst, normId, {
        heldOn,
        note: 'Zeswekelijks overleg van de districtelijke werkgroep Flevoland.',
      });
      for (const point of review.points.filter((_, i) => i % 9 === r % 9).slice(0, 3))
        await norms.recordOutcome(
          analyst,
          review.id,
          point.id,
          `Afgesproken: ${point.member.name} meldt de voortgang in de volgende bespreking (voorbeeld).`,
        );
    });

  events.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  for (const event of events) {
    at(event.on);
    await event.step();
  }
  demo.set(started);
  return { statuses, runs };
}
