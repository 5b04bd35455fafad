import { type Kysely, sql } from 'kysely';

// Each region keeps its own address register (its extract of the BAG): one region's load no
// longer replaces another's, and a lookup reads the reader's region only. A register loaded
// before takes the region of the person who loaded it; one whose loader is gone is dropped
// (it is public data: loading it again restores it).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table address_register_loads add column region_id text references regions (id);
    update address_register_loads l set region_id = u.region_id from users u where u.id = l.loaded_by;
    delete from address_register r
      where not exists (
        select 1 from address_register_loads l where l.id = r.load_id and l.region_id is not null
      );
    delete from address_register_loads where region_id is null;
    alter table address_register_loads alter column region_id set not null;

    alter table address_register add column region_id text references regions (id);
    update address_register r set region_id = l.region_id from address_register_loads l where l.id = r.load_id;
    alter table address_register alter column region_id set not null;
    alter table address_register drop constraint address_register_pkey;
    alter table address_register
      add primary key (region_id, postcode, house_number, house_letter, house_number_addition);
    create index address_register_loads_region on address_register_loads (region_id, loaded_at desc);
  `.execute(db);
}
