import { Alert, Button, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from '@mui/material';
import { useState } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { isChangeRequest } from '../change-requests/changeRequestsApi';
import { describeStartError, type StartRunError } from '../evaluations/runState';

export type PeriodAction = 'publish' | 'close' | 'reopen';

interface Props {
  action: PeriodAction;
  period: string;
  /** What will happen, in plain words (already translated). */
  content: string;
  open: boolean;
  onClose: () => void;
  onDone: () => void;
  run: (reason: string) => Promise<unknown>;
}

/**
 * Asks before a period's state changes, saying what will happen; reopening asks why. A refusal
 * (409: runs under way, not published, no results…) stays in the dialog in the API's own words.
 */
export function PeriodActionDialog({ action, period, content, open, onClose, onDone, run }: Props) {
  const translate = useTranslate();
  const notify = useNotify();
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<StartRunError | null>(null);
  const needsReason = action === 'reopen';
  const close = () => {
    setRefusal(null);
    setReason('');
    onClose();
  };
  const confirm = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const result = await run(reason.trim());
      if (isChangeRequest(result)) notify('carescore.change_requests.submitted', { type: 'info', messageArgs: { description: result.description } });
      else notify(`carescore.periods.done.${action}`, { type: 'success', messageArgs: { period } });
      close();
      onDone();
    } catch (error) {
      setRefusal(describeStartError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog open={open} onClose={busy ? undefined : close} fullWidth maxWidth="sm" data-testid={`period-${action}-dialog`}>
      <DialogTitle>{translate(`carescore.periods.${action}_title`, { period })}</DialogTitle>
      <DialogContent>
        <DialogContentText data-testid="period-action-content">{content}</DialogContentText>
        {needsReason && (
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            label={translate('carescore.periods.reopen_reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            required
            slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'reopen-reason' } }}
          />
        )}
        {refusal && (
          <Alert severity="error" sx={{ mt: 2 }} data-testid="period-action-error">
            {translate('carescore.periods.refused', { status: refusal.status ?? '—' })}: {refusal.message}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={close} disabled={busy}>
          {translate('carescore.periods.cancel')}
        </Button>
        <Button variant="contained" color={action === 'close' ? 'warning' : 'primary'} onClick={() => void confirm()} disabled={busy || (needsReason && reason.trim() === '')} data-testid="period-action-confirm">
          {translate(`carescore.periods.${action}`)}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
