import { z } from 'zod';
import { extendApi } from '../common/openapi-meta.js';
import { TimestampSchema } from '../common/timestamp.js';

/** One live login (one refresh-token family; not the login answer, `Session`): where it came from, when it was last used, and whether it is yours. */
export const ActiveSessionSchema = extendApi(
  z.object({
    id: z.string().uuid(),
    created_at: TimestampSchema,
    last_used_at: TimestampSchema.describe('Last refresh, or use of an access token (kept to within a few minutes)'),
    user_agent: z.string().nullable().describe('The User-Agent it logged in or last refreshed with'),
    ip: z.string().nullable().describe('The address it logged in or last refreshed from'),
    current: z.boolean().describe('True for the session making this request'),
  }),
  {
    title: 'ActiveSession',
    example: {
      id: '2c4f6a8e-0b1d-4e3f-9a5c-7e9b1d3f5a7c',
      created_at: '2026-12-03T09:00:00.000Z',
      last_used_at: '2026-12-03T09:40:00.000Z',
      user_agent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Safari/605.1.15',
      ip: '203.0.113.7',
      current: true,
    },
  },
);
export type ActiveSession = z.infer<typeof ActiveSessionSchema>;

export const ActiveSessionListSchema = z.array(ActiveSessionSchema);
export const SessionIdParamsSchema = z.object({ id: z.string().uuid() });
/** Path of `DELETE /users/{id}/sessions/{session_id}` (admin): the user and one of their sessions. */
export const UserSessionParamsSchema = z.object({ id: z.string().uuid(), session_id: z.string().uuid() });
