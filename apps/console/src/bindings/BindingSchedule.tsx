import { Alert, Box, Button, Stack, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { HttpError, useNotify, useTranslate } from 'react-admin';
import { useZonedFormat } from '../periods/useZonedFormat';
import { API_URL, httpClient, isApiErrorBody } from '../providers/httpClient';

/** `GET/PUT/DELETE /api/bindings/:id/schedule` (apps/api/src/modules/scheduled-runs/scheduled-runs.dto.ts). */
export interface BindingSchedule {
  bindingId: string;
  period: string;
  teamId: string | null;
  timeZone: string;
  schedule: {
    daysAfterEnd: number;
    time: string;
    dueAt: string;
    firedAt: string | null;
    runId: string | null;
    runStatus: string | null;
    refused: string | null;
  } | null;
}

const path = (bindingId: string) => `${API_URL}/bindings/${bindingId}/schedule`;
const send = async (bindingId: string, method: 'PUT' | 'DELETE', body?: unknown) =>
  (await httpClient(path(bindingId), { method, body: body === undefined ? undefined : JSON.stringify(body), headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' }) })).json as BindingSchedule;

/** The binding's scheduled run: when it is due on the institution's clock, and what it did; admins set or remove it. */
export function BindingScheduleSection({ bindingId, editable }: { bindingId: string; editable: boolean }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const { format, zone } = useZonedFormat();
  const queryKey = ['bindings', bindingId, 'schedule'];
  const { data } = useQuery({ queryKey, queryFn: async () => (await httpClient(path(bindingId))).json as BindingSchedule });
  const [days, setDays] = useState<string | null>(null);
  const [time, setTime] = useState<string | null>(null);
  const [problem, setProblem] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  if (!data) return null;
  const schedule = data.schedule;
  const daysValue = days ?? (schedule ? String(schedule.daysAfterEnd) : '3');
  const timeValue = time ?? schedule?.time ?? '02:00';
  const text = (key: string, args?: Record<string, unknown>) => translate(`carescore.schedule.${key}`, args);

  const act = async (method: 'PUT' | 'DELETE') => {
    setBusy(true);
    setProblem({});
    try {
      const updated = await send(bindingId, method, method === 'PUT' ? { daysAfterEnd: Number(daysValue), time: timeValue } : undefined);
      queryClient.setQueryData(queryKey, updated);
      setDays(null);
      setTime(null);
      notify(method === 'PUT' ? 'carescore.schedule.saved' : 'carescore.schedule.removed', { type: 'success' });
    } catch (error) {
      const body = error instanceof HttpError && isApiErrorBody(error.body) ? error.body : null;
      const issues = Object.fromEntries((body?.details ?? []).map((issue) => [issue.path, issue.message]));
      setProblem(Object.keys(issues).length > 0 ? issues : { '': body?.message ?? (error instanceof Error ? error.message : String(error)) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box data-testid="binding-schedule">
      <Typography variant="subtitle1">{text('title')}</Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {text('explain')}
      </Typography>
      {editable && (
        <Stack direction="row" spacing={2} sx={{ mb: 1 }}>
          <TextField
            type="number"
            size="small"
            label={text('days_after_end')}
            value={daysValue}
            onChange={(event) => setDays(event.target.value)}
            error={problem.daysAfterEnd !== undefined}
            helperText={problem.daysAfterEnd}
            slotProps={{ htmlInput: { min: 1, max: 90, 'data-testid': 'schedule-days' } }}
          />
          <TextField
            type="time"
            size="small"
            label={text('time', { zone })}
            value={timeValue}
            onChange={(event) => setTime(event.target.value)}
            error={problem.time !== undefined}
            helperText={problem.time}
            slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'schedule-time' } }}
          />
        </Stack>
      )}
      <Typography variant="body2" data-testid="schedule-state">
        {!schedule
          ? text('none')
          : schedule.refused
            ? text('refused', { at: format(schedule.firedAt), reason: schedule.refused })
            : schedule.firedAt
              ? text('fired', { at: format(schedule.firedAt), status: schedule.runStatus ? text(`statuses.${schedule.runStatus}`) : '—' })
              : text('due', { at: format(schedule.dueAt), zone: data.timeZone })}
      </Typography>
      {problem[''] && (
        <Alert severity="error" sx={{ mt: 1 }}>
          {problem['']}
        </Alert>
      )}
      {editable && (
        <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
          <Button size="small" variant="outlined" disabled={busy} onClick={() => void act('PUT')} data-testid="schedule-save">
            {text('save')}
          </Button>
          {schedule && (
            <Button size="small" color="error" disabled={busy} onClick={() => void act('DELETE')} data-testid="schedule-remove">
              {text('remove')}
            </Button>
          )}
        </Stack>
      )}
    </Box>
  );
}
