import { Box, Typography } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';
import { useLocalized } from '../common/localized';
import type { CaseRecord } from './casesApi';

interface ColumnProps {
  label?: string;
  source?: string;
  sortable?: boolean;
}

/** Staff code and name. */
export function CaseStaffField(_props: ColumnProps) {
  const record = useRecordContext<CaseRecord>();
  if (!record) return null;
  return (
    <span>
      <b>{record.staffCode}</b> {record.staffName}
    </span>
  );
}

/** The workflow's name in the console's language, with what opened the case. */
export function CaseWorkflowField(_props: ColumnProps) {
  const record = useRecordContext<CaseRecord>();
  const localized = useLocalized();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box>
      <Typography variant="body2">{localized(record.workflowName, record.workflowKey)}</Typography>
      <Typography variant="caption" color="text.secondary">
        {translate(`carescore.cases.kinds.${record.kind}`)} · {record.period}
      </Typography>
    </Box>
  );
}

/** The current stage's name and its place in the workflow, or "closed". */
export function CaseStageField(_props: ColumnProps) {
  const record = useRecordContext<CaseRecord>();
  const localized = useLocalized();
  const translate = useTranslate();
  if (!record) return null;
  if (record.status === 'closed' || record.stageIndex === null) return <span>{translate('carescore.cases.statuses.closed')}</span>;
  return (
    <Box>
      <Typography variant="body2" data-testid="case-stage">
        {localized(record.stageName, record.stage ?? '')}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate('carescore.cases.stage_of', { index: record.stageIndex + 1, count: record.stageCount })}
        {record.stageRole ? ` · ${translate(`carescore.roles.${record.stageRole}`)}` : ''}
      </Typography>
    </Box>
  );
}

/** Who works the case, or "unassigned". */
export function CaseAssigneeField(_props: ColumnProps) {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{record.assigneeName ?? record.assigneeEmail ?? translate('carescore.cases.unassigned')}</span>;
}
