import { type Kysely, sql } from 'kysely';

// A case's documents are found by what they are, not by their file names: each attachment gets
// a title, the kind of document and its classification (the labels provisions carry). Files
// attached before had none: their title becomes the file name, their kind "overig", and their
// classification "vertrouwelijk", the safer of the labels for what was never labelled.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table attachments add column title text;
    update attachments set title = file_name;
    alter table attachments alter column title set not null;
    alter table attachments add column document_type text not null default 'overig'
      check (document_type in ('rapportage', 'proces-verbaal', 'besluit', 'foto', 'correspondentie', 'overig'));
    alter table attachments alter column document_type drop default;
    alter table attachments add column classification text not null default 'vertrouwelijk'
      check (classification in ('intern', 'vertrouwelijk', 'geheim'));
    alter table attachments alter column classification drop default;
  `.execute(db);
}
