import { UNKNOWN_ID, customerEmail, idempotent, password, tokens, type StoryChapter } from './story-step.js';

export const signUpAndBrowse: StoryChapter = {
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
};

export const checkOutAndPay: StoryChapter = {
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
};
