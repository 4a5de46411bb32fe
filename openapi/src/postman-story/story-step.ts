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

export const customerEmail = 'postman-{{runId}}@example.com';
export const password = 'correct horse battery';
export const newPassword = 'battery staple horse';
export const idempotent = { 'Idempotency-Key': '{{$guid}}' };
export const tokens = (who: 'admin' | 'customer') => ({
  [`${who}Token`]: 'body.access',
  [`${who}Refresh`]: 'body.refresh',
});
/** A well-formed id nothing has: for the requests whose answer here is a 404. */
export const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
