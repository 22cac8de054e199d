import { Alert, Box, Card, CardContent, Grid, Stack, Step, StepLabel, Stepper, Typography } from '@mui/material';
import { useState } from 'react';
import { Show, TopToolbar, useLocaleState, usePermissions, useShowContext, useTranslate } from 'react-admin';
import { TeamField } from '../common/TeamField';
import { useLocalized } from '../common/localized';
import { AppealReview } from './AppealReview';
import { CaseBadges, SlaCountdown } from './CaseBadges';
import { AssignButton, ReopenButton } from './CaseReviewActions';
import { isCaseDetail } from './caseDetail';
import type { CaseDetail } from './casesApi';
import { CasesNav } from './CasesNav';
import { CaseOrigin, CaseVisits } from './CaseSidePanels';
import { CaseTimeline, useDateTime } from './CaseTimeline';
import { CommentBox } from './CommentBox';
import { StageForm } from './StageForm';

function CaseTitle() {
  const { record } = useShowContext<CaseDetail>();
  const translate = useTranslate();
  return <>{record ? translate('carescore.cases.show.title', { staff: `${record.staffCode} ${record.staffName}` }) : ''}</>;
}

/** The case's detail, or undefined while only the list row it was opened from is known. */
function useCaseDetail(): CaseDetail | undefined {
  const { record } = useShowContext<CaseDetail>();
  return isCaseDetail(record) ? record : undefined;
}

function CaseActions() {
  const record = useCaseDetail();
  if (!record) return null;
  return (
    <TopToolbar>
      {record.can.assign && <AssignButton record={record} />}
      {record.can.reopen && <ReopenButton record={record} />}
    </TopToolbar>
  );
}

/** The case's team in the console's language (staff may not read teams: they get the stored name). */
function CaseTeamName({ record }: { record: CaseDetail }) {
  const { permissions } = usePermissions<string>();
  if (!record.teamId) return null;
  if (permissions === 'staff') return <>{record.teamName}</>;
  return <TeamField source="teamId" />;
}

function CaseHeader({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const dateTime = useDateTime();
  return (
    <Card variant="outlined">
      <CardContent>
        <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} sx={{ justifyContent: 'space-between' }}>
          <Box>
            <Typography variant="h6" data-testid="case-staff">
              {record.staffCode} {record.staffName}
              {record.teamId ? ' · ' : ''}
              <CaseTeamName record={record} />
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {localized(record.workflowName, record.workflowKey)} · {translate('carescore.cases.show.workflow', { key: record.workflowKey, version: record.workflowVersion })} ·{' '}
              {translate(`carescore.cases.kinds.${record.kind}`)} · {record.period}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {translate('carescore.cases.show.opened', { at: dateTime(record.openedAt) })} · {translate('carescore.cases.show.assignee')}:{' '}
              <span data-testid="case-assignee">{record.assigneeName ?? record.assigneeEmail ?? translate('carescore.cases.unassigned')}</span>
            </Typography>
          </Box>
          <Stack spacing={1} sx={{ alignItems: { md: 'flex-end' } }}>
            <CaseBadges record={record} />
            <SlaCountdown record={record} variant="h6" />
            {record.status === 'open' && record.dueAt && (
              <Typography variant="caption" color="text.secondary">
                {translate('resources.cases.fields.dueAt')}: {dateTime(record.dueAt)}
              </Typography>
            )}
          </Stack>
        </Stack>
      </CardContent>
    </Card>
  );
}

/** The workflow's stages, the current one highlighted, breached ones marked. */
function StageProgress({ record }: { record: CaseDetail }) {
  const localized = useLocalized();
  const translate = useTranslate();
  const current = record.status === 'closed' ? record.stages.length : (record.stageIndex ?? 0);
  const breachedStages = new Set(record.visits.filter((visit) => visit.breached).map((visit) => visit.stage));
  return (
    <Stepper activeStep={current} alternativeLabel data-testid="stage-progress">
      {record.stages.map((stage) => (
        <Step key={stage.id}>
          <StepLabel
            error={breachedStages.has(stage.id)}
            optional={
              <Typography variant="caption" color="text.secondary">
                {translate(`carescore.roles.${stage.role}`)} · {translate('carescore.cases.sla_hours', { hours: stage.slaHours })}
              </Typography>
            }
          >
            {localized(stage.name, stage.id)}
          </StepLabel>
        </Step>
      ))}
    </Stepper>
  );
}

function CurrentStage({ record, onConflict }: { record: CaseDetail; onConflict: (message: string | null) => void }) {
  const translate = useTranslate();
  const localized = useLocalized();
  if (record.status === 'closed' || !record.currentStage) {
    return (
      <Alert severity="success" data-testid="case-closed-note">
        {translate('carescore.cases.show.closed_note')}
      </Alert>
    );
  }
  if (!record.can.advance) {
    return (
      <Alert severity="info" data-testid="not-your-stage">
        {translate('carescore.cases.show.current_stage', { stage: localized(record.currentStage.name, record.currentStage.id) })}.{' '}
        {translate('carescore.cases.show.not_your_stage', { role: translate(`carescore.roles.${record.currentStage.role}`) })}
      </Alert>
    );
  }
  // A new stage (or a new version of the case) starts a fresh form.
  return <StageForm key={`${record.currentStage.id}-${record.version}`} record={record} stage={record.currentStage} onConflict={onConflict} />;
}

/** Whether the current stage's form shows the appeal beside its corrected values (then the side panel does not repeat it). */
function decisionFormShown(record: CaseDetail): boolean {
  return record.status === 'open' && record.can.advance && (record.currentStage?.fields.some((field) => field.type === 'corrected_facts') ?? false);
}

function CaseContent() {
  const record = useCaseDetail();
  const translate = useTranslate();
  const [conflict, setConflict] = useState<string | null>(null);
  // Re-render on a language switch (the stepper and dates are built outside react-admin's fields).
  useLocaleState();
  if (!record) return null;
  return (
    <Stack spacing={2} sx={{ p: 2 }} data-testid="case-page" data-status={record.status} data-stage={record.stage ?? ''}>
      <CaseHeader record={record} />
      <StageProgress record={record} />
      <Grid container spacing={2}>
        <Grid size={{ xs: 12, md: 7 }}>
          <Stack spacing={2}>
            {conflict && (
              <Alert severity="warning" onClose={() => setConflict(null)} data-testid="stage-conflict">
                {conflict}
              </Alert>
            )}
            <CurrentStage record={record} onConflict={setConflict} />
            <Typography variant="h6">{translate('carescore.cases.show.timeline')}</Typography>
            <CaseTimeline record={record} />
            {record.can.comment && <CommentBox caseId={record.id} />}
          </Stack>
        </Grid>
        <Grid size={{ xs: 12, md: 5 }}>
          <Stack spacing={2}>
            {record.kind !== 'appeal' ? <CaseOrigin record={record} /> : !decisionFormShown(record) && <AppealReview record={record} />}
            <CaseVisits record={record} />
          </Stack>
        </Grid>
      </Grid>
    </Stack>
  );
}

/** One case: its stages, the current stage's form, the SLA countdown, the timeline and the review actions. */
export function CaseShow() {
  return (
    <>
      <CasesNav />
      <Show title={<CaseTitle />} actions={<CaseActions />}>
        <CaseContent />
      </Show>
    </>
  );
}
