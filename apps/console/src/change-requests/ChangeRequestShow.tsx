import CheckIcon from '@mui/icons-material/Check';
import CloseIcon from '@mui/icons-material/Close';
import UndoIcon from '@mui/icons-material/Undo';
import { Alert, Box, Button as MuiButton, Card, CardContent, Dialog, DialogActions, DialogContent, DialogTitle, Stack, Table, TableBody, TableCell, TableRow, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Show, TopToolbar, useGetOne, useLocaleState, useNotify, useRecordContext, useRefresh, useTranslate } from 'react-admin';
import { ConfirmButton } from '../common/ConfirmButton';
import { useLocalized } from '../common/localized';
import { describeChange, namesOf } from '../documents/describeChange';
import type { DocumentDetail } from '../providers/dataProvider';
import { type ChangeRequestDetail, changeRequestsApi } from './changeRequestsApi';
import { ChangeRequestStatusChip } from './ChangeRequestList';

function RejectButton({ record }: { record: ChangeRequestDetail }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const reject = async () => {
    setBusy(true);
    try {
      await changeRequestsApi.reject(record.id, reason.trim());
      notify('carescore.change_requests.rejected', { type: 'success' });
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: ['change-requests'] });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <MuiButton size="small" color="error" startIcon={<CloseIcon />} onClick={() => setOpen(true)} data-testid="change-request-reject">
        {translate('carescore.change_requests.reject')}
      </MuiButton>
      <Dialog open={open} onClose={busy ? undefined : () => setOpen(false)} fullWidth maxWidth="sm">
        <DialogTitle>{translate('carescore.change_requests.reject_title')}</DialogTitle>
        <DialogContent>
          <Typography variant="body2">{record.description}</Typography>
          <TextField
            autoFocus
            fullWidth
            multiline
            minRows={2}
            margin="normal"
            label={translate('carescore.change_requests.reject_reason')}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'reject-reason' } }}
          />
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={() => setOpen(false)} disabled={busy}>
            {translate('carescore.change_requests.cancel')}
          </MuiButton>
          <MuiButton color="error" variant="contained" disabled={busy || reason.trim() === ''} onClick={() => void reject()} data-testid="reject-confirm">
            {translate('carescore.change_requests.reject')}
          </MuiButton>
        </DialogActions>
      </Dialog>
    </>
  );
}

function Actions() {
  const record = useRecordContext<ChangeRequestDetail>();
  const queryClient = useQueryClient();
  if (!record) return <TopToolbar />;
  const settle = <T,>(work: Promise<T>) => work.finally(() => void queryClient.invalidateQueries({ queryKey: ['change-requests'] }));
  return (
    <TopToolbar>
      {record.mayDecide ? (
        <>
          <RejectButton record={record} />
          <ConfirmButton
            label="carescore.change_requests.approve"
            title="carescore.change_requests.approve_title"
            content="carescore.change_requests.approve_content"
            args={{ description: record.description }}
            success="carescore.change_requests.approved"
            variant="contained"
            color="success"
            icon={<CheckIcon />}
            run={() => settle(changeRequestsApi.approve(record.id))}
          />
        </>
      ) : null}
      {record.mayWithdraw ? (
        <ConfirmButton
          label="carescore.change_requests.withdraw"
          title="carescore.change_requests.withdraw_title"
          content="carescore.change_requests.withdraw_content"
          success="carescore.change_requests.withdrawn"
          icon={<UndoIcon />}
          run={() => settle(changeRequestsApi.withdraw(record.id))}
        />
      ) : null}
    </TopToolbar>
  );
}

/** A publish's changes in words, named as the document names its members (in the console's language). */
function DocumentDiff({ record }: { record: ChangeRequestDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const { data: document } = useGetOne<DocumentDetail>('documents', { id: record.target.id }, { enabled: record.kind === 'document_publish' });
  if (!record.diff) return null;
  const names = namesOf(document?.content);
  const { from, to, changes } = record.diff;
  return (
    <Box sx={{ mt: 2 }}>
      <Typography variant="subtitle1">{from === null ? translate('carescore.change_requests.diff_first', { to }) : translate('carescore.change_requests.diff_title', { from, to })}</Typography>
      {changes.length === 0 ? (
        <Typography color="text.secondary">{translate('carescore.change_requests.no_changes')}</Typography>
      ) : (
        <Box component="ul" data-testid="change-request-diff" sx={{ pl: 3 }}>
          {changes.map((change) => (
            <li key={`${change.kind}:${change.path}`} title={change.text}>
              {describeChange(change, names, translate, (text, fallback) => localized(text, fallback))}
            </li>
          ))}
        </Box>
      )}
    </Box>
  );
}

function Detail() {
  const record = useRecordContext<ChangeRequestDetail>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  if (!record) return null;
  const when = (at: string) => new Date(at).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
  const row = (label: string, value: React.ReactNode) => (
    <TableRow>
      <TableCell sx={{ width: 160, color: 'text.secondary' }}>{translate(`resources.change-requests.fields.${label}`)}</TableCell>
      <TableCell>{value}</TableCell>
    </TableRow>
  );
  return (
    <Card>
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6" data-testid="change-request-description">
            {record.description}
          </Typography>
          {record.status === 'pending' && record.stale ? <Alert severity="warning">{translate('carescore.change_requests.stale')}</Alert> : null}
          {record.status === 'pending' && record.mayWithdraw ? <Alert severity="info">{translate('carescore.change_requests.own')}</Alert> : null}
          <Table size="small">
            <TableBody>
              {row('status', <ChangeRequestStatusChip />)}
              {row('kind', translate(`carescore.change_requests.kinds.${record.kind}`))}
              {row('requestedBy', `${record.requestedBy.name} (${record.requestedBy.email})`)}
              {row('requestedAt', when(record.requestedAt))}
              {record.decidedBy ? row('decidedBy', `${record.decidedBy.name} (${record.decidedBy.email})`) : null}
              {record.decidedAt ? row('decidedAt', when(record.decidedAt)) : null}
              {record.reason ? row('reason', record.reason) : null}
            </TableBody>
          </Table>
          <DocumentDiff record={record} />
        </Stack>
      </CardContent>
    </Card>
  );
}

/** One change request: what will happen (the diff in words for a publish), who asked, and approve / reject / withdraw. */
export function ChangeRequestShow() {
  return (
    <Show actions={<Actions />} component="div">
      <Detail />
    </Show>
  );
}
