import { z } from 'zod';
import { extendApi } from '../common/openapi-meta.js';
import { queryInteger } from '../common/pagination.js';
import { MoneySchema } from '../common/money.js';

/** Query of `GET /admin/stats`: how many days of history, and what counts as low stock. */
export const StatsQuerySchema = z.object({
  days: queryInteger(1, 90).default(30).describe('Days of history, today included, 1 to 90'),
  low_stock_below: queryInteger(1, 50)
    .default(5)
    .describe('A variant with fewer units than this is low on stock, 1 to 50'),
});
export type StatsQuery = z.infer<typeof StatsQuerySchema>;

/** One UTC day of sales: orders placed (any status) and the revenue of those paid, shipped or delivered. */
export const DailySalesSchema = z.object({
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .describe('The UTC day, `YYYY-MM-DD`'),
  orders: z.number().int().min(0).describe('Orders placed that day, whatever their status'),
  revenue: MoneySchema.describe('Sum of `total` of that day’s orders that are paid, shipped or delivered'),
});
export type DailySales = z.infer<typeof DailySalesSchema>;

/** A variant running out of stock. */
export const LowStockVariantSchema = z.object({
  product_id: z.string().uuid(),
  variant_id: z.string().uuid(),
  product_name: z.string(),
  variant_title: z.string(),
  sku: z.string(),
  stock: z.number().int().min(0),
});
export type LowStockVariant = z.infer<typeof LowStockVariantSchema>;

/** Most low-stock variants `GET /admin/stats` lists. */
export const LOW_STOCK_LIMIT = 10;

/** The dashboard's overview: today's sales, sales per day, and the variants running out. */
export const StoreStatsSchema = extendApi(
  z.object({
    currency: z.string().length(3).describe('The store’s currency, as its orders carry it'),
    today: z.object({ orders: z.number().int().min(0), revenue: MoneySchema }).describe('The current UTC day'),
    days: z
      .array(DailySalesSchema)
      .describe('Exactly `days` entries, oldest first, ending with today; a day without orders is zeros'),
    low_stock: z
      .array(LowStockVariantSchema)
      .max(LOW_STOCK_LIMIT)
      .describe(
        `Variants with stock below \`low_stock_below\`, lowest stock first then by SKU; at most ${LOW_STOCK_LIMIT}`,
      ),
  }),
  {
    title: 'StoreStats',
    example: {
      currency: 'USD',
      today: { orders: 3, revenue: '2598.00' },
      days: [
        { date: '2026-12-04', orders: 0, revenue: '0.00' },
        { date: '2026-12-05', orders: 3, revenue: '2598.00' },
      ],
      low_stock: [
        {
          product_id: '3c9a1f0e-7b2d-4e8f-a1b2-c3d4e5f60718',
          variant_id: '8e7d6c5b-4a3f-4e2d-9c1b-0a9f8e7d6c5b',
          product_name: 'Laptop Pro 14',
          variant_title: 'Silver',
          sku: 'LP14-SILVER',
          stock: 2,
        },
      ],
    },
  },
);
export type StoreStats = z.infer<typeof StoreStatsSchema>;
