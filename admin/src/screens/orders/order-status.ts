import type { OrderStatus, PaymentStatus } from '@nexus/client-sdk';
import type { Tone } from '../../ui/feedback';

/** How each order status reads at a glance. */
export const orderStatusTone: Record<OrderStatus, Tone> = {
  pending: 'warn',
  paid: 'info',
  shipped: 'info',
  delivered: 'ok',
  cancelled: 'neutral',
};

/** How each payment status reads at a glance. */
export const paymentStatusTone: Record<PaymentStatus, Tone> = {
  requires_action: 'warn',
  processing: 'info',
  succeeded: 'ok',
  failed: 'danger',
  cancelled: 'neutral',
  refunded: 'neutral',
};

/** A status as a person writes it ("requires action"). */
export const humanize = (status: string): string => status.replace(/_/g, ' ');

/** The same, starting a sentence or a menu entry ("Requires action"). */
export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** The button that moves an order to `next`, named for what it does. */
export const transitionLabel: Record<OrderStatus, string> = {
  pending: 'Mark as pending',
  paid: 'Mark as paid',
  shipped: 'Mark as shipped',
  delivered: 'Mark as delivered',
  cancelled: 'Cancel order',
};

/** The toast after a move: "NX-000123 marked as shipped". */
export const transitionDone = (number: string, next: OrderStatus): string =>
  next === 'cancelled' ? `${number} cancelled` : `${number} marked as ${next}`;
