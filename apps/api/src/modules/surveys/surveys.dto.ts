import { z } from 'zod';
import { documentKeySchema } from '@carescore/engine';
import { periodSchema } from '../bindings/bindings.dto';
import { STAFF_CODE_MAX } from '../staff/staff.dto';

/** At most this many invitations per request. */
export const INVITATIONS_MAX = 500;
/** How long a link stays open unless the request says otherwise, and the longest it may. */
export const DEFAULT_EXPIRES_IN_DAYS = 14;
export const MAX_EXPIRES_IN_DAYS = 90;

/** One invitation to answer a published survey about a staff member (a service milestone reached with a client). */
export const invitationItemSchema = z.strictObject({
  surveyKey: documentKeySchema,
  staffCode: z.string().trim().min(1, 'is required').max(STAFF_CODE_MAX),
  /** The client in the sender's own system (never shown on the page). */
  customerRef: z.string().trim().max(128).nullish(),
  /** The service milestone that prompted it, e.g. first_assessment, plan_changed. */
  event: z.string().trim().min(1).max(64).nullish(),
  expiresInDays: z.number().int('must be a whole number of days').min(1, 'must be at least 1').max(MAX_EXPIRES_IN_DAYS).default(DEFAULT_EXPIRES_IN_DAYS),
});
export type InvitationItem = z.infer<typeof invitationItemSchema>;

/** The body of POST /api/survey-invitations: one invitation or a list; each is checked on its own (422 per field). */
export const invitationsBodySchema = z.union([
  z.array(z.record(z.string(), z.unknown()), { error: 'send an invitation object or a JSON array of them' }).min(1, 'must hold at least one invitation').max(INVITATIONS_MAX),
  z.record(z.string(), z.unknown()),
]);

export const invitationResponseSchema = z.object({
  id: z.uuid(),
  surveyKey: z.string(),
  surveyVersion: z.number().int(),
  staffCode: z.string(),
  customerRef: z.string().nullable(),
  event: z.string().nullable(),
  /** The page's path, `/s/<token>`: signed and single-use. */
  path: z.string(),
  /** The same as an absolute link on the address the request came to. */
  url: z.string(),
  expiresAt: z.string(),
});
export type InvitationResponse = z.infer<typeof invitationResponseSchema>;

export const createInvitationsResponseSchema = z.object({ created: z.number().int(), items: z.array(invitationResponseSchema) });
export type CreateInvitationsResponse = z.infer<typeof createInvitationsResponseSchema>;

export const responseRatesQuerySchema = z.strictObject({
  /** A month, or a quarter (its three months): invitations sent in it. */
  period: periodSchema,
  teamId: z.uuid().optional(),
  surveyKey: documentKeySchema.optional(),
});
export type ResponseRatesQuery = z.infer<typeof responseRatesQuerySchema>;

const rateRow = {
  /** Invitations sent in the period. */
  sent: z.number().int(),
  /** Of those, answered (at any time since). */
  answered: z.number().int(),
  /** Of those, unanswered and past their expiry now. */
  expired: z.number().int(),
  /** answered / sent, 0…1; null when none was sent. */
  rate: z.number().nullable(),
};

export const responseRatesResponseSchema = z.object({
  period: z.string(),
  total: z.object(rateRow),
  staff: z.array(z.object({ staffId: z.uuid(), staffCode: z.string(), staffName: z.string(), teamId: z.uuid().nullable(), teamName: z.string().nullable(), ...rateRow })),
  teams: z.array(z.object({ teamId: z.uuid().nullable(), teamName: z.string().nullable(), ...rateRow })),
});
export type ResponseRatesResponse = z.infer<typeof responseRatesResponseSchema>;

/** What the public page posts: a form (`likert_<dimension>`, `nps`, `comment`) or JSON (`likert: {…}`, `nps`, `comment`). */
export const answerBodySchema = z.record(z.string(), z.unknown());
