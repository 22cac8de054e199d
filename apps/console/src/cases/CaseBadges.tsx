import { Chip, Stack, Typography } from '@mui/material';
import { useEffect, useState } from 'react';
import { useRecordContext, useTranslate } from 'react-admin';
import type { CaseRecord } from './casesApi';
import { countdown, countdownParts } from './sla';

/** The current time, refreshed every `intervalMs` so countdowns move on their own. */
export function useNow(intervalMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "due in 3 h 20 min" or "overdue by 1 d 2 h", live; nothing for a closed case. */
export function SlaCountdown({ record, variant = 'body2' }: { record: Pick<CaseRecord, 'status' | 'dueAt'>; variant?: 'body2' | 'h6' }) {
  const translate = useTranslate();
  const now = useNow();
  const value = record.status === 'open' ? countdown(record.dueAt, now) : null;
  if (!value) return null;
  const { key, args } = countdownParts(value);
  const time = translate(`carescore.cases.countdown.${key}`, args);
  return (
    <Typography variant={variant} component="span" color={value.overdue ? 'error' : 'text.primary'} data-testid="sla-countdown" sx={{ fontWeight: value.overdue ? 600 : undefined }}>
      {translate(value.overdue ? 'carescore.cases.countdown.overdue_by' : 'carescore.cases.countdown.due_in', { time })}
    </Typography>
  );
}

/** Status, overdue and breach badges of a case. */
export function CaseBadges({ record }: { record: CaseRecord }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }} data-testid="case-badges">
      {record.status === 'closed' ? (
        <Chip size="small" label={translate('carescore.cases.badges.closed')} data-testid="badge-closed" />
      ) : (
        <Chip size="small" color="primary" variant="outlined" label={translate('carescore.cases.statuses.open')} />
      )}
      {record.overdue && <Chip size="small" color="error" label={translate('carescore.cases.badges.overdue')} data-testid="badge-overdue" />}
      {record.breachCount > 0 && (
        <Chip size="small" color="warning" label={record.breachCount > 1 ? translate('carescore.cases.badges.breached_count', { count: record.breachCount }) : translate('carescore.cases.badges.breached')} data-testid="badge-breached" />
      )}
      {record.closedInSla === true && <Chip size="small" color="success" label={translate('carescore.cases.badges.in_sla')} data-testid="badge-in-sla" />}
      {record.closedInSla === false && <Chip size="small" color="warning" variant="outlined" label={translate('carescore.cases.badges.late')} />}
    </Stack>
  );
}

/** The badges of the case in the record context (list columns). */
export function CaseBadgesField(_props: { label?: string; source?: string; sortable?: boolean }) {
  const record = useRecordContext<CaseRecord>();
  return record ? <CaseBadges record={record} /> : null;
}

/** The countdown of the case in the record context (list columns). */
export function SlaCountdownField(_props: { label?: string; source?: string; sortable?: boolean }) {
  const record = useRecordContext<CaseRecord>();
  return record ? <SlaCountdown record={record} /> : null;
}
