import type { SignalTransition } from '@samenspel/contracts';
import type { Actor } from '../shared/context.js';
import { amsterdamDate } from '../shared/dates.js';
import { seededRandom } from '../shared/seeded-random.js';
import type { DemoClock } from './clock.js';
import { demoSubjects, pick } from './people.js';

const REGION = 'midden-nederland';
const DAY = 86_400_000;

const descriptions = [
  'Veel contante omzet en wisselende huurders; dure auto’s voor de deur.',
  'Bedrijfspand staat leeg maar er is ’s nachts activiteit; vermoeden van een drugslab.',
  'Buren melden veel bezoekers die kort blijven; mogelijk drugshandel vanuit de woning.',
  'Onderneming wisselt vaak van bestuurder; vermoedelijk katvanger en witwassen via vastgoed.',
  'Signalen van uitbuiting van werknemers in een nagelstudio.',
  'Transportbedrijf met opvallende ritten naar de haven en contante betalingen.',
];

interface DemoActors {
  municipality: Actor;
  police: Actor;
  tax: Actor;
  analyst: Actor;
  chair: Actor;
}

/**
 * Builds the demo region's signals through the signals service, with a clock that walks through
 * 2026, so that every stage holds signals with realistic dates and lead times. Deterministic;
 * skipped when the region already has signals.
 */
