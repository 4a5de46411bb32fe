import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { StoreStats } from '@nexus/client-sdk';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { expectProblem } from '../support/expect-problem.js';
import { advanceOrder, pendingOrder, signUp, signUpAdmin, type SignedIn } from '../support/fixtures.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  admin = await signUpAdmin(app);
});
afterAll(() => app.close());

// Low stock is store-wide: every product of this file but the low-stock test's own has 50 units or more, so
// that test sees exactly the variants it made.
const AMPLE = 100;

/** `YYYY-MM-DD` of the UTC day `offset` days from today. */
const utcDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** An order at `price` moved to `status`, placed at the instant `at` (arranged in the database). */
async function orderAt(price: string, status: Parameters<typeof advanceOrder>[2], at?: string) {
  const { order } = await pendingOrder(app, admin, { price, stock: AMPLE });
  await advanceOrder(admin, order.id, status);
  if (at) await app.db.updateTable('orders').set({ created_at: at }).where('id', '=', order.id).execute();
  return order;
}

const overview = (query: { days?: number; low_stock_below?: number } = {}) => admin.client.stats.overview({ query });
const dayOf = (stats: StoreStats, date: string) => stats.days.find((day) => day.date === date);

describe('GET /admin/stats', () => {
  it('lists exactly `days` UTC days ending today, oldest first, zero-filled, 30 by default', async () => {
    const stats = await overview({ days: 7 });
    expect(stats.currency).toBe('USD');
    expect(stats.days.map((day) => day.date)).toEqual([-6, -5, -4, -3, -2, -1, 0].map(utcDay));
    // No order of this file is ever placed 5 or 6 days ago: those days are there, as zeros in wire-form money.
    expect(stats.days.slice(0, 2).map(({ orders, revenue }) => ({ orders, revenue }))).toEqual([
      { orders: 0, revenue: '0.00' },
      { orders: 0, revenue: '0.00' },
    ]);
    const byDefault = await overview();
    expect(byDefault.days).toHaveLength(30);
    expect(byDefault.days.at(-1)!.date).toBe(utcDay(0));
    expect((await overview({ days: 1 })).days.map((day) => day.date)).toEqual([utcDay(0)]);
  });

  it('counts every order of a day but sums exactly only the paid, shipped and delivered ones', async () => {
    const day = utcDay(-3);
    await orderAt('0.10', 'paid', `${day}T00:00:00.000Z`);
    await orderAt('0.20', 'shipped', `${day}T12:00:00.000Z`);
    await orderAt('1299.99', 'delivered', `${day}T23:59:59.999Z`);
    await orderAt('500.00', 'pending', `${day}T08:00:00.000Z`);
    await orderAt('700.00', 'cancelled', `${day}T09:00:00.000Z`);
    // The instants either side of the day belong to the days either side.
    await orderAt('3.00', 'paid', `${utcDay(-4)}T23:59:59.999Z`);
    await orderAt('4.00', 'paid', `${utcDay(-2)}T00:00:00.000Z`);

    const stats = await overview({ days: 7 });
    // 0.10 + 0.20 + 1299.99 in floating point is 1300.2900000000002: the sum is exact numeric.
    expect(dayOf(stats, day)).toEqual({ date: day, orders: 5, revenue: '1300.29' });
    expect(dayOf(stats, utcDay(-4))).toEqual({ date: utcDay(-4), orders: 1, revenue: '3.00' });
    expect(dayOf(stats, utcDay(-2))).toEqual({ date: utcDay(-2), orders: 1, revenue: '4.00' });
    expect(dayOf(stats, utcDay(-1))).toEqual({ date: utcDay(-1), orders: 0, revenue: '0.00' });
    // Outside the window asked for: not there, and not added to another day.
    const short = await overview({ days: 3 });
    expect(short.days.map((d) => d.date)).toEqual([utcDay(-2), utcDay(-1), utcDay(0)]);
    expect(dayOf(short, utcDay(-2))).toEqual({ date: utcDay(-2), orders: 1, revenue: '4.00' });
  });

  it('reports today: orders placed today, revenue of the paid ones', async () => {
    const before = (await overview()).today;
    await orderAt('12.50', 'paid');
    await orderAt('7.25', 'pending');
    const stats = await overview();
    expect(stats.today.orders).toBe(before.orders + 2);
    expect(Number(stats.today.revenue) - Number(before.revenue)).toBeCloseTo(12.5, 2);
    expect(stats.today).toEqual({ orders: stats.days.at(-1)!.orders, revenue: stats.days.at(-1)!.revenue });
  });

  it('lists at most 10 variants below the threshold, lowest stock first, then by SKU', async () => {
    const tag = randomUUID().slice(0, 6).toUpperCase();
    const category = await admin.client.categories.create({ body: { name: `Low ${tag}` } });
    const stocks: Record<string, number> = { B: 2, A: 2, C: 0, D: 4, E: 5, F: 49, G: 50 };
    const product = await admin.client.products.create({
      body: {
        name: `Tee ${tag}`,
        category_id: category.id,
        options: [{ name: 'Size', values: Object.keys(stocks) }],
        variants: Object.entries(stocks).map(([size, stock]) => ({
          sku: `LOW-${tag}-${size}`,
          options: { Size: size },
          price: '10.00',
          stock,
        })),
      },
    });
    const variantOf = (size: string) => product.variants.find((v) => v.options.Size === size)!;
    const row = (size: string) => ({
      product_id: product.id,
      variant_id: variantOf(size).id,
      product_name: `Tee ${tag}`,
      variant_title: size,
      sku: `LOW-${tag}-${size}`,
      stock: stocks[size],
    });

    // Below 5 by default: 5 itself is not low.
    expect((await overview()).low_stock).toEqual(['C', 'A', 'B', 'D'].map(row));
    expect((await overview({ low_stock_below: 3 })).low_stock).toEqual(['C', 'A', 'B'].map(row));
    expect((await overview({ low_stock_below: 50 })).low_stock).toEqual(['C', 'A', 'B', 'D', 'E', 'F'].map(row));

    // More than ten low: the ten lowest.
    const more = await admin.client.products.create({
      body: {
        name: `Sock ${tag}`,
        category_id: category.id,
        options: [{ name: 'Size', values: ['1', '2', '3', '4', '5', '6'] }],
        variants: ['1', '2', '3', '4', '5', '6'].map((size) => ({
          sku: `LOW-${tag}-S${size}`,
          options: { Size: size },
          price: '4.00',
          stock: 1,
        })),
      },
    });
    const low = (await overview({ low_stock_below: 50 })).low_stock;
    expect(low).toHaveLength(10);
    expect(low.map((v) => v.stock)).toEqual([0, 1, 1, 1, 1, 1, 1, 2, 2, 4]);
    expect(low.slice(1, 7).map((v) => v.sku)).toEqual(['1', '2', '3', '4', '5', '6'].map((s) => `LOW-${tag}-S${s}`));
    expect(low.slice(1, 7).every((v) => v.product_id === more.id)).toBe(true);
  });

  it('is for admins only: 401 without a token, 403 for a customer', async () => {
    await expectProblem(await app.fetch('/api/v1/admin/stats'), 'unauthorized');
    const customer = await signUp(app);
    await expectProblem(await app.fetch('/api/v1/admin/stats', { token: customer.access }), 'forbidden');
    await expect(customer.client.stats.overview({ query: {} })).rejects.toMatchObject({
      problem: { code: 'forbidden' },
    });
  });

  it('refuses days outside 1..90 and thresholds outside 1..50 with a 400 naming the field', async () => {
    for (const query of ['days=0', 'days=91', 'days=1.5', 'low_stock_below=0', 'low_stock_below=51']) {
      const problem = await expectProblem(
        await app.fetch(`/api/v1/admin/stats?${query}`, { token: admin.access }),
        'validation_failed',
      );
      expect(problem.errors?.map((e) => e.path)).toEqual([query.split('=')[0]]);
    }
    expect((await overview({ days: 90, low_stock_below: 50 })).days).toHaveLength(90);
  });
});
