import { Box, Chip, Paper, Stack, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { useLocalized } from '../common/localized';
import type { CaseDetail, CaseEvent, CaseEventType, StageField } from './casesApi';
import { useOptionLabel } from './StageForm';
import { orderedFields } from './stageValues';

const COLOR: Record<CaseEventType, 'default' | 'primary' | 'success' | 'warning' | 'error' | 'info' | 'secondary'> = {
  opened: 'info',
  advanced: 'primary',
  closed: 'success',
  reopened: 'warning',
  assigned: 'secondary',
  commented: 'default',
  breached: 'error',
  escalated: 'error',
};

/** "Mar 5, 2026, 10:30" in the console's language. */
export function useDateTime(dateStyle: 'medium' | 'short' = 'medium'): (iso: string | null) => string {
  const [locale] = useLocaleState();
  return (iso) => (iso ? new Intl.DateTimeFormat(locale, { dateStyle, timeStyle: 'short' }).format(new Date(iso)) : '—');
}

function useFieldValueText(): (field: StageField | undefined, value: unknown) => string {
  const translate = useTranslate();
  const optionLabel = useOptionLabel();
  return (field, value) => {
    if (typeof value === 'boolean') return translate(value ? 'carescore.cases.form.yes' : 'carescore.cases.form.no');
    if (Array.isArray(value)) return value.map((item) => (field?.options ? optionLabel(String(item)) : String(item))).join(', ');
    if (field?.options && typeof value === 'string') return optionLabel(value);
    return String(value);
  };
}

function EventTitle({ event, record }: { event: CaseEvent; record: CaseDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const stageName = (id: string | null) => {
    const stage = record.stages.find((candidate) => candidate.id === id);
    return stage ? localized(stage.name, stage.id) : (id ?? '');
  };
  switch (event.type) {
    case 'advanced':
      return <>{translate('carescore.cases.events.advanced', { stage: stageName(event.stage) })}</>;
    case 'reopened':
      return <>{translate('carescore.cases.events.reopened', { stage: stageName(event.stage), to: stageName(event.toStage) })}</>;
    case 'assigned': {
      const to = event.data.toEmail;
      return <>{typeof to === 'string' ? translate('carescore.cases.events.assigned', { to }) : translate('carescore.cases.events.unassigned')}</>;
    }
    case 'breached':
      return <>{translate('carescore.cases.events.breached', { stage: stageName(event.stage) })}</>;
    case 'escalated': {
      const notify = String(event.data.notify ?? '');
      return <>{translate('carescore.cases.events.escalated', { notify: translate(`carescore.cases.notify.${notify}`, { _: notify }) })}</>;
    }
    default:
      return <>{translate(`carescore.cases.events.${event.type}`)}</>;
  }
}

/** The case's history, oldest first: who did what, when, with the fields they entered. */
export function CaseTimeline({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const dateTime = useDateTime();
  const valueText = useFieldValueText();
  return (
    <Stack spacing={1} data-testid="case-timeline">
      {record.events.map((event) => {
        const stage = record.stages.find((candidate) => candidate.id === event.stage);
        const recipients = event.type === 'escalated' && Array.isArray(event.data.recipients) ? (event.data.recipients as unknown[]).map(String) : [];
        return (
          <Paper key={event.id} variant="outlined" sx={{ p: 1.5, borderLeft: 4, borderLeftColor: `${COLOR[event.type] === 'default' ? 'grey' : COLOR[event.type]}.main` }} data-testid="timeline-event" data-type={event.type}>
            <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
              <Chip size="small" color={COLOR[event.type]} label={<EventTitle event={event} record={record} />} />
              <Typography variant="body2" color="text.secondary">
                {dateTime(event.at)} · {event.actor ? `${event.actor.email ?? event.actor.id}${event.actor.role ? ` (${translate(`carescore.roles.${event.actor.role}`, { _: event.actor.role })})` : ''}` : translate('carescore.cases.events.system')}
              </Typography>
            </Stack>
            {event.fields && Object.keys(event.fields).length > 0 && (
              <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content 1fr', columnGap: 2, rowGap: 0.5, m: 0, mt: 1, fontSize: 14 }}>
                {orderedFields(event.fields, stage?.fields ?? []).map(([id, value]) => {
                  const field = stage?.fields.find((candidate) => candidate.id === id);
                  return [
                    <Box component="dt" key={`${id}-label`} sx={{ color: 'text.secondary' }}>
                      {localized(field?.name, id)}
                    </Box>,
                    <Box component="dd" key={`${id}-value`} sx={{ m: 0, whiteSpace: 'pre-wrap' }}>
                      {valueText(field, value)}
                    </Box>,
                  ];
                })}
              </Box>
            )}
            {event.reason && (
              <Typography variant="body2" sx={{ mt: 1, whiteSpace: 'pre-wrap' }}>
                {event.reason}
              </Typography>
            )}
            {event.text && (
              <Typography variant="body2" sx={{ mt: 1, whiteSpace: 'pre-wrap' }} data-testid="comment-text">
                {event.text}
              </Typography>
            )}
            {recipients.length > 0 && (
              <Typography variant="caption" color="text.secondary">
                {recipients.join(', ')}
              </Typography>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
