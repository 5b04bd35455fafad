import type { DsrAnswer, DsrKind, DsrRecordKind } from '@samenspel/contracts';
import { dutchDate } from '../../shared/dates.js';
import { typesetPdf } from '../../shared/typst.js';

/**
 * The answer to a data-subject request as a PDF/A-2b, typeset by Typst as the annual report is
 * (see annual-reports.pdf.ts for why): the answer reaches the compiler as data, never as
 * markup, so nothing a partner wrote can change the document.
 */
const TEMPLATE = `
#let data = json("/answer.json")
#let (y, m, d) = data.date.split("-").map(int)
#set document(title: data.title, author: data.author, date: datetime(year: y, month: m, day: d))
#set text(lang: "nl", region: "NL", font: "Libertinus Serif", size: 10pt, fallback: false)
#set page(paper: "a4", margin: (x: 2.2cm, y: 2.5cm),
  footer: context align(center, text(size: 8pt)[#data.reference · pagina #counter(page).display() van #counter(page).final().first()]))
#show table.cell.where(y: 0): strong

#text(size: 16pt, weight: "bold", data.title)

#for p in data.intro { par(p) }

#heading(level: 1, numbering: none, data.heading)
#if data.provided.len() == 0 [ #par(data.none) ] else [
  #table(columns: (auto, auto, 1fr, auto), stroke: 0.4pt, inset: 4pt,
    table.header([Partner], [Vastlegging], [Wat er over u staat], [Besluit]),
    ..data.provided.flatten().map(c => [#c]))
]

#if data.restricted.len() > 0 [
  #heading(level: 1, numbering: none, "Deels toegewezen")
  #for r in data.restricted { par(r) }
]

#if data.refused.len() > 0 [
  #heading(level: 1, numbering: none, "Afgewezen")
  #for r in data.refused { par(r) }
]

#heading(level: 1, numbering: none, "Uw rechten")
#for p in data.rights { par(p) }
`;

const kinds: Record<DsrKind, string> = {
  access: 'inzage',
  rectification: 'rectificatie',
  erasure: 'verwijdering',
  restriction: 'beperking van de verwerking',
  objection: 'bezwaar',
};
/** Per kind of request: the section's heading and what a granted (or partly granted) record means. */
const outcomes: Record<DsrKind, { heading: string; grant: string; restrict: string }> = {
  access: { heading: 'Wat wij over u verwerken', grant: 'verstrekt', restrict: 'deels verstrekt' },
  rectification: {
    heading: 'Uw verzoek om rectificatie',
    grant: 'wordt gerectificeerd',
    restrict: 'deels gerectificeerd',
  },
  erasure: { heading: 'Uw verzoek om verwijdering', grant: 'wordt verwijderd', restrict: 'deels verwijderd' },
  restriction: { heading: 'Uw verzoek om beperking', grant: 'verwerking beperkt', restrict: 'deels beperkt' },
  objection: { heading: 'Uw bezwaar', grant: 'bezwaar toegewezen', restrict: 'deels toegewezen' },
};

const records: Record<DsrRecordKind, string> = {
  signal: 'Signaal',
  case: 'Casus',
  round: 'Hit/no-hitronde',
  register: 'Subjectenregister',
  log: 'Verwerkingslogboek',
};

function templateData(a: DsrAnswer) {
  return {
    title: `Antwoord op uw verzoek om ${kinds[a.kind]}`,
    author: 'RIEC, contactpunt voor verzoeken van betrokkenen',
    reference: a.reference,
    date: a.answeredOn,
    intro: [
      `Kenmerk ${a.reference}. Op ${dutchDate(a.receivedOn)} ontvingen wij uw verzoek om ${kinds[a.kind]}. Het betreft ${a.person.name}, geboren op ${dutchDate(a.person.dateOfBirth)}. Dit antwoord is van ${dutchDate(a.answeredOn)}.`,
      a.controllers.length
        ? `Gegevens over u worden verwerkt door: ${a.controllers.join(', ')}. Zij zijn samen verantwoordelijk binnen het RIEC-samenwerkingsverband en hebben elk over hun eigen gegevens besloten.`
        : 'Geen van de partners van het RIEC-samenwerkingsverband verwerkt gegevens over u.',
    ],
    heading: outcomes[a.kind].heading,
    none:
      a.kind === 'access'
        ? 'Er zijn geen gegevens die wij u kunnen verstrekken.'
        : 'Er zijn geen gegevens waarvoor uw verzoek kan worden toegewezen.',
    provided: a.provided.map((p) => [
      p.organisation,
      `${records[p.recordKind]} ${p.recordKind === 'log' || p.recordKind === 'register' ? '' : p.record}`.trim(),
      p.data,
      p.restricted ? outcomes[a.kind].restrict : outcomes[a.kind].grant,
    ]),
    restricted: a.provided
      .filter((p) => p.restricted)
      .map((p) => `${p.organisation}, ${p.record}: ${p.explanation ?? ''} Grond: ${p.ground ?? ''}.`),
    refused: a.refused.map((r) => `${r.organisation}: ${r.explanation} Grond: ${r.ground}.`),
    rights: [
      'Bent u het niet eens met dit antwoord, dan kunt u binnen zes weken bezwaar maken bij de partner die het besluit nam, of een klacht indienen bij de Autoriteit Persoonsgegevens.',
    ],
  };
}

/** Builds the PDF; the same answer always gives the same bytes. */
export function answerPdf(answer: DsrAnswer): Buffer {
  return typesetPdf(TEMPLATE, { name: 'answer', data: templateData(answer) }, 'The answer');
}
