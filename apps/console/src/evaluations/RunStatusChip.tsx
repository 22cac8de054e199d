import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { RunStatus } from './types';

const COLOR: Record<RunStatus, ChipProps['color']> = { queued: 'default', running: 'info', succeeded: 'success', failed: 'error' };

/** A run's status as a coloured chip; `data-status` carries the raw value for tests. */
export function RunStatusChip({ status }: { status: RunStatus | undefined }) {
  const translate = useTranslate();
  if (!status) return null;
  return <Chip size="small" color={COLOR[status]} label={translate(`carescore.evaluations.statuses.${status}`)} data-testid="run-status" data-status={status} />;
}
