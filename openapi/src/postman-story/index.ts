/**
 * The story the Postman collection tells, chapter by chapter, in the order a runner sends it (see story-step.ts
 * for what a step holds).
 */
import { backOffice, cleanUp, fulfilAndReview, manageTheAccount } from './after-sale.js';
import { checkOutAndPay, signUpAndBrowse } from './customer.js';
import { stockTheShop } from './shop.js';
import type { StoryChapter } from './story-step.js';

export type { Actor, StoryChapter, StoryStep } from './story-step.js';
export { UNKNOWN_ID } from './story-step.js';

export const story: StoryChapter[] = [
  stockTheShop,
  signUpAndBrowse,
  checkOutAndPay,
  fulfilAndReview,
  manageTheAccount,
  backOffice,
  cleanUp,
];
