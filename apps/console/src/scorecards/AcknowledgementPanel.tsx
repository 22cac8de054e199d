import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useCanAccess, useNotify, usePermissions, useTranslate } from 'react-admin';
import { periodsApi } from '../periods/periodsApi';
import { acknowledgementView, mayAppeal } from '../periods/cycleView';
import type { CycleAppeal, ScorecardCycle } from '../periods/types';
import { useZonedFormat } from '../periods/useZonedFormat';
import { AppealDialog } from './AppealDialog';
import { formatScore } from './chartData';
import type { ScorecardDetail } from './types';

/** What became of the staff member's appeal of the period: 申诉处理中, 已更正：综合得分 78.4 → 81.2, or 维持原成绩. */
function AppealState({ appeal }: { appeal: CycleAppeal }) {
  const translate = useTranslate();
  const args = { before: formatScore(appeal.compositeBefore), after: formatScore(appeal.compositeAfter) };
  return (
    <Alert severity={appeal.status === 'open' ? 'warning' : appeal.status === 'corrected' ? 'success' : 'info'} data-testid="appeal-state" data-status={appeal.status}>
      {translate(`carescore.appeal.state.${appeal.status}`, args)}
    </Alert>
  );
}

/**
 * On a published period's scorecard: the staff member acknowledges it (确认) or appeals it (申诉)
 * while the window is open, before the deadline; afterwards it says what happened ("已确认 (time)",
 * "申诉处理中", "已更正：综合得分 78.4 → 81.2"). Managers may appeal on their staff's behalf; admins
 * and quality officers see whether the staff member did.
 */
export function AcknowledgementPanel({ scorecard }: { scorecard: ScorecardDetail }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { permissions } = usePermissions<string>();
  const { format, zone } = useZonedFormat();
  const { canAccess: canList } = useCanAccess({ resource: 'periods', action: 'list' });
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [appealing, setAppealing] = useState(false);
  const isStaff = permissions === 'staff';
  // Managers read their teams' (to appeal for them); admins and quality officers everyone's. Not before the
  // permissions are known: a role still unknown could ask for what it may not read.
  const enabled = permissions !== undefined && (isStaff || canList);
  const queryKey = ['scorecards', scorecard.id, 'cycle'];
  const { data: cycle } = useQuery({ queryKey, queryFn: () => periodsApi.cycle(scorecard.id), enabled });
  if (!enabled || !cycle) return null;
  const view = acknowledgementView(cycle, isStaff);
  if (view === 'none') return null;
  const appealable = mayAppeal(cycle, permissions);
  const appealButton = appealable ? (
    <Button variant="outlined" color="warning" size="small" onClick={() => setAppealing(true)} disabled={busy} data-testid="appeal">
      {translate(isStaff ? 'carescore.appeal.appeal' : 'carescore.appeal.appeal_on_behalf')}
    </Button>
  ) : null;
  const dialog = appealable ? (
    <AppealDialog
      scorecard={scorecard}
      open={appealing}
      onBehalf={!isStaff}
      onClose={() => setAppealing(false)}
      onFiled={() => {
        setAppealing(false);
        notify('carescore.appeal.filed', { type: 'success' });
        void queryClient.invalidateQueries({ queryKey });
      }}
    />
  ) : null;
  const appealState = cycle.appeal ? <AppealState appeal={cycle.appeal} /> : null;
  const args = { period: cycle.period, deadline: format(cycle.appealDeadline), zone, at: format(cycle.acknowledgedAt) };
  const acknowledge = async () => {
    setBusy(true);
    try {
      const result = await periodsApi.acknowledge(scorecard.id);
      queryClient.setQueryData<ScorecardCycle>(queryKey, { ...cycle, acknowledgedAt: result.acknowledgedAt });
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
      await queryClient.invalidateQueries({ queryKey });
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };
  const text = (key: string) => translate(`carescore.acknowledgement.${key}`, args);
  const acknowledgement = (() => {
    switch (view) {
      case 'done':
        return (
          <Alert severity="success" icon={<CheckCircleIcon />} data-testid="acknowledged" action={appealButton}>
            {text(isStaff ? 'done' : 'staff_done')}
          </Alert>
        );
      case 'ask':
        // While an appeal is under way, its state stands in for the question.
        if (cycle.appeal?.status === 'open') return null;
        return (
          <Alert
            severity="info"
            data-testid="acknowledge-panel"
            action={
              <Stack direction="row" spacing={1}>
                <Button variant="contained" size="small" onClick={() => setAsking(true)} disabled={busy} data-testid="acknowledge">
                  {text('acknowledge')}
                </Button>
                {appealButton}
              </Stack>
            }
          >
            <AlertTitle>{text('title')}</AlertTitle>
            {text('ask')}
            <Confirm isOpen={asking} loading={busy} title={text('confirm_title')} content={text('confirm_content')} onConfirm={() => void acknowledge()} onClose={() => setAsking(false)} />
          </Alert>
        );
      default:
        return (
          <Alert severity={view === 'not_current' ? 'warning' : 'info'} data-testid="acknowledgement-state" action={appealButton}>
            {text(view === 'pending' ? 'staff_pending' : view === 'ended' ? 'window_ended' : view)}
          </Alert>
        );
    }
  })();
  return (
    <Stack spacing={1} data-testid="scorecard-cycle">
      {appealState}
      {acknowledgement}
      {dialog}
    </Stack>
  );
}
