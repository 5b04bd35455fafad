import { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

/**
 * Typesets a Typst template that reads its content from one JSON file, as a tagged PDF/A-2b. The
 * content reaches the compiler as data in memory (`json("/<name>.json")`), never as markup, so no
 * text in it can change the document; the font is the one compiled into Typst, so the same data
 * always gives the same bytes. Used by the annual report and the answer to a data-subject request.
 */
export function typesetPdf(template: string, file: { name: string; data: unknown }, what: string): Buffer {
  const workspace = `/samenspel-${file.name}`;
  const compiler = NodeCompiler.create({ workspace });
  compiler.mapShadow(`${workspace}/${file.name}.json`, Buffer.from(JSON.stringify(file.data), 'utf8'));
  const result = compiler.compile({ mainFileContent: template });
  if (result.hasError() || !result.result) {
    result.printDiagnostics();
    throw new Error(`${what} could not be typeset`);
  }
  const pdf = compiler.pdf(result.result, { pdfStandard: 'a-2b', pdfTags: true });
  compiler.evictCache(10);
  return Buffer.from(pdf);
}
