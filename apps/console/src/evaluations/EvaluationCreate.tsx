import { Alert, AlertTitle, Typography } from '@mui/material';
import { useState } from 'react';
import { Create, ReferenceInput, required, SaveButton, SelectInput, SimpleForm, TextInput, Toolbar, useGetList, useNotify, useRedirect, useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import type { PeriodRecord } from '../periods/types';
import { usePeriods } from '../common/PeriodInput';
import { TeamOption } from '../common/TeamField';
import { describeStartError, type StartRunError } from './runState';
import type { RunRecord } from './types';

function StartToolbar() {
  return (
    <Toolbar>
      <SaveButton label="carescore.evaluations.submit" alwaysEnable data-testid="submit-run" />
    </Toolbar>
  );
}

function Refusal({ error }: { error: StartRunError }) {
  const translate = useTranslate();
  return (
    <Alert severity="error" sx={{ mb: 2 }} data-testid="start-error">
      <AlertTitle>{translate('carescore.evaluations.refused', { status: error.status ?? '—' })}</AlertTitle>
      <Typography variant="body2">{error.message}</Typography>
      {error.details.map((detail) => (
        <Typography key={`${detail.path}-${detail.message}`} variant="body2">
          <b>{detail.path}</b>: {detail.message}
        </Typography>
      ))}
    </Alert>
  );
}

/** The periods already published (a new run of one needs a reason: its staff have seen their results). */
function usePublishedPeriods(): Set<string> {
  const { data } = useGetList<PeriodRecord>('periods', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'period', order: 'DESC' }, filter: { state: 'published' } });
  return new Set((data ?? []).map((period) => period.period));
}

/** When the chosen period is published: why a reason is asked, and the reason (sent as `reason`). */
function ReasonInput({ published }: { published: Set<string> }) {
  const translate = useTranslate();
  const period = useWatch<{ period?: string }>({ name: 'period' });
  if (!period || !published.has(period)) return null;
  return (
    <>
      <Alert severity="warning" sx={{ mb: 2, maxWidth: 640 }} data-testid="rerun-warning">
        {translate('carescore.evaluations.rerun_published', { period })}
      </Alert>
      <TextInput source="reason" label="carescore.evaluations.reason" multiline minRows={2} validate={required()} sx={{ maxWidth: 640 }} fullWidth slotProps={{ htmlInput: { maxLength: 2000, 'data-testid': 'run-reason' } }} />
    </>
  );
}

/**
 * Starts a run (`POST /api/evaluations`) for a bound period, optionally one team, and opens it.
 * A refusal (422: nothing bound; 409: the same period is already being evaluated) stays on the
 * form with the API's own words.
 */
export function EvaluationCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const redirect = useRedirect();
  const periods = usePeriods();
  const [refusal, setRefusal] = useState<StartRunError | null>(null);
  const published = usePublishedPeriods();
  return (
    <Create
      title="carescore.evaluations.start_title"
      transform={(data: { period?: string; teamId?: string | null; reason?: string }) => ({
        period: data.period,
        teamId: data.teamId || null,
        ...(data.period && published.has(data.period) ? { reason: data.reason?.trim() } : {}),
      })}
      mutationOptions={{
        onMutate: () => setRefusal(null),
        onSuccess: (run: RunRecord) => {
          notify('carescore.evaluations.started', { type: 'info', messageArgs: { period: run.period } });
          redirect('show', 'evaluations', run.id);
        },
        onError: (error: unknown) => setRefusal(describeStartError(error)),
      }}
    >
      <SimpleForm toolbar={<StartToolbar />}>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 2, maxWidth: 640 }}>
          {translate('carescore.evaluations.start_intro')}
        </Typography>
        {refusal && <Refusal error={refusal} />}
        <SelectInput source="period" choices={periods.map((period) => ({ id: period, name: period }))} translateChoice={false} validate={required()} />
        <ReferenceInput source="teamId" reference="teams" sort={{ field: 'name', order: 'ASC' }} perPage={200}>
          <SelectInput optionText={<TeamOption />} emptyText="carescore.evaluations.all_teams" helperText="carescore.evaluations.team_help" />
        </ReferenceInput>
        <ReasonInput published={published} />
      </SimpleForm>
    </Create>
  );
}
