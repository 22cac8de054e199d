import { Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { ChartCard } from '../common/ChartCard';
import { useLocalized } from '../common/localized';
import type { CaseDetail } from './casesApi';
import { useDateTime } from './CaseTimeline';

/** The survey response (or the zone hit) that opened the case. */
export function CaseOrigin({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const dateTime = useDateTime();
  const feedback = record.feedback;
  return (
    <Card variant="outlined" data-testid="case-origin">
      <CardContent>
        {feedback ? (
          <>
            <Typography variant="subtitle1" gutterBottom>
              {translate('carescore.cases.show.feedback')}
            </Typography>
            <Typography variant="body2" color="text.secondary">
              {feedback.responseId}
              {feedback.customerRef ? ` · ${feedback.customerRef}` : ''}
              {feedback.channel ? ` · ${feedback.channel}` : ''} · {dateTime(feedback.respondedAt)}
            </Typography>
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap', my: 1 }}>
              {Object.entries(feedback.likert).map(([dimension, value]) => (
                <Chip key={dimension} size="small" color={value <= 2 ? 'error' : 'default'} label={`${translate(`carescore.feedback.dimensions.${dimension}`, { _: dimension })}: ${value}`} />
              ))}
              {feedback.nps !== null && <Chip size="small" color={feedback.nps <= 6 ? 'error' : 'default'} label={`NPS ${feedback.nps}`} />}
            </Stack>
            {feedback.comment && (
              <Typography variant="body2" sx={{ fontStyle: 'italic', whiteSpace: 'pre-wrap' }}>
                “{feedback.comment}”
              </Typography>
            )}
          </>
        ) : (
          <Typography variant="body2">
            {translate('carescore.cases.show.zone', {
              zone: record.zone ? translate(`carescore.scorecards.zones.${record.zone}`, { _: record.zone }) : '',
              action: record.action ? translate(`carescore.zone_actions.${record.action}`, { _: record.action }) : '',
              period: record.period,
            })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

/** Each stay in a stage: when it started, was due and ended, how long it took, whether it breached the SLA. */
export function CaseVisits({ record }: { record: CaseDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const dateTime = useDateTime('short');
  return (
    <ChartCard title={translate('carescore.cases.show.visits')}>
      <Box sx={{ overflowX: 'auto' }}>
        <Table size="small" data-testid="case-visits" sx={{ '& td, & th': { px: 0.75 } }}>
          <TableHead>
            <TableRow>
              {(['stage', 'started', 'due', 'hours', 'outcome', 'breached'] as const).map((column) => (
                <TableCell key={column}>{translate(`carescore.cases.visits.${column}`)}</TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {record.visits.map((visit) => (
              <TableRow key={visit.seq}>
                <TableCell>{localized(visit.stageName, visit.stage)}</TableCell>
                <TableCell>{dateTime(visit.startedAt)}</TableCell>
                <TableCell>{dateTime(visit.dueAt)}</TableCell>
                <TableCell>{visit.hours.toFixed(1)}</TableCell>
                <TableCell>{translate(`carescore.cases.outcomes.${visit.outcome ?? 'current'}`)}</TableCell>
                <TableCell>{visit.breached ? <Chip size="small" color="warning" label={translate('carescore.cases.badges.breached')} /> : '✓'}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
    </ChartCard>
  );
}
