import Handlebars from 'handlebars';
import type { EventData, EventType, Order } from '@nexus/contract';
import type { Config } from '../../config.js';

/** What one e-mail says; the worker adds who it goes to. */
export interface RenderedMail {
  kind: string;
  subject: string;
  text: string;
  html: string;
}

interface Template {
  subject: string;
  text: string;
  html: string;
}

// Handlebars escapes every {{value}} in the HTML templates (a product named <script> stays text); the text
// templates are compiled without escaping. Layout shared by every HTML mail.
const layout = Handlebars.compile(
  `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#222">
<h2 style="margin:0 0 16px">{{store}}</h2>{{{body}}}
<p style="color:#888;font-size:12px;margin-top:24px">{{store}}</p></body></html>`,
);

const orderLines = {
  text: `{{#each order.items}}- {{quantity}} × {{name}}{{#if variant_title}} ({{variant_title}}){{/if}}: {{line_total}} {{../order.currency}}
{{/each}}Total: {{order.total}} {{order.currency}}`,
  html: `<table style="border-collapse:collapse">{{#each order.items}}<tr><td>{{quantity}} ×</td><td>{{name}}{{#if variant_title}} ({{variant_title}}){{/if}}</td><td style="text-align:right">{{line_total}} {{../order.currency}}</td></tr>{{/each}}
<tr><td colspan="2"><strong>Total</strong></td><td style="text-align:right"><strong>{{order.total}} {{order.currency}}</strong></td></tr></table>`,
};

const templates = {
  order_placed: {
    subject: 'Your order {{order.number}}',
    text: `Thank you for your order {{order.number}}.\n\n${orderLines.text}\n\nWe will let you know when it is paid and on its way.`,
    html: `<p>Thank you for your order <strong>{{order.number}}</strong>.</p>${orderLines.html}<p>We will let you know when it is paid and on its way.</p>`,
  },
  order_paid: {
    subject: 'Payment received for {{order.number}}',
    text: `We have received your payment of {{order.total}} {{order.currency}} for order {{order.number}}.`,
    html: `<p>We have received your payment of <strong>{{order.total}} {{order.currency}}</strong> for order <strong>{{order.number}}</strong>.</p>`,
  },
  order_shipped: {
    subject: 'Order {{order.number}} is on its way',
    text: `Order {{order.number}} has shipped to {{order.shipping_address.name}}, {{order.shipping_address.city}}.`,
    html: `<p>Order <strong>{{order.number}}</strong> has shipped to {{order.shipping_address.name}}, {{order.shipping_address.city}}.</p>`,
  },
  order_cancelled: {
    subject: 'Order {{order.number}} is cancelled',
    text: `Order {{order.number}} is cancelled.{{#if paid}} Your payment of {{order.total}} {{order.currency}} is being refunded.{{/if}}`,
    html: `<p>Order <strong>{{order.number}}</strong> is cancelled.{{#if paid}} Your payment of {{order.total}} {{order.currency}} is being refunded.{{/if}}</p>`,
  },
  password_reset: {
    subject: 'Reset your {{store}} password',
    text: `Someone asked to reset the password of {{email}}. To choose a new one, open this link within {{minutes}} minutes:\n\n{{link}}\n\nIf it was not you, ignore this e-mail: your password stays as it is.`,
    html: `<p>Someone asked to reset the password of <strong>{{email}}</strong>. To choose a new one, open this link within {{minutes}} minutes:</p><p><a href="{{link}}">Choose a new password</a></p><p>If it was not you, ignore this e-mail: your password stays as it is.</p>`,
  },
  welcome: {
    subject: 'Welcome to {{store}}',
    text: `Welcome! Your account {{email}} is ready.`,
    html: `<p>Welcome! Your account <strong>{{email}}</strong> is ready.</p>`,
  },
} as const satisfies Record<string, Template>;

type Kind = keyof typeof templates;

const compiled = Object.fromEntries(
  Object.entries(templates).map(([kind, template]) => [
    kind,
    {
      subject: Handlebars.compile(template.subject, { noEscape: true }),
      text: Handlebars.compile(template.text, { noEscape: true }),
      html: Handlebars.compile(template.html),
    },
  ]),
) as Record<Kind, Record<keyof Template, HandlebarsTemplateDelegate>>;

function render(kind: Kind, context: Record<string, unknown>, config: Pick<Config, 'STORE_NAME'>): RenderedMail {
  const view = { ...context, store: config.STORE_NAME };
  const template = compiled[kind];
  return {
    kind,
    subject: template.subject(view),
    text: `${template.text(view)}\n\n— ${config.STORE_NAME}\n`,
    html: layout({ store: config.STORE_NAME, body: template.html(view) }),
  };
}

const orderMail: Partial<Record<EventType, Kind>> = {
  'order.placed': 'order_placed',
  'order.paid': 'order_paid',
  'order.shipped': 'order_shipped',
  'order.cancelled': 'order_cancelled',
};

/** The e-mail an event sends its customer, if any (order.delivered and the product and stock events send none). */
export function mailFor<T extends EventType>(
  type: T,
  data: EventData[T],
  config: Pick<Config, 'STORE_NAME'>,
): RenderedMail | undefined {
  const kind = orderMail[type];
  if (kind) {
    const order = data as Order;
    // The refund is asked for once the cancellation commits: a paid order's mail says it is on its way back.
    const paid = order.payment_status === 'succeeded' || order.payment_status === 'refunded';
    return render(kind, { order, paid }, config);
  }
  if (type === 'user.registered') return render('welcome', data as EventData['user.registered'], config);
  return undefined;
}

/** The reset e-mail: filed by the request itself, since its link carries a secret that no event may. */
export function passwordResetMail(
  fields: { email: string; link: string; minutes: number },
  config: Pick<Config, 'STORE_NAME'>,
): RenderedMail {
  return render('password_reset', fields, config);
}
