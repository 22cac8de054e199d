import { Inject, Injectable, Logger } from '@nestjs/common';
import { checkSurveyAnswer, type RawSurveyAnswer, type SurveyDocument, type ValidationIssue, validateSurvey } from '@carescore/engine';
import { DomainError } from '../../common/errors/domain-error';
import { APP_CONFIG, type AppConfig } from '../../config/app-config';
import { CLOCK, type Clock } from '../cases/clock';
import { receivedFromJson } from '../feedback/feedback-sheet';
import { IngestFeedback } from '../feedback/ingest-feedback.use-case';
import { InstitutionsRepository } from '../institutions/institutions.repository';
import { type InvitationForAnswer, SurveyInvitationsRepository } from './survey-invitations.repository';
import { verifySurveyToken } from './survey-tokens';

/** What a link leads to now. */
export type SurveyLink =
  | { state: 'unknown' }
  | { state: 'used'; invitation: InvitationForAnswer }
  | { state: 'expired'; invitation: InvitationForAnswer; timeZone: string }
  | { state: 'unavailable'; invitation: InvitationForAnswer }
  | { state: 'open'; invitation: InvitationForAnswer; survey: SurveyDocument };

export type AnswerOutcome = SurveyLink | { state: 'invalid'; invitation: InvitationForAnswer; survey: SurveyDocument; issues: ValidationIssue[] } | { state: 'recorded'; invitation: InvitationForAnswer; survey: SurveyDocument };

/** Thrown inside the ingestion's transaction to undo it: the link was answered meanwhile. */
class AnsweredMeanwhile extends Error {}

/** The feedback response id of an invitation's answer: one per link, so the answer is idempotent per token. */
export const surveyResponseId = (invitationId: string) => `survey:${invitationId}`;
/** Who the audit log names for a client's answer (no user is signed in). */
export const surveyActor = (invitationId: string) => `survey-invitation:${invitationId}`;

/**
 * A client's answer through a survey link. The link must verify (HMAC), name an invitation, be unanswered and not
 * expired (expired from `expires_at` on, to the millisecond). The answer is checked against the survey version the
 * invitation was made with, then handed to feedback ingestion exactly as `POST /api/feedback` hands in a response
 * (response id `survey:<invitation id>`): stored, checked against the published workflows' triggers (a bad answer
 * opens a case), audited, and read by runs as the `likert`/`nps` facts. Marking the invitation answered happens in
 * the same transaction, so of two answers sent at once exactly one is recorded.
 */
@Injectable()
export class AnswerSurvey {
  private readonly logger = new Logger('AnswerSurvey');

  constructor(
    @Inject(SurveyInvitationsRepository) private readonly invitations: SurveyInvitationsRepository,
    @Inject(IngestFeedback) private readonly ingest: IngestFeedback,
    @Inject(InstitutionsRepository) private readonly institutions: InstitutionsRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async open(token: string): Promise<SurveyLink> {
    const id = verifySurveyToken(this.config.jwtSecret, token);
    if (id === null) return { state: 'unknown' };
    const invitation = await this.invitations.findForAnswer(id);
    if (!invitation) return { state: 'unknown' };
    if (invitation.usedAt !== null) return { state: 'used', invitation };
    if (this.clock.now().getTime() >= invitation.expiresAt.getTime()) return { state: 'expired', invitation, timeZone: await this.institutions.timeZone(invitation.institutionId) };
    const survey = validateSurvey(invitation.content);
    if (!survey.ok) return { state: 'unavailable', invitation };
    return { state: 'open', invitation, survey: survey.value };
  }

  async answer(token: string, raw: RawSurveyAnswer): Promise<AnswerOutcome> {
    const link = await this.open(token);
    if (link.state !== 'open') return link;
    const { invitation, survey } = link;
    const checked = checkSurveyAnswer(survey, raw);
    if (!checked.ok) return { state: 'invalid', invitation, survey, issues: checked.issues };
    const response = {
      responseId: surveyResponseId(invitation.id),
      staffCode: invitation.staffCode,
      customerRef: invitation.customerRef,
      channel: survey.channel,
      likert: checked.value.likert,
      nps: checked.value.nps,
      comment: checked.value.comment,
    };
    try {
      await this.ingest.execute({ system: { institutionId: invitation.institutionId, actor: surveyActor(invitation.id) } }, receivedFromJson([response]), 'survey', null, async (result, tx) => {
        const item = result.items[0];
        if (item?.status !== 'created' || !(await this.invitations.markUsed(invitation.id, item.feedbackId, this.clock.now(), tx))) throw new AnsweredMeanwhile();
      });
    } catch (error) {
      if (error instanceof AnsweredMeanwhile) return { state: 'used', invitation };
      // The staff member was deactivated since the invitation was sent, or the like: the link cannot be answered.
      if (error instanceof DomainError) {
        this.logger.warn(`survey invitation ${invitation.id} could not be answered: ${error.message}`);
        return { state: 'unavailable', invitation };
      }
      throw error;
    }
    return { state: 'recorded', invitation, survey };
  }
}
