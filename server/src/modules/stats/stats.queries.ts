import { sql } from 'kysely';
import { LOW_STOCK_LIMIT, type DailySales, type LowStockVariant } from '@nexus/contract';
import type { Db } from '../../database/transaction.js';

/** Orders that brought money in: revenue counts these, never pending or cancelled ones. */
const EARNING_STATUSES = ['paid', 'shipped', 'delivered'] as const;

/** The partial index `product_variants_low_stock_idx` covers `stock < 50`: the largest `low_stock_below` allowed. */
const LOW_STOCK_INDEX_BOUND = 50;

/**
 * Orders and revenue per UTC day for the last `days` days ending today, zero-filled, oldest first. One range scan of
 * `orders_created_at_idx`; revenue is summed as numeric, so it is exact.
 */
export async function dailySales(db: Db, days: number): Promise<DailySales[]> {
  const { rows } = await sql<DailySales>`
    with span as (
      select (now() at time zone 'utc')::date - ${days - 1}::integer as first_day,
             (now() at time zone 'utc')::date as last_day
    ),
    sales as (
      select (o.created_at at time zone 'utc')::date as day,
             count(*)::integer as orders,
             sum(o.total) filter (where o.status in (${sql.join(EARNING_STATUSES)})) as revenue
        from orders o, span
       where o.created_at >= span.first_day::timestamp at time zone 'utc'
         and o.created_at < (span.last_day + 1)::timestamp at time zone 'utc'
       group by 1
    )
    select to_char(d.day, 'YYYY-MM-DD') as date,
           coalesce(s.orders, 0) as orders,
           round(coalesce(s.revenue, 0), 2)::text as revenue
      from span, generate_series(span.first_day, span.last_day, interval '1 day') as d(day)
      left join sales s on s.day = d.day::date
     order by d.day`.execute(db);
  return rows;
}

/** The variants lowest on stock (below `below`), ties by SKU: read from `product_variants_low_stock_idx` only. */
export function listLowStock(db: Db, below: number): Promise<LowStockVariant[]> {
  return (
    db
      .selectFrom('product_variants as v')
      .innerJoin('products as p', 'p.id', 'v.product_id')
      .select([
        'v.product_id',
        'v.id as variant_id',
        'p.name as product_name',
        'v.title as variant_title',
        'v.sku',
        'v.stock',
      ])
      // The literal bound lets the planner prove the partial index applies, whatever value is bound for `below`.
      .where('v.stock', '<', sql.lit(LOW_STOCK_INDEX_BOUND))
      .where('v.stock', '<', below)
      .orderBy('v.stock')
      .orderBy('v.sku')
      .limit(LOW_STOCK_LIMIT)
      .execute()
  );
}