export async function seedDemoSignals(demo: DemoClock, today = new Date()): Promise<number> {
  const { as, actorOf } = demo;
  const { signals, hitcheck, organisations } = demo.services;
  const actors: DemoActors = {
    municipality: await actorOf('medewerker@utrecht.example'),
    police: await actorOf('medewerker@politie-mn.example'),
    tax: await actorOf('medewerker@belastingdienst.example'),
    analyst: await actorOf('analist@riec-mn.example'),
    chair: await actorOf('voorzitter@politie-mn.example'),
  };
  if ((await signals.list(as(actors.analyst), { pageSize: 1 })).total) return 0;
  let clock = new Date(today.getTime() - 300 * DAY);
  const tick = (at: Date) => {
    clock = at;
    demo.set(at);
  };
  const rnd = seededRandom(2021);
  const reader = as(actors.analyst);
  const partners = await organisations.listPartnerOrganisations(reader, { region: REGION, all: true });
  const orgId = (code: string) => partners.find((o) => o.code === code)?.id ?? '';
  const municipalities = (
    await organisations.listMunicipalities(reader, {
      region: REGION,
      validOn: today.toISOString().slice(0, 10),
    })
  ).sort((a, b) => (a.code < b.code ? -1 : 1));
  const themes = await organisations.listThemes(reader, { scope: 'national' });

  // Stages the demo signals end in: every stage, most of them decided.
  const endings = [
    ...Array(3).fill('received'),
    ...Array(3).fill('discussed'),
    ...Array(2).fill('substantiated'),
    ...Array(2).fill('triaged'),
    ...Array(3).fill('hit-check'),
    ...Array(8).fill('accepted'),
    ...Array(3).fill('referred'),
    ...Array(4).fill('not-accepted'),
    ...Array(2).fill('withdrawn'),
  ] as const;
  const order = ['received', 'discussed', 'substantiated', 'triaged', 'hit-check'];
  let count = 0;
  // Decided signals first (older), open ones last (recent), drafts at the very end.
  const sorted = [...endings].sort((a, b) => Number(order.includes(a)) - Number(order.includes(b)));
  const step = (300 - 40) / sorted.length;
  for (const [index, ending] of sorted.entries()) {
    tick(new Date(today.getTime() - (300 - index * step) * DAY + Math.floor(rnd() * 8) * 3_600_000));
    const advance = (minDays: number, maxDays: number) => {
      const before = clock.getTime();
      tick(new Date(before + (minDays + rnd() * (maxDays - minDays)) * DAY));
      // Never past today, and never back: a step does not happen before the one before it.
      if (clock > today) tick(new Date(Math.max(before, today.getTime() - 3_600_000)));
    };
    const submitter = rnd() < 0.6 ? actors.municipality : actors.police;
    const place = pick(rnd, municipalities);
    const municipality = place.code;
    const signal = await signals.create(
      as(submitter),
      {
        submittingOrganisationIds:
          submitter === actors.municipality
            ? [submitter.organisationId, orgId('politie')]
            : [submitter.organisationId],
        source: pick(rnd, ['partner', 'partner', 'riec-analysis', 'fiu', 'meld-misdaad-anoniem'] as const),
        description: pick(rnd, descriptions),
        municipalityCode: municipality,
        themeIds: [pick(rnd, themes).id],
        urgency: pick(rnd, ['normal', 'normal', 'high', 'low'] as const),
        subjects: demoSubjects(rnd, {
          town: place.name,
          municipalityCode: place.code,
          districtId: place.districtId,
        }),
        happenedOn: amsterdamDate(clock),
      },
      true,
    );
    count += 1;
    // Each step as happened on the day the clock shows.
    const move = async (actor: Actor, transition: SignalTransition) =>
      signals.transition(as(actor), signal.id, { ...transition, happenedOn: amsterdamDate(clock) });
    if (ending === 'received') continue;
    advance(5, 25);
    if (ending === 'withdrawn' && rnd() < 0.5) {
      await move(actors.municipality === submitter ? submitter : actors.analyst, {
        type: 'withdrawn',
        note: 'Elders opgepakt',
      });
      continue;
    }
    await move(actors.analyst, { type: 'discussed', note: 'Besproken in het LOO' });
    if (ending === 'discussed') continue;
    advance(3, 20);
    await move(actors.analyst, {
      type: 'substantiated',
      note: 'Gemeente en politie onderbouwen samen.',
      organisationIds: [orgId('GM0344'), orgId('politie')],
    });
    if (ending === 'substantiated') continue;
    advance(2, 14);
    const integral = rnd() < 0.7;
    await move(actors.analyst, {
      type: 'triaged',
      route: integral ? 'integral' : 'quick',
      reason: integral ? 'Meerdere partners en bevoegdheden nodig' : 'Eenvoudig, één partner',
    });
    if (ending === 'triaged') continue;
    if (integral || ending === 'hit-check') {
      advance(1, 7);
      const deadline = new Date(clock.getTime() + 14 * DAY).toISOString().slice(0, 10);
      const started = await hitcheck.startRound(as(actors.analyst), signal.id, {
        necessity: 'Zonder bevraging is niet te wegen of een integrale aanpak nodig is.',
        proportionality: 'Alleen de hoofdbetrokkenen, alleen de partners die iets kunnen weten.',
        subsidiarity: 'Openbare bronnen en eigen gegevens zijn al geraadpleegd.',
        subjectIds: signal.subjects
          .filter((s) => s.kind === 'person' || s.kind === 'company')
          .map((s) => s.id),
        organisationIds: [orgId('politie'), orgId('belastingdienst')],
        deadline,
      });
      const round = started.rounds.at(-1);
      if (!round) continue;
      for (const partner of [actors.police, actors.tax]) {
        if (ending === 'hit-check' && partner === actors.tax) continue;
        advance(1, 6);
        await hitcheck.answer(
          as(partner),
          round.id,
          (round.subjects ?? []).map((s) => ({
            subjectId: s.id,
            answer: pick(rnd, ['hit', 'no-hit', 'no-hit', 'cannot-check']),
          })),
        );
      }
      if (ending === 'hit-check') continue;
      advance(1, 5);
      await hitcheck.closeRound(as(actors.analyst), round.id);
    }
    advance(3, 21);
    if (ending === 'withdrawn') {
      await move(actors.analyst, { type: 'withdrawn', note: 'De partner pakt het zelf op.' });
    } else if (ending === 'accepted') {
      await move(actors.chair, { type: 'decided', decision: 'accepted', note: 'Integrale casus' });
    } else if (ending === 'referred') {
      await move(actors.chair, {
        type: 'decided',
        decision: 'referred',
        referredToOrganisationId: pick(rnd, [orgId('politie'), orgId('belastingdienst'), orgId('GM0344')]),
        note: undefined,
      });
    } else {
      await move(actors.chair, {
        type: 'decided',
        decision: 'not-accepted',
        reason: pick(rnd, ['insufficient-indications', 'regular-enforcement', 'not-subversive'] as const),
        note: undefined,
      });
    }
  }
  // Two drafts the municipality is still writing.
  tick(new Date(today.getTime() - 2 * DAY));
  for (let i = 0; i < 2; i += 1) {
    await signals.create(
      as(actors.municipality),
      {
        description: pick(rnd, descriptions),
        subjects: demoSubjects(rnd, {
          town: 'Utrecht',
          municipalityCode: 'GM0344',
          districtId: 'utrecht-stad',
        }),
      },
      false,
    );
    count += 1;
  }
  return count;
}
