import { type Kysely, sql } from 'kysely';

// Finance: a region's budget and realisation per year in the structure of the annual plan's
// exploitatieoverzicht: income lines, cost lines and the partners' contributions in FTE. Amounts
// are whole euros (the plan shows them × €1,000); FTE with two decimals. A line without a figure
// has none (null), which is not the same as zero.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table finance_lines (
      region_id text not null references regions (id),
      year integer not null check (year between 2000 and 2100),
      line text not null,
      budget numeric(14, 2),
      realisation numeric(14, 2),
      updated_at timestamptz not null,
      updated_by uuid references users (id) on delete set null,
      primary key (region_id, year, line)
    );
  `.execute(db);
}
