import { ORDER_TRANSITIONS, type OrderStatus } from '@nexus/contract';
import { AppError } from '../../errors.js';

/** Where an order may go from each status: the contract's life cycle, the one place it is decided. */
export const orderTransitions: Record<OrderStatus, readonly OrderStatus[]> = ORDER_TRANSITIONS;

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => orderTransitions[from].includes(to);

/** Throws 409 `invalid_transition` unless `from → to` is allowed. */
export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    const allowed = orderTransitions[from];
    throw new AppError(
      'invalid_transition',
      `An order that is ${from} cannot become ${to}${allowed.length ? `; it can become ${allowed.join(' or ')}` : ''}`,
    );
  }
}
