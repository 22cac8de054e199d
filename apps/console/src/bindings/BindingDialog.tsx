import { Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Stack, TextField } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useCreate, useDataProvider, useDelete, useGetList, useNotify, useRefresh, useTranslate, useUpdate } from 'react-admin';
import { isChangeRequest } from '../change-requests/changeRequestsApi';
import { PendingRequestNotice } from '../change-requests/PendingRequestNotice';
import { useLocalized } from '../common/localized';
import type { BindingRecord, CareScoreDataProvider, DocumentRecord } from '../providers/dataProvider';
import { BindingScheduleSection } from './BindingSchedule';

export interface BindingCell {
  period: string;
  teamId: string | null;
  teamLabel: string;
  binding: BindingRecord | undefined;
}

/** Bind, rebind or unbind one period for the institution or one team (admins only). */
export function BindingDialog({ cell, onClose }: { cell: BindingCell; onClose: () => void }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const notify = useNotify();
  const refresh = useRefresh();
  const dataProvider = useDataProvider<CareScoreDataProvider>();
  const [documentId, setDocumentId] = useState<string>(cell.binding?.documentId ?? '');
  const [version, setVersion] = useState<number | ''>(cell.binding?.version ?? '');
  const { data: schemes } = useGetList<DocumentRecord>('documents', { filter: { kind: 'scheme' }, pagination: { page: 1, perPage: 1000 }, sort: { field: 'key', order: 'ASC' } });
  const versions = useQuery({
    queryKey: ['documents', 'versions', documentId],
    queryFn: () => dataProvider.documentVersions(documentId),
    enabled: documentId !== '',
  });
  const published = (versions.data ?? []).filter((v) => v.status === 'published' || v.version === cell.binding?.version);
  const [create, { isPending: creating }] = useCreate<BindingRecord>();
  const [update, { isPending: updating }] = useUpdate<BindingRecord>();
  const [remove, { isPending: removing }] = useDelete<BindingRecord>();
  const busy = creating || updating || removing;

  const done = (message: string) => ({
    onSuccess: (result: unknown) => {
      // 202: the period has runs and the institution requires approval; nothing changed yet.
      if (isChangeRequest(result)) notify('carescore.change_requests.submitted', { type: 'info', messageArgs: { description: result.description } });
      else notify(message, { type: 'success' });
      refresh();
      onClose();
    },
    onError: (error: unknown) => notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' }),
  });

  const save = () => {
    if (documentId === '' || version === '') return;
    if (cell.binding) {
      update('bindings', { id: cell.binding.id, data: { documentId, version }, previousData: cell.binding }, { ...done('carescore.bindings.saved'), mutationMode: 'pessimistic' });
    } else {
      create('bindings', { data: { period: cell.period, teamId: cell.teamId, documentId, version } }, done('carescore.bindings.saved'));
    }
  };

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm" data-testid="binding-dialog">
      <DialogTitle>{translate('carescore.bindings.dialog_title', { period: cell.period, team: cell.teamLabel })}</DialogTitle>
      <DialogContent>
        <Stack spacing={2} sx={{ mt: 1 }}>
          <PendingRequestNotice targetType="binding" targetId={cell.binding?.id ?? `${cell.period}:${cell.teamId ?? '*'}`} />
          <TextField
            select
            label={translate('carescore.bindings.scheme')}
            value={documentId}
            slotProps={{ htmlInput: { 'data-testid': 'binding-scheme' } }}
            onChange={(event) => {
              setDocumentId(event.target.value);
              setVersion('');
            }}
          >
            {(schemes ?? [])
              .filter((scheme) => scheme.publishedVersion !== null || scheme.id === cell.binding?.documentId)
              .map((scheme) => (
                <MenuItem key={scheme.id} value={scheme.id}>
                  {localized(scheme.name, scheme.key)} ({scheme.key})
                </MenuItem>
              ))}
          </TextField>
          <TextField
            select
            label={translate('carescore.bindings.version')}
            value={version}
            disabled={documentId === ''}
            slotProps={{ htmlInput: { 'data-testid': 'binding-version' } }}
            onChange={(event) => setVersion(Number(event.target.value))}
          >
            {published.map((v) => (
              <MenuItem key={v.version} value={v.version}>
                v{v.version}
                {v.status === 'retired' ? ` (${translate('carescore.bindings.retired_version')})` : ''}
              </MenuItem>
            ))}
          </TextField>
          {cell.binding && <BindingScheduleSection bindingId={cell.binding.id} editable />}
        </Stack>
      </DialogContent>
      <DialogActions>
        {cell.binding ? (
          <MuiButton color="error" disabled={busy} onClick={() => remove('bindings', { id: cell.binding?.id, previousData: cell.binding }, { ...done('carescore.bindings.removed'), mutationMode: 'pessimistic' })}>
            {translate('carescore.bindings.unbind')}
          </MuiButton>
        ) : null}
        <MuiButton onClick={onClose}>{translate('ra.action.cancel')}</MuiButton>
        <MuiButton variant="contained" disabled={busy || documentId === '' || version === ''} onClick={save}>
          {translate(cell.binding ? 'carescore.bindings.rebind' : 'carescore.bindings.bind')}
        </MuiButton>
      </DialogActions>
    </Dialog>
  );
}
