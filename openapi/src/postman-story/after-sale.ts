import { customerEmail, newPassword, password, tokens, type StoryChapter } from './story-step.js';

export const fulfilAndReview: StoryChapter = {
  name: '4. Admin fulfils, customer reviews',
  description: 'The admin ships and delivers the paid order; the customer, now a verified buyer, reviews the product.',
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
};

export const manageTheAccount: StoryChapter = {
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
};

export const backOffice: StoryChapter = {
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
};

export const cleanUp: StoryChapter = {
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
};
