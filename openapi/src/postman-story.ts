/**
 * The story the Postman collection tells, in the order a runner sends it: an admin stocks a shop, a customer
 * signs up, buys, pays and reviews, the admin fulfils and tidies up. Every operation of the OpenAPI document
 * appears at least once (postman.ts refuses a document with one left out); everything else about a request
 * (method, path, auth scheme, documented query parameters, example bodies, success status) comes from the document.
 *
 * Values in `{{…}}` are collection variables (set by earlier steps' `store`) or Postman dynamic variables
 * (`{{$guid}}`). `runId` is new on every run, so names and e-mails never collide with an earlier run's.
 */

/** Whose access token the request sends: the admin's, the customer's, or none. */
export type Actor = 'admin' | 'customer' | 'anyone';

export interface StoryStep {
  /** The document's `operationId`. */
  op: string;
  /** The request's name; the operation's summary when absent. */
  name?: string;
  as: Actor;
  /** Every path parameter of the operation, by name. */
  path?: Record<string, string>;
  /** Query parameters to send (each must be one the document declares). */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** The JSON body; the document's example when absent. */
  body?: unknown;
  /** A multipart body: files by path from the repository root (the runner's working directory), and text fields. */
  form?: { files: Record<string, string>; fields: Record<string, string> };
  /** The status expected; the operation's success status when absent. */
  status?: number;
  /** For an expected error: its problem `code`, and what asking for it proves (shown in the request's description). */
  problem?: { code: string; why: string };
  /** Collection variables set from the JSON answer: name → an expression over `body`. */
  store?: Record<string, string>;
  /** Further assertions on the answer: title → a statement over `body` (chai's `pm.expect`). */
  checks?: Record<string, string>;
  /** Lines of a pre-request script. */
  before?: string[];
}

export interface StoryChapter {
  name: string;
  description: string;
  steps: StoryStep[];
}

