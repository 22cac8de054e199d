import LockIcon from '@mui/icons-material/Lock';
import LockOpenIcon from '@mui/icons-material/LockOpen';
import PublishIcon from '@mui/icons-material/Publish';
import { Button, Stack } from '@mui/material';
import { useState } from 'react';
import { useCanAccess, useRefresh, useTranslate } from 'react-admin';
import { DEFAULT_TIME_ZONE, useInstitution } from '../institution/institutionApi';
import { deadlineIfPublishedAt } from './deadline';
import { type PeriodAction, PeriodActionDialog } from './PeriodActionDialog';
import { periodsApi } from './periodsApi';
import type { PeriodRecord } from './types';
import { useZonedFormat } from './useZonedFormat';

const ICONS: Record<PeriodAction, typeof PublishIcon> = { publish: PublishIcon, close: LockIcon, reopen: LockOpenIcon };

/** The one next step a period's state allows: open → publish, published → close, closed → reopen. */
export function nextAction(period: Pick<PeriodRecord, 'state'>): PeriodAction {
  return period.state === 'open' ? 'publish' : period.state === 'published' ? 'close' : 'reopen';
}

/** Admins' publish / close / reopen, each behind a dialog that says what will happen. */
export function PeriodActions({ period, onChanged }: { period: PeriodRecord; onChanged?: () => void }) {
  const translate = useTranslate();
  const refresh = useRefresh();
  const institution = useInstitution();
  const { format, zone } = useZonedFormat();
  const { canAccess } = useCanAccess({ resource: 'periods', action: 'edit' });
  const [open, setOpen] = useState(false);
  if (!canAccess) return null;
  const action = nextAction(period);
  const Icon = ICONS[action];
  const appealDays = institution?.appealDays ?? 7;
  const content = translate(`carescore.periods.${action}_content`, {
    period: period.period,
    days: appealDays,
    // What the API will compute on publishing (the same working-day rule, on the institution's clock).
    deadline: format(deadlineIfPublishedAt(new Date(), appealDays, institution?.timeZone ?? DEFAULT_TIME_ZONE)),
    zone,
  });
  const run = (reason: string) => (action === 'publish' ? periodsApi.publish(period.period) : action === 'close' ? periodsApi.close(period.period) : periodsApi.reopen(period.period, reason));
  return (
    <Stack direction="row" spacing={1}>
      <Button size="small" variant={action === 'publish' ? 'contained' : 'outlined'} color={action === 'close' ? 'warning' : 'primary'} startIcon={<Icon />} onClick={() => setOpen(true)} data-testid={`period-${action}`}>
        {translate(`carescore.periods.${action}`)}
      </Button>
      <PeriodActionDialog
        action={action}
        period={period.period}
        content={content}
        open={open}
        onClose={() => setOpen(false)}
        onDone={() => {
          refresh();
          onChanged?.();
        }}
        run={run}
      />
    </Stack>
  );
}
