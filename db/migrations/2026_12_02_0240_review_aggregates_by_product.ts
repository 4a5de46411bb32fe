import { sql, type Kysely } from 'kysely';

// The review aggregate triggers, fixed for writes of several reviews at once (a bulk load, a user's deletion):
// - each touched product is counted once (the transition table repeats a product per review it holds, and the
//   join multiplied review_count by that);
// - each product's aggregate is read through the reviews index, product by product (a lateral subquery),
//   whatever the planner guesses about the transition table's size: a join it planned as a nested loop over a
//   scan of `reviews` made a 125,000-review load run for minutes.

const TOUCHED = {
  insert: 'select product_id from new_rows',
  delete: 'select product_id from old_rows',
  update: 'select product_id from new_rows union select product_id from old_rows',
};

const fixed = (touched: string) => `
  update products p set rating_avg = agg.rating_avg, review_count = agg.review_count
    from (select t.product_id, s.rating_avg, s.review_count
            from (select distinct product_id from (${touched}) touched) t
            cross join lateral (
              select round(avg(r.rating), 2) as rating_avg, count(*)::integer as review_count
                from reviews r where r.product_id = t.product_id) s) agg
   where p.id = agg.product_id
     and (p.rating_avg, p.review_count) is distinct from (agg.rating_avg, agg.review_count);`;

const original = (touched: string) => `
  update products p set rating_avg = agg.rating_avg, review_count = agg.review_count
    from (select t.product_id, round(avg(r.rating), 2) as rating_avg, count(r.id)::integer as review_count
            from (${touched}) t left join reviews r on r.product_id = t.product_id
           group by t.product_id) agg
   where p.id = agg.product_id
     and (p.rating_avg, p.review_count) is distinct from (agg.rating_avg, agg.review_count);`;

async function define(db: Kysely<any>, body: (touched: string) => string): Promise<void> {
  for (const [event, touched] of Object.entries(TOUCHED)) {
    await sql
      .raw(
        `create or replace function reviews_after_${event}() returns trigger language plpgsql as $$
         begin ${body(touched)} return null; end $$`,
      )
      .execute(db);
  }
}

export async function up(db: Kysely<any>): Promise<void> {
  await define(db, fixed);
}

export async function down(db: Kysely<any>): Promise<void> {
  await define(db, original);
}
