import { createHmac, randomUUID } from 'node:crypto';
import type { NexusClient } from '@nexus/client-sdk';
import type { TokenPair, User } from '@nexus/contract';
import type { TestApp } from './test-app.js';

export const PASSWORD = 'correct horse battery';

/** A unique email, so tests never collide on the same database. */
export const uniqueEmail = (label = 'user') => `${label}-${randomUUID().slice(0, 8)}@example.com`;

export interface SignedIn {
  client: NexusClient;
  user: User;
  email: string;
  password: string;
  access: string;
  refresh: string;
}

/** Registers a new customer through the SDK; the returned client holds its tokens. */
export async function signUp(
  app: TestApp,
  fields: Partial<{ email: string; first_name: string; last_name: string }> = {},
): Promise<SignedIn> {
  const client = app.client();
  const email = fields.email ?? uniqueEmail();
  const session = await client.auth.register({
    body: { email, password: PASSWORD, first_name: fields.first_name ?? 'Test', last_name: fields.last_name ?? 'User' },
  });
  return { client, user: session.user, email, password: PASSWORD, access: session.access, refresh: session.refresh };
}

/** A signed-in admin: registered, promoted directly in the database (arrange), then logged in again. */
export async function signUpAdmin(app: TestApp): Promise<SignedIn> {
  const customer = await signUp(app, { first_name: 'Admin' });
  await app.db.updateTable('users').set({ role: 'admin' }).where('id', '=', customer.user.id).execute();
  const session = await customer.client.auth.login({ body: { email: customer.email, password: PASSWORD } });
  return { ...customer, user: session.user, access: session.access, refresh: session.refresh };
}

/** Another login of the same account, as from another device: its own session, with this User-Agent. */
export async function loginFrom(app: TestApp, user: SignedIn, userAgent: string): Promise<TokenPair> {
  const response = await app.fetch('/api/v1/auth/token', {
    method: 'POST',
    json: { email: user.email, password: user.password },
    headers: { 'user-agent': userAgent },
  });
  if (response.status !== 200) throw new Error(`Login from ${userAgent} answered ${response.status}`);
  return (await response.json()) as TokenPair;
}

/** Creates a category through the API as `admin` and returns it. */
export async function createCategory(
  admin: SignedIn,
  body: { name: string; slug?: string; parent_id?: string | null; description?: string },
) {
  return admin.client.categories.create({ body });
}

/** Creates a product through the API as `admin` and returns it. */
export async function createProduct(
  admin: SignedIn,
  body: {
    name: string;
    price: string | number;
    category_id: string;
    stock?: number;
    description?: string;
    slug?: string;
  },
) {
  return admin.client.products.create({ body });
}

/**
 * A correctly signed access token for the same user and login that expired a minute ago: what a client
 * holds after leaving a tab open, without waiting in the test (JWT expiry has whole-second resolution).
 */
export async function expiredAccessFor(app: TestApp, access: string): Promise<string> {
  const { createTokenService } = await import('../../server/src/modules/auth/tokens.js');
  const claims = JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()) as {
    sub: string;
    role: 'customer' | 'admin';
    sid: string;
  };
  return createTokenService({ ...app.config, JWT_ACCESS_TTL: -60 }).signAccess(claims);
}

/** An HS256 JWT over exactly these claims, signed with the app's secret: for tokens the server would never issue. */
export function signRawJwt(app: TestApp, claims: Record<string, unknown>): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}`;
  return `${unsigned}.${createHmac('sha256', app.config.JWT_SECRET).update(unsigned).digest('base64url')}`;
}

/** A shipping address that validates. */
export const ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 St James’s Square',
  city: 'London',
  postal_code: 'SW1Y 4LB',
  country: 'GB',
} as const;

/** A category and one product in it (an admin creates both), with the given price and stock. */
export async function createStockedProduct(
  admin: SignedIn,
  fields: { price?: string | number; stock: number; name?: string },
) {
  const category = await admin.client.categories.create({ body: { name: `Shelf ${randomUUID().slice(0, 8)}` } });
  return admin.client.products.create({
    body: {
      name: fields.name ?? `Item ${randomUUID().slice(0, 8)}`,
      price: fields.price ?? '10.00',
      stock: fields.stock,
      category_id: category.id,
    },
  });
}

/** Walks an order to `status` through the admin API (pending → paid → shipped → delivered, or cancelled). */
export async function advanceOrder(
  admin: SignedIn,
  orderId: string,
  status: 'pending' | 'paid' | 'shipped' | 'delivered' | 'cancelled',
) {
  const path = {
    pending: [],
    paid: ['paid'],
    shipped: ['paid', 'shipped'],
    delivered: ['paid', 'shipped', 'delivered'],
    cancelled: ['cancelled'],
  }[status] as Array<'paid' | 'shipped' | 'delivered' | 'cancelled'>;
  for (const next of path) await admin.client.orders.update({ params: { id: orderId }, body: { status: next } });
}

/** A new customer who bought every product given: one order of a unit of each, walked to `status` (paid by default). */
export async function buyerOf(
  app: TestApp,
  admin: SignedIn,
  productIds: string[],
  status: Parameters<typeof advanceOrder>[2] = 'paid',
): Promise<SignedIn> {
  const customer = await signUp(app, { first_name: 'Buyer' });
  for (const id of productIds) await customer.client.cart.addItem({ body: { product_id: id, quantity: 1 } });
  const order = await customer.client.orders.create({ body: { shipping_address: ADDRESS } });
  await advanceOrder(admin, order.id, status);
  return customer;
}

/** A new customer with a pending order for `quantity` units of a fresh product at `price` with `stock` units. */
export async function pendingOrder(
  app: TestApp,
  admin: SignedIn,
  { price = '12.99', stock = 5, quantity = 1 }: { price?: string; stock?: number; quantity?: number } = {},
) {
  const customer = await signUp(app);
  const product = await createStockedProduct(admin, { price, stock });
  await customer.client.cart.addItem({ body: { product_id: product.id, quantity } });
  const order = await customer.client.orders.create({ body: { shipping_address: ADDRESS } });
  return { customer, product, order };
}
