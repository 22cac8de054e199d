import { Box, Divider, Stack, Typography } from '@mui/material';
import { Show, useRecordContext, useTranslate } from 'react-admin';
import { PendingRequestNotice } from '../change-requests/PendingRequestNotice';
import { DateTimeField } from '../common/DateTimeField';
import { useLocalized } from '../common/localized';
import { ExperimentActions } from './ExperimentActions';
import { armLabel, ExperimentStatusChip, ModeField, PeriodsField, PopulationField } from './ExperimentFields';
import { ShadowReport } from './report/ShadowReport';
import { SplitReport } from './report/SplitReport';
import type { ExperimentRecord } from './types';

function ExperimentTitle() {
  const record = useRecordContext<ExperimentRecord>();
  const localized = useLocalized();
  return <>{record ? `${localized(record.name, record.key)} (${record.key})` : ''}</>;
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <Box>
      <Typography variant="caption" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="body2" component="div">
        {children}
      </Typography>
    </Box>
  );
}

function Overview() {
  const record = useRecordContext<ExperimentRecord>();
  const localized = useLocalized();
  const translate = useTranslate();
  if (!record) return null;
  const field = (name: string) => translate(`resources.experiments.fields.${name}`);
  return (
    // width 0 + min-width 100 %: fill the page but let wide tables scroll inside their cards instead of widening the layout.
    <Box sx={{ p: 2, width: 0, minWidth: '100%', boxSizing: 'border-box' }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="h5" data-testid="experiment-name">
          {localized(record.name, record.key)}
        </Typography>
        <ExperimentStatusChip status={record.status} />
        <ModeField />
      </Stack>
      <PendingRequestNotice targetType="experiment" targetId={record.id} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate(`carescore.experiments.mode_help.${record.mode}`)}
      </Typography>
      <Stack direction="row" sx={{ flexWrap: 'wrap', columnGap: 4, rowGap: 1 }}>
        <Fact label={field('key')}>{record.key}</Fact>
        <Fact label={translate('carescore.experiments.champion')}>{armLabel(record.champion)}</Fact>
        <Fact label={translate('carescore.experiments.challenger')}>{armLabel(record.challenger)}</Fact>
        <Fact label={field('teamIds')}>
          <PopulationField />
        </Fact>
        <Fact label={field('periods')}>
          <PeriodsField />
        </Fact>
        <Fact label={field('updatedAt')}>
          <DateTimeField source="updatedAt" />
        </Fact>
      </Stack>
      {record.status === 'promoted' ? (
        <Typography variant="body2" color="success.main" sx={{ mt: 1 }} data-testid="promoted-note">
          {translate('carescore.experiments.promoted_note', { challenger: armLabel(record.challenger) })}
        </Typography>
      ) : null}
      <Divider sx={{ my: 2 }} />
      {record.mode === 'shadow' ? <ShadowReport experiment={record} /> : <SplitReport experiment={record} />}
    </Box>
  );
}

/** An experiment's settings, its actions and its report (shadow comparison or split outcome). */
export function ExperimentShow() {
  return (
    <Show actions={<ExperimentActions />} title={<ExperimentTitle />}>
      <Overview />
    </Show>
  );
}
