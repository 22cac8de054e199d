import { Chip, type ChipProps } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { PeriodState } from './types';

const COLOR: Record<PeriodState, ChipProps['color']> = { open: 'info', published: 'success', closed: 'default' };

/** 开放 / 已公示 / 已封账. */
export function PeriodStateChip({ state, size = 'small' }: { state: PeriodState | undefined; size?: ChipProps['size'] }) {
  const translate = useTranslate();
  if (!state) return null;
  return <Chip size={size} color={COLOR[state]} variant={state === 'closed' ? 'outlined' : 'filled'} label={translate(`carescore.periods.states.${state}`)} data-testid="period-state" data-state={state} />;
}
