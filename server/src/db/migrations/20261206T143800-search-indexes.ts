import { type Kysely, sql } from 'kysely';

// The search box finds register subjects by name and date of birth without scanning the
// register: persons by the sound keys of their surnames (Meijer, Meyer and Meier alike) and by
// date of birth, companies, organisations and networks by trigrams of their folded name (lower
// case, ij as y, without diacritics; the repository folds the query the same way).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create index subjects_person_sounds on subjects using gin ((features -> 'name' -> 'sounds'))
      where kind = 'person';
    create index subjects_person_birth on subjects (region_id, (data ->> 'dateOfBirth'))
      where kind = 'person';
    create index subjects_name_trigrams on subjects using gin
      ((translate(replace(lower(label), 'ij', 'y'), 'áàâäãéèêëíìîïóòôöõúùûüýÿçñ', 'aaaaaeeeeiiiiooooouuuuyycn')) gin_trgm_ops)
      where kind in ('company', 'organisation', 'network');
  `.execute(db);
}
