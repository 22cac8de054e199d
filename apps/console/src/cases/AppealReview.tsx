import { Alert, Box, Card, CardContent, Chip, LinearProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { useWatch } from 'react-hook-form';
import { useLocalized } from '../common/localized';
import { API_URL, httpClient } from '../providers/httpClient';
import { formatScore } from '../scorecards/chartData';
import type { InputValue, ScorecardDetail } from '../scorecards/types';
import { type AppealRecord, type CaseRecord, casesApi } from './casesApi';
import { useDateTime } from './CaseTimeline';
import { appealInputRows, type Corrected, parseCorrectedFacts } from './stageValues';

const show = (value: InputValue | number[] | undefined) => (value === undefined ? '' : value === null ? '—' : Array.isArray(value) ? value.join(';') : String(value));

/** The appeal a case is and the scorecard it contests. */
function useAppeal(record: CaseRecord): { appeal: AppealRecord | null | undefined; scorecard: ScorecardDetail | undefined; error: Error | null } {
  const appealQuery = useQuery({ queryKey: ['appeals', 'by-case', record.id], queryFn: () => casesApi.appealOf(record.id), enabled: record.kind === 'appeal' });
  const scorecardId = appealQuery.data?.scorecardId;
  const scorecardQuery = useQuery({
    queryKey: ['scorecards', scorecardId, 'detail'],
    queryFn: async () => (await httpClient(`${API_URL}/scorecards/${scorecardId}`)).json as ScorecardDetail,
    enabled: scorecardId !== undefined,
  });
  return { appeal: appealQuery.data, scorecard: scorecardQuery.data, error: appealQuery.error ?? scorecardQuery.error };
}

/** The staff member's reason, the contested indicators and their inputs; beside a decision form, the corrected values too. */
export function AppealReview({ record, corrected }: { record: CaseRecord; corrected?: Corrected | null }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const dateTime = useDateTime();
  const { appeal, scorecard, error } = useAppeal(record);
  const withCorrected = corrected !== undefined;
  if (error) return <Alert severity="error">{error.message}</Alert>;
  if (!appeal || !scorecard) return <LinearProgress />;
  const names = new Map(scorecard.explanation.indicators.map((indicator) => [indicator.id, localized(indicator.name, indicator.id)]));
  const rows = appealInputRows(scorecard, appeal.indicators, corrected ?? null);
  const text = (key: string, args?: Record<string, unknown>) => translate(`carescore.cases.appeal.${key}`, args);
  return (
    <Card variant="outlined" data-testid={withCorrected ? 'appeal-compare' : 'appeal-review'}>
      <CardContent>
        <Typography variant="subtitle1">{text('title')}</Typography>
        <Typography variant="body2" color="text.secondary">
          {text('filed', { at: dateTime(appeal.filedAt), composite: formatScore(appeal.compositeBefore) })}
        </Typography>
        <Typography variant="subtitle2" sx={{ mt: 1 }}>
          {text('indicators')}
        </Typography>
        <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: 'wrap' }}>
          {appeal.indicators.map((id) => (
            <Chip key={id} size="small" label={names.get(id) ?? id} />
          ))}
        </Stack>
        <Typography variant="subtitle2" sx={{ mt: 1 }}>
          {text('reason')}
        </Typography>
        <Typography variant="body2" sx={{ fontStyle: 'italic', whiteSpace: 'pre-wrap' }} data-testid="appeal-reason-text">
          “{appeal.reason}”
        </Typography>
        <Typography variant="subtitle2" sx={{ mt: 1 }}>
          {text('compare')}
        </Typography>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="appeal-inputs">
            <TableHead>
              <TableRow>
                <TableCell>{text('indicator')}</TableCell>
                <TableCell>{text('input')}</TableCell>
                <TableCell align="right">{text('original')}</TableCell>
                {withCorrected && <TableCell align="right">{text('corrected')}</TableCell>}
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => {
                const changed = row.corrected !== undefined && show(row.corrected) !== show(row.original);
                return (
                  <TableRow key={`${row.indicator ?? ''}-${row.input}`} data-testid="appeal-input-row" data-input={row.input}>
                    <TableCell>{row.indicator ? (names.get(row.indicator) ?? row.indicator) : '—'}</TableCell>
                    <TableCell>
                      <code>{row.input}</code>
                      {row.indicator === null && (
                        <Typography variant="caption" color="warning.main" sx={{ display: 'block' }}>
                          {text('unknown_input')}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell align="right" data-testid="appeal-input-original">
                      {show(row.original)}
                    </TableCell>
                    {withCorrected && (
                      <TableCell align="right" data-testid="appeal-input-corrected" sx={changed ? { fontWeight: 700, color: 'warning.main' } : undefined}>
                        {show(row.corrected)}
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </Box>
        {rows.length === 0 && (
          <Typography variant="body2" color="text.secondary">
            {text('no_inputs')}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}

/** Inside a decision form: the comparison with the corrected values as they are typed (field `fields.<id>`). */
export function LiveAppealReview({ record, fieldId }: { record: CaseRecord; fieldId: string }) {
  const value: unknown = useWatch({ name: `fields.${fieldId}` });
  const parsed = typeof value === 'string' && value.trim() !== '' ? parseCorrectedFacts(value) : {};
  return <AppealReview record={record} corrected={typeof parsed === 'string' ? null : parsed} />;
}