const customerEmail = 'postman-{{runId}}@example.com';
const password = 'correct horse battery';
const newPassword = 'battery staple horse';
const idempotent = { 'Idempotency-Key': '{{$guid}}' };
const tokens = (who: 'admin' | 'customer') => ({ [`${who}Token`]: 'body.access', [`${who}Refresh`]: 'body.refresh' });
/** A well-formed id nothing has: for the requests whose answer here is a 404. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

export const story: StoryChapter[] = [
  {
    name: '1. Admin stocks the shop',
    description:
      'The admin (`adminEmail`, `adminPassword`) signs in, makes a category tree, products with variants and an image, and a webhook.',
    steps: [
      {
        op: 'auth.login',
        name: 'Admin signs in',
        as: 'anyone',
        before: [
          "pm.collectionVariables.set('runId', Date.now().toString(36) + Math.random().toString(36).slice(2, 6));",
        ],
        body: { email: '{{adminEmail}}', password: '{{adminPassword}}' },
        store: tokens('admin'),
        checks: { 'is an admin': "pm.expect(body.user.role).to.eql('admin')" },
      },
      {
        op: 'categories.create',
        as: 'admin',
        body: { name: 'Postman {{runId}}', description: 'Made by a run of the Postman collection' },
        store: { categoryId: 'body.id' },
      },
      {
        op: 'categories.create',
        name: 'Create a subcategory',
        as: 'admin',
        body: { name: 'Postman {{runId}} tees', parent_id: '{{categoryId}}' },
        store: { subcategoryId: 'body.id' },
        checks: { 'is a child': "pm.expect(body.parent_id).to.eql(pm.collectionVariables.get('categoryId'))" },
      },
      {
        op: 'categories.list',
        as: 'anyone',
        query: { parent: '{{categoryId}}' },
        checks: { 'lists the subcategory': 'pm.expect(body.results.map((c) => c.name)).to.have.lengthOf(1)' },
      },
      { op: 'categories.get', as: 'anyone', path: { id: '{{subcategoryId}}' } },
      {
        op: 'categories.update',
        as: 'admin',
        path: { id: '{{categoryId}}' },
        body: { description: 'Everything a Postman run sells' },
      },
      {
        op: 'categories.replace',
        as: 'admin',
        path: { id: '{{subcategoryId}}' },
        body: { name: 'Postman {{runId}} T-shirts', parent_id: '{{categoryId}}', description: 'Cotton, three sizes' },
      },
      {
        op: 'products.create',
        name: 'Create a product with variants',
        as: 'admin',
        body: {
          name: 'Postman Tee {{runId}}',
          category_id: '{{subcategoryId}}',
          description: 'A T-shirt made by a Postman run',
          options: [{ name: 'Size', values: ['M', 'L', 'XL'] }],
          variants: [
            { options: { Size: 'M' }, price: '19.00', stock: 10 },
            { options: { Size: 'L' }, price: '21.00', stock: 10 },
          ],
        },
        store: { productId: 'body.id', variantId: 'body.variants[0].id', secondVariantId: 'body.variants[1].id' },
        checks: { 'prices from its cheapest variant': "pm.expect(body.price).to.eql('19.00')" },
      },
      {
        op: 'products.variants.create',
        as: 'admin',
        path: { id: '{{productId}}' },
        body: { options: { Size: 'XL' }, price: '23.00', stock: 5 },
        store: { extraVariantId: 'body.id' },
      },
      {
        op: 'products.variants.update',
        as: 'admin',
        path: { id: '{{productId}}', variant_id: '{{extraVariantId}}' },
        body: { price: '22.50', stock: 6 },
      },
      {
        op: 'products.images.upload',
        as: 'admin',
        path: { id: '{{productId}}' },
        form: { files: { file: 'docs/postman/product.png' }, fields: { alt: 'The Postman tee' } },
        store: { imageId: 'body.id' },
      },
      {
        op: 'products.images.update',
        as: 'admin',
        path: { id: '{{productId}}', image_id: '{{imageId}}' },
        body: { alt: 'The Postman tee, front', position: 0 },
      },
      {
        op: 'products.update',
        as: 'admin',
        path: { id: '{{productId}}' },
        body: { description: 'A soft T-shirt made by a Postman run' },
      },
      {
        op: 'products.create',
        name: 'Create a single-variant product',
        as: 'admin',
        body: { name: 'Postman Mug {{runId}}', price: '9.50', category_id: '{{subcategoryId}}', stock: 3 },
        store: { mugId: 'body.id' },
      },
      {
        op: 'products.replace',
        as: 'admin',
        path: { id: '{{mugId}}' },
        body: { name: 'Postman Mug {{runId}} (large)', price: '11.00', category_id: '{{subcategoryId}}', stock: 4 },
      },
      {
        op: 'webhooks.create',
        as: 'admin',
        body: {
          url: 'https://example.com/hooks/postman-{{runId}}',
          events: ['product.deleted'],
          description: 'Postman',
        },
        store: { webhookId: 'body.id' },
      },
      { op: 'webhooks.list', as: 'admin' },
      { op: 'webhooks.get', as: 'admin', path: { id: '{{webhookId}}' } },
      {
        op: 'webhooks.update',
        name: 'Pause a webhook',
        as: 'admin',
        path: { id: '{{webhookId}}' },
        body: { is_active: false },
      },
      { op: 'webhooks.deliveries', as: 'admin', path: { id: '{{webhookId}}' } },
      {
        op: 'webhooks.retryDelivery',
        as: 'admin',
        path: { id: '{{webhookId}}', delivery_id: UNKNOWN_ID },
        status: 404,
        problem: {
          code: 'not_found',
          why: 'the paused webhook has no deliveries to retry; with a real delivery id (from the deliveries list) it answers 202',
        },
      },
    ],
  },
  {
    name: '2. Customer signs up and browses',
    description: 'A new customer (a fresh e-mail every run) registers, signs in again, refreshes, and looks around.',
    steps: [
      {
        op: 'auth.register',
        as: 'anyone',
        body: { email: customerEmail, password, first_name: 'Postman', last_name: 'Customer' },
        store: { ...tokens('customer'), customerId: 'body.user.id' },
        checks: { 'is a customer': "pm.expect(body.user.role).to.eql('customer')" },
      },
      {
        op: 'auth.login',
        name: 'Customer signs in',
        as: 'anyone',
        body: { email: customerEmail, password },
        store: tokens('customer'),
      },
      {
        op: 'auth.refresh',
        as: 'anyone',
        body: { refresh: '{{customerRefresh}}' },
        checks: {
          'rotates the refresh token':
            "pm.expect(body.refresh).not.to.eql(pm.collectionVariables.get('customerRefresh'))",
        },
        store: tokens('customer'),
      },
      {
        op: 'users.me',
        as: 'customer',
        checks: { 'is the customer': `pm.expect(body.email).to.eql(pm.variables.replaceIn('${customerEmail}'))` },
      },
      { op: 'users.updateMe', as: 'customer', body: { phone_number: '+44 20 7946 0958' } },
      {
        op: 'products.list',
        as: 'anyone',
        query: { category: '{{categoryId}}', ordering: 'price' },
        checks: { 'finds both products, under the parent category too': 'pm.expect(body.count).to.eql(2)' },
      },
      {
        op: 'products.facets',
        as: 'anyone',
        query: { category: '{{categoryId}}' },
        checks: { 'counts both products': 'pm.expect(body.count).to.eql(2)' },
      },
      {
        op: 'products.get',
        as: 'anyone',
        path: { id: '{{productId}}' },
        checks: { 'has three variants': 'pm.expect(body.variants).to.have.lengthOf(3)' },
      },
      { op: 'reviews.list', as: 'anyone', path: { id: '{{productId}}' } },
      {
        op: 'stock.events',
        as: 'anyone',
        path: { id: UNKNOWN_ID },
        status: 404,
        problem: {
          code: 'not_found',
          why: 'a live stream never ends, so a runner could not wait for it; for an unknown product it answers 404 before any stream opens. Watch a real one with `curl -N {{baseUrl}}/api/v1/products/<id>/stock/events`',
        },
      },
      { op: 'wishlist.add', as: 'customer', path: { product_id: '{{productId}}' } },
      {
        op: 'wishlist.list',
        as: 'customer',
        checks: {
          'holds the product': "pm.expect(body.results[0].id).to.eql(pm.collectionVariables.get('productId'))",
        },
      },
      { op: 'wishlist.remove', as: 'customer', path: { product_id: '{{productId}}' } },
    ],
  },
  {
    name: '3. Customer checks out and pays',
    description:
      'Cart, checkout (with an `Idempotency-Key`), and payment through the `test` provider (any server without Stripe outside production); a second order is cancelled.',
    steps: [
      { op: 'cart.addItem', as: 'customer', headers: idempotent, body: { variant_id: '{{variantId}}', quantity: 2 } },
      {
        op: 'cart.addItem',
        name: 'Add another variant to the cart',
        as: 'customer',
        body: { variant_id: '{{secondVariantId}}', quantity: 1 },
      },
      { op: 'cart.updateItem', as: 'customer', path: { id: '{{variantId}}' }, body: { quantity: 1 } },
      { op: 'cart.removeItem', as: 'customer', path: { id: '{{secondVariantId}}' } },
      {
        op: 'cart.get',
        as: 'customer',
        checks: {
          'holds one tee':
            "pm.expect(body.items.map((i) => i.quantity)).to.eql([1]); pm.expect(body.subtotal).to.eql('19.00')",
        },
      },
      {
        op: 'orders.create',
        as: 'customer',
        headers: idempotent,
        store: { orderId: 'body.id' },
        checks: { 'is pending': "pm.expect(body.status).to.eql('pending')" },
      },
      { op: 'orders.list', as: 'customer', checks: { 'lists the order': 'pm.expect(body.count).to.eql(1)' } },
      { op: 'orders.get', as: 'customer', path: { id: '{{orderId}}' } },
      {
        op: 'payments.create',
        as: 'customer',
        path: { id: '{{orderId}}' },
        headers: idempotent,
        body: { provider: 'test' },
        store: { paymentId: 'body.id' },
      },
      { op: 'payments.list', as: 'customer', path: { id: '{{orderId}}' } },
      {
        op: 'payments.testConfirm',
        as: 'customer',
        path: { id: '{{paymentId}}' },
        body: { outcome: 'succeeded' },
        checks: { 'has succeeded': "pm.expect(body.status).to.eql('succeeded')" },
      },
      {
        op: 'paymentWebhooks.stripe',
        as: 'anyone',
        headers: { 'Stripe-Signature': 't=0,v1=0' },
        body: { id: 'evt_postman', type: 'payment_intent.succeeded', data: { object: {} } },
        status: 409,
        problem: {
          code: 'payment_provider_unavailable',
          why: 'Stripe calls this, signed with the store’s webhook secret; a store without Stripe (where the `test` provider above works) refuses it',
        },
      },
      {
        op: 'orders.get',
        name: 'See the order paid',
        as: 'customer',
        path: { id: '{{orderId}}' },
        checks: {
          'is paid': "pm.expect(body.status).to.eql('paid'); pm.expect(body.payment_status).to.eql('succeeded')",
        },
      },
      {
        op: 'cart.addItem',
        name: 'Fill the cart again',
        as: 'customer',
        body: { variant_id: '{{variantId}}', quantity: 1 },
      },
      {
        op: 'orders.create',
        name: 'Check out a second order',
        as: 'customer',
        headers: idempotent,
        store: { secondOrderId: 'body.id' },
      },
      {
        op: 'orders.cancel',
        as: 'customer',
        path: { id: '{{secondOrderId}}' },
        checks: { 'is cancelled': "pm.expect(body.status).to.eql('cancelled')" },
      },
      {
        op: 'cart.addItem',
        name: 'Put a tee in the cart',
        as: 'customer',
        body: { variant_id: '{{variantId}}', quantity: 1 },
      },
      { op: 'cart.clear', as: 'customer' },
    ],
  },
  {
    name: '4. Admin fulfils, customer reviews',
    description:
      'The admin ships and delivers the paid order; the customer, now a verified buyer, reviews the product.',
    steps: [
      { op: 'orders.events', as: 'admin', path: { id: '{{orderId}}' } },
      {
        op: 'orders.update',
        name: 'Ship the order',
        as: 'admin',
        path: { id: '{{orderId}}' },
        body: { status: 'shipped' },
      },
      {
        op: 'orders.update',
        name: 'Deliver the order',
        as: 'admin',
        path: { id: '{{orderId}}' },
        body: { status: 'delivered' },
        checks: { 'is delivered': "pm.expect(body.status).to.eql('delivered')" },
      },
      { op: 'reviews.create', as: 'customer', path: { id: '{{productId}}' }, store: { reviewId: 'body.id' } },
      { op: 'reviews.update', as: 'customer', path: { id: '{{reviewId}}' }, body: { rating: 4 } },
      {
        op: 'reviews.listAll',
        as: 'admin',
        query: { product_id: '{{productId}}' },
        checks: { 'lists the review': 'pm.expect(body.count).to.eql(1)' },
      },
      { op: 'reviews.delete', as: 'customer', path: { id: '{{reviewId}}' } },
    ],
  },
  {
    name: '5. Customer manages the account',
    description: 'Sessions, a password change, and the password-reset requests.',
    steps: [
      {
        op: 'sessions.list',
        as: 'customer',
        store: { otherSessionId: 'body.find((s) => !s.current).id' },
        checks: { 'shows both logins': 'pm.expect(body).to.have.lengthOf(2)' },
      },
      { op: 'sessions.end', name: 'End the other session', as: 'customer', path: { id: '{{otherSessionId}}' } },
      { op: 'users.changePassword', as: 'customer', body: { current_password: password, new_password: newPassword } },
      {
        op: 'auth.login',
        name: 'Customer signs in with the new password',
        as: 'anyone',
        body: { email: customerEmail, password: newPassword },
        store: tokens('customer'),
      },
      { op: 'auth.forgotPassword', as: 'anyone', body: { email: customerEmail } },
      {
        op: 'auth.resetPassword',
        as: 'anyone',
        body: { token: 'pr_not-a-real-token', new_password: password },
        status: 400,
        problem: {
          code: 'invalid_reset_token',
          why: 'the real token travels only in the e-mailed link (GET /api/v1/admin/mail shows it when no SMTP server is set); a made-up one is refused',
        },
      },
    ],
  },
  {
    name: '6. Admin back office',
    description: 'The admin looks the customer up, ends their session, and reads the mailbox, deliveries and stats.',
    steps: [
      {
        op: 'users.list',
        as: 'admin',
        query: { search: 'postman-{{runId}}' },
        checks: { 'finds the customer': 'pm.expect(body.count).to.eql(1)' },
      },
      { op: 'users.get', as: 'admin', path: { id: '{{customerId}}' } },
      { op: 'users.update', as: 'admin', path: { id: '{{customerId}}' }, body: { last_name: 'Checked' } },
      {
        op: 'sessions.listForUser',
        as: 'admin',
        path: { id: '{{customerId}}' },
        store: { customerSessionId: 'body[0].id' },
        checks: { 'shows the one live session': 'pm.expect(body).to.have.lengthOf(1)' },
      },
      {
        op: 'sessions.endForUser',
        as: 'admin',
        path: { id: '{{customerId}}', session_id: '{{customerSessionId}}' },
      },
      {
        op: 'users.me',
        name: 'The ended session’s token stops working',
        as: 'customer',
        status: 401,
        problem: { code: 'token_revoked', why: 'the admin has just ended this session' },
      },
      { op: 'mail.list', as: 'admin', query: { to: customerEmail } },
      { op: 'deliveries.stats', as: 'admin' },
      { op: 'stats.overview', as: 'admin' },
    ],
  },
  {
    name: '7. Clean up',
    description: 'Everything the run made is deleted again (its orders stay, with their snapshots), and both sign out.',
    steps: [
      { op: 'auth.logout', name: 'Customer signs out', as: 'anyone', body: { refresh: '{{customerRefresh}}' } },
      { op: 'webhooks.delete', as: 'admin', path: { id: '{{webhookId}}' } },
      { op: 'products.images.delete', as: 'admin', path: { id: '{{productId}}', image_id: '{{imageId}}' } },
      { op: 'products.variants.delete', as: 'admin', path: { id: '{{productId}}', variant_id: '{{extraVariantId}}' } },
      { op: 'products.delete', as: 'admin', path: { id: '{{mugId}}' } },
      { op: 'products.delete', name: 'Delete the product with variants', as: 'admin', path: { id: '{{productId}}' } },
      { op: 'categories.delete', as: 'admin', path: { id: '{{subcategoryId}}' } },
      { op: 'categories.delete', name: 'Delete the parent category', as: 'admin', path: { id: '{{categoryId}}' } },
      { op: 'users.delete', as: 'admin', path: { id: '{{customerId}}' } },
      {
        op: 'categories.get',
        name: 'The category is gone',
        as: 'anyone',
        path: { id: '{{categoryId}}' },
        status: 404,
        problem: { code: 'not_found', why: 'the run deleted it' },
      },
      { op: 'auth.logout', name: 'Admin signs out', as: 'anyone', body: { refresh: '{{adminRefresh}}' } },
    ],
  },
];
