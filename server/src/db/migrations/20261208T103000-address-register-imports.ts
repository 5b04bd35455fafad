import { type Kysely, sql } from 'kysely';

// The address register also takes addresses from a spreadsheet through the import pipeline (an
// Excel workbook too): such a load adds or changes those addresses and is recorded as a load.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table address_register_loads drop constraint address_register_loads_format_check;
    alter table address_register_loads add constraint address_register_loads_format_check
      check (format in ('csv', 'gpkg', 'xlsx'));
  `.execute(db);
}
