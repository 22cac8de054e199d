import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import { Alert, AlertTitle, Button } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Confirm, useCanAccess, useNotify, usePermissions, useTranslate } from 'react-admin';
import { periodsApi } from '../periods/periodsApi';
import { acknowledgementView } from '../periods/cycleView';
import type { ScorecardCycle } from '../periods/types';
import { useZonedFormat } from '../periods/useZonedFormat';
import type { ScorecardDetail } from './types';

/**
 * On a published period's scorecard: the staff member acknowledges it (确认) while the window is
 * open, and sees "已确认 (time)" afterwards; admins and quality officers see whether they did.
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
  const isStaff = permissions === 'staff';
  // Managers read the period board instead (the route answers staff, admins and quality officers).
  // Not before the permissions are known: an unknown role would ask as a manager might, and get 403.
  const enabled = permissions !== undefined && (isStaff || (canList && permissions !== 'manager'));
  const queryKey = ['scorecards', scorecard.id, 'cycle'];
  const { data: cycle } = useQuery({ queryKey, queryFn: () => periodsApi.cycle(scorecard.id), enabled });
  if (!enabled || !cycle) return null;
  const view = acknowledgementView(cycle, isStaff);
  if (view === 'none') return null;
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
  switch (view) {
    case 'done':
      return (
        <Alert severity="success" icon={<CheckCircleIcon />} data-testid="acknowledged">
          {text(isStaff ? 'done' : 'staff_done')}
        </Alert>
      );
    case 'ask':
      return (
        <Alert
          severity="info"
          data-testid="acknowledge-panel"
          action={
            <Button variant="contained" size="small" onClick={() => setAsking(true)} disabled={busy} data-testid="acknowledge">
              {text('acknowledge')}
            </Button>
          }
        >
          <AlertTitle>{text('title')}</AlertTitle>
          {text('ask')}
          <Confirm isOpen={asking} loading={busy} title={text('confirm_title')} content={text('confirm_content')} onConfirm={() => void acknowledge()} onClose={() => setAsking(false)} />
        </Alert>
      );
    default:
      return (
        <Alert severity={view === 'not_current' ? 'warning' : 'info'} data-testid="acknowledgement-state">
          {text(view === 'pending' ? 'staff_pending' : view === 'ended' ? 'window_ended' : view)}
        </Alert>
      );
  }
}
