// Builds server/reference-data/regions/<region>.json from the region's source description in
// server/reference-data/sources/ and the CBS files it names, in server/reference-data/sources/cbs/.
// Usage: npm run reference-data [-- <folder with the CBS files>]
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  buildRegionFile,
  nationalFile,
  referenceDataDir,
  regionSource,
  serializeRegionFile,
} from '../server/src/modules/organisations/reference-data.ts';

const cbsDir = path.resolve(process.argv[2] ?? path.join(referenceDataDir, 'sources/cbs'));
const national = nationalFile.parse(
  JSON.parse(await readFile(path.join(referenceDataDir, 'national.json'), 'utf8')),
);
await mkdir(path.join(referenceDataDir, 'regions'), { recursive: true });

for (const name of (await readdir(path.join(referenceDataDir, 'sources'))).filter((n) =>
  n.endsWith('.json'),
)) {
  const source = regionSource.parse(
    JSON.parse(await readFile(path.join(referenceDataDir, 'sources', name), 'utf8')),
  );
  const files: Record<string, string> = {};
  for (const file of Object.values(source.sources))
    files[file] = await readFile(path.join(cbsDir, file), 'utf8');
  const built = buildRegionFile({ source, national, files });
  const target = path.join(referenceDataDir, 'regions', `${source.id}.json`);
  await writeFile(target, serializeRegionFile(built));
  console.log(
    `${path.relative(process.cwd(), target)}: version ${built.version}, ${built.municipalities.length} municipalities, ${built.partners.length} partners, ${built.themes.length} themes`,
  );
}
