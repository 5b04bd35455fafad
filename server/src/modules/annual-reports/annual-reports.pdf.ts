import type { PublishedReport } from '@samenspel/contracts';
import { amsterdamDate, dutchDate } from '../../shared/dates.js';
import { typesetPdf } from '../../shared/typst.js';

/**
 * The archival PDF of a published report, built with Typst (the npm compiler, Typst 0.14): a
 * tagged PDF/A-2b with the sections as its outline, a table of contents and page numbers.
 *
 * Why Typst and not Chromium printing the web page: Typst writes PDF/A-2b (Chromium writes no
 * PDF/A at all), and its version is pinned by the lock file, while Debian's Chromium changes with
 * every security update and with it the bytes. The same frozen report gives the same bytes: the
 * document's date is the publication's (never the clock), the report reaches the compiler as
 * data in memory (its text is never read as Typst markup), and the font is the one compiled into
 * Typst (Libertinus Serif) with no fallback to whatever a machine has installed.
 */
const TEMPLATE = String.raw`
#let data = json("/report.json")
#let (y, m, d) = data.date.split("-").map(int)
#set document(title: data.title, author: data.author, date: datetime(year: y, month: m, day: d))
#set text(lang: "nl", region: "NL", font: "Libertinus Serif", size: 10pt, fallback: false)
#set par(justify: true)
#set heading(numbering: "1.1")
#set page(paper: "a4", margin: (x: 2.2cm, y: 2.5cm),
  footer: context align(center, text(size: 8pt)[Pagina #counter(page).display() van #counter(page).final().first()]))
#show table.cell.where(y: 0): strong
#show table: set par(justify: false)
#show figure.where(kind: table): set block(breakable: true)
#show figure.caption: set align(left)

#align(center, block(below: 2em)[
  #text(size: 20pt, weight: "bold", data.title) \
  #text(size: 12pt, data.subtitle)
])
#outline(title: "Inhoud", depth: 2)

#for s in data.sections {
  heading(level: s.level, s.title)
  for p in s.paragraphs { par(p) }
  for t in s.tables {
    if t.graphic != none {
      block(width: 100%, breakable: false,
        image(bytes(t.graphic.svg), format: "svg", alt: t.graphic.description,
          width: if t.graphic.kind == "map" { 70% } else { 100% }))
    }
    figure(kind: table, caption: t.caption,
      table(columns: t.columns.len(), align: (x, _) => if x == 0 { left } else { right },
        stroke: 0.4pt, inset: 4pt,
        table.header(..t.columns),
        ..t.rows.flatten().map(c => [#c])))
    for n in t.notes { text(size: 8pt, n); linebreak() }
  }
}

#heading(level: 1, numbering: none, "Definities van de indicatoren")
#for i in data.definitions { par[#strong(i.name) (#raw(i.id)): #i.definition] }

#v(1em)
#text(size: 8pt)[Vingerafdruk van het gepubliceerde verslag (SHA-256): #data.sha256]
`;

/** The report as the template reads it: plain strings only. */
function templateData(report: PublishedReport) {
  return {
    title: report.title,
    subtitle: `RIEC ${report.region} · gepubliceerd op ${dutchDate(amsterdamDate(new Date(report.publishedAt)))}`,
    author: `RIEC ${report.region}`,
    date: amsterdamDate(new Date(report.publishedAt)),
    sha256: report.sha256,
    definitions: report.definitions,
    sections: report.sections.map((s) => ({
      level: s.level,
      title: s.title,
      paragraphs: s.prose
        .split(/\n\s*\n/)
        .map((p) => p.trim())
        .filter(Boolean),
      tables: s.tables.map((t) => ({
        caption: `${t.title} (${t.scope}, ${dutchDate(t.period.from)} t/m ${dutchDate(t.period.to)})`,
        graphic: t.graphic
          ? { kind: t.graphic.kind, svg: t.graphic.svg, description: t.graphic.description }
          : null,
        columns: t.columns.map((c) => c || ' '),
        rows: t.rows.map((r) => [
          `${'\u00a0\u00a0\u00a0'.repeat(r.level)}${r.label}`,
          ...r.cells.map((c) => c.display),
        ]),
        notes: [
          ...t.rows.flatMap((r) => (r.note ? [`${r.label}: ${r.note}`] : [])),
          ...t.footnotes,
          `Definities: ${t.definition}.`,
        ],
      })),
    })),
  };
}

/** Builds the PDF; the same report always gives the same bytes. */
export function reportPdf(report: PublishedReport): Buffer {
  return typesetPdf(TEMPLATE, { name: 'report', data: templateData(report) }, 'The annual report');
}
