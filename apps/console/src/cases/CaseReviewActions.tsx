import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import UndoIcon from '@mui/icons-material/Undo';
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { Button, HttpError, useGetList, useNotify, usePermissions, useRefresh, useTranslate } from 'react-admin';
import { useLocalized } from '../common/localized';
import { isApiErrorBody } from '../providers/httpClient';
import { session } from '../providers/session';
import { type CaseDetail, casesApi } from './casesApi';

const POOL = '';

function errorText(error: unknown): string {
  if (error instanceof HttpError && isApiErrorBody(error.body)) {
    const details = (error.body.details ?? []).map((issue) => `${issue.path}: ${issue.message}`);
    return [error.body.message, ...details].join(' — ');
  }
  return error instanceof Error ? error.message : String(error);
}

/** Runs a case action from a dialog: closes and refreshes on success, keeps the dialog open with the API's message otherwise. */
function useDialogAction(done: string, close: () => void) {
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await action();
      notify(done, { type: 'success' });
      close();
      refresh();
    } catch (error) {
      setProblem(errorText(error));
      if (error instanceof HttpError && error.status === 409) refresh();
    } finally {
      setBusy(false);
    }
  };
  return { busy, problem, run, reset: () => setProblem(null) };
}

/** Sends an open case back to an earlier stage listed in the workflow's `reopenTo`, with a reason. */
export function ReopenButton({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const [open, setOpen] = useState(false);
  const earlier = record.reopenTo.filter((target) => record.stages.findIndex((stage) => stage.id === target.id) < (record.stageIndex ?? 0));
  const [stage, setStage] = useState(earlier[0]?.id ?? '');
  const [reason, setReason] = useState('');
  const action = useDialogAction('carescore.cases.reopen.done', () => setOpen(false));
  return (
    <>
      <Button
        label="carescore.cases.reopen.button"
        onClick={() => {
          setStage(earlier[0]?.id ?? '');
          setOpen(true);
        }}
        data-testid="reopen-button"
      >
        <UndoIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('carescore.cases.reopen.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {action.problem && <Alert severity="error">{action.problem}</Alert>}
            <TextField select label={translate('carescore.cases.reopen.stage')} value={stage} onChange={(event) => setStage(event.target.value)}>
              {earlier.map((target) => (
                <MenuItem key={target.id} value={target.id}>
                  {localized(target.name, target.id)}
                </MenuItem>
              ))}
            </TextField>
            <TextField label={translate('carescore.cases.reopen.reason')} value={reason} onChange={(event) => setReason(event.target.value)} multiline minRows={2} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
          <Button label="carescore.cases.reopen.submit" variant="contained" disabled={action.busy || !stage} onClick={() => void action.run(() => casesApi.reopen(record.id, { stage, reason, version: record.version }))} />
        </DialogActions>
      </Dialog>
    </>
  );
}

interface UserOption {
  id: string;
  name: string;
  email: string;
  role: string;
  active: boolean;
}

/** Reassigns a case: admins pick any quality officer, manager or admin; a quality officer takes it or puts it back in the pool. */
export function AssignButton({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const { permissions } = usePermissions<string>();
  const me = session.user();
  const [open, setOpen] = useState(false);
  const [assignee, setAssignee] = useState<string>(record.assigneeId ?? POOL);
  const [reason, setReason] = useState('');
  const action = useDialogAction('carescore.cases.assign.done', () => setOpen(false));
  // Only admins may list users; the others choose between themselves and the pool.
  const { data: users } = useGetList<UserOption>('users', { pagination: { page: 1, perPage: 200 }, sort: { field: 'name', order: 'ASC' } }, { enabled: open && permissions === 'admin' });
  const options = [
    ...(me ? [{ id: me.id, label: `${translate('carescore.cases.assign.me')} (${me.email})` }] : []),
    ...(users ?? []).filter((user) => user.active && user.role !== 'staff' && user.id !== me?.id).map((user) => ({ id: user.id, label: `${user.name} (${user.email})` })),
    ...(record.assigneeId && record.assigneeId !== me?.id && !(users ?? []).some((user) => user.id === record.assigneeId)
      ? [{ id: record.assigneeId, label: record.assigneeName ?? record.assigneeEmail ?? record.assigneeId }]
      : []),
  ];
  return (
    <>
      <Button label="carescore.cases.assign.button" onClick={() => setOpen(true)} data-testid="assign-button">
        <AssignmentIndIcon />
      </Button>
      <Dialog open={open} onClose={() => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('carescore.cases.assign.title')}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {action.problem && <Alert severity="error">{action.problem}</Alert>}
            <TextField select label={translate('carescore.cases.assign.assignee')} value={assignee} onChange={(event) => setAssignee(event.target.value)} data-testid="assign-select">
              <MenuItem value={POOL}>{translate('carescore.cases.assign.pool')}</MenuItem>
              {options.map((option) => (
                <MenuItem key={option.id} value={option.id}>
                  {option.label}
                </MenuItem>
              ))}
            </TextField>
            <TextField label={translate('carescore.cases.assign.reason')} value={reason} onChange={(event) => setReason(event.target.value)} />
          </Stack>
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
          <Button
            label="carescore.cases.assign.submit"
            variant="contained"
            disabled={action.busy}
            data-testid="assign-submit"
            onClick={() => void action.run(() => casesApi.assign(record.id, { assigneeId: assignee === POOL ? null : assignee, ...(reason.trim() ? { reason } : {}), version: record.version }))}
          />
        </DialogActions>
      </Dialog>
    </>
  );
}
