import { sql, type Kysely } from 'kysely';

// The products update freshness trigger, in linear time. It compared each updated row with its old version
// through a join of the two transition tables, which carry no statistics: planned as a nested loop, a
// 5,000-row update took 6 s and a 20,000-row one 285 s. A row's interesting columns changed exactly when
// (id, those columns) of the old rows is not among the new rows', which EXCEPT answers with one hash or sort,
// whatever the size (and, like `is distinct from`, treating nulls as equal).

const BUMP = (scope: string) => `update catalogue_state set version = version + 1 where scope = '${scope}'`;

const changed = (columns: string) =>
  `exists (select id, ${columns} from old_rows except select id, ${columns} from new_rows)`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    create or replace function products_after_update_freshness() returns trigger language plpgsql as $$
    begin
      if ${changed('name, slug, description, price, category_id, created_at')} then
        ${BUMP('structure')};
      end if;
      if ${changed('stock > 0')} then
        ${BUMP('availability')};
      end if;
      if ${changed('rating_avg')} then
        ${BUMP('ratings')};
      end if;
      return null;
    end $$`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `
    create or replace function products_after_update_freshness() returns trigger language plpgsql as $$
    begin
      if exists (select 1 from old_rows o join new_rows n using (id)
                  where (o.name, o.slug, o.description, o.price, o.category_id, o.created_at)
                        is distinct from (n.name, n.slug, n.description, n.price, n.category_id, n.created_at)) then
        ${BUMP('structure')};
      end if;
      if exists (select 1 from old_rows o join new_rows n using (id) where (o.stock > 0) <> (n.stock > 0)) then
        ${BUMP('availability')};
      end if;
      if exists (select 1 from old_rows o join new_rows n using (id) where o.rating_avg is distinct from n.rating_avg) then
        ${BUMP('ratings')};
      end if;
      return null;
    end $$`,
    )
    .execute(db);
}
