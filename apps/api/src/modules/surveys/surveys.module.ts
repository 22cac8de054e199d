import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module';
import { FeedbackModule } from '../feedback/feedback.module';
import { AnswerSurvey } from './answer-survey.use-case';
import { SurveyInvitationsController } from './survey-invitations.controller';
import { SurveyInvitationsRepository } from './survey-invitations.repository';
import { SurveyInvitationsService } from './survey-invitations.service';
import { SurveyPageController } from './survey-page.controller';
import { SurveyThrottle } from './survey-throttle';

/** Surveys clients answer: invitations with signed single-use links, the public page /s/<token>, response rates. */
@Module({
  imports: [FeedbackModule, CasesModule],
  controllers: [SurveyInvitationsController, SurveyPageController],
  providers: [SurveyInvitationsRepository, SurveyInvitationsService, AnswerSurvey, SurveyThrottle],
})
export class SurveysModule {}
