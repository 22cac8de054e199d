import { Accordion, AccordionDetails, AccordionSummary, Alert, Box, LinearProgress, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import ExpandMoreIcon from '@mui/icons-material/ExpandMore';
import { useQuery } from '@tanstack/react-query';
import { useListContext, useTranslate } from 'react-admin';
import { API_URL, httpClient } from '../providers/httpClient';

interface Counts {
  sent: number;
  answered: number;
  expired: number;
  rate: number | null;
}

/** `GET /api/survey-invitations/response-rates` (apps/api/src/modules/surveys/surveys.dto.ts). */
export interface ResponseRates {
  period: string;
  total: Counts;
  staff: Array<Counts & { staffId: string; staffCode: string; staffName: string; teamId: string | null; teamName: string | null }>;
  teams: Array<Counts & { teamId: string | null; teamName: string | null }>;
}

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`);

/** The month the feedback list is filtered to, or this month (UTC) when it is not. */
function periodOf(filter: Record<string, unknown>): string {
  if (typeof filter.period === 'string' && filter.period !== '') return filter.period;
  const now = new Date();
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

export async function fetchResponseRates(period: string, teamId?: string): Promise<ResponseRates> {
  const query = new URLSearchParams({ period });
  if (teamId) query.set('teamId', teamId);
  const { json } = await httpClient(`${API_URL}/survey-invitations/response-rates?${query.toString()}`);
  return json as ResponseRates;
}

function RatesTable({ rows, first }: { rows: Array<Counts & { key: string; label: string }>; first: string }) {
  const translate = useTranslate();
  const t = (key: string) => translate(`carescore.surveys.rates.${key}`);
  return (
    <Box sx={{ overflowX: 'auto', mb: 2 }}>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{first}</TableCell>
            <TableCell align="right">{t('sent')}</TableCell>
            <TableCell align="right">{t('answered')}</TableCell>
            <TableCell align="right">{t('expired')}</TableCell>
            <TableCell sx={{ minWidth: 120 }}>{t('rate')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {rows.map((row) => (
            <TableRow key={row.key} data-testid="response-rate-row">
              <TableCell>{row.label}</TableCell>
              <TableCell align="right">{row.sent}</TableCell>
              <TableCell align="right">{row.answered}</TableCell>
              <TableCell align="right">{row.expired}</TableCell>
              <TableCell>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
                  <LinearProgress variant="determinate" value={(row.rate ?? 0) * 100} sx={{ flexGrow: 1, height: 6, borderRadius: 3 }} />
                  <Typography variant="body2" sx={{ minWidth: 48, textAlign: 'right' }}>
                    {percent(row.rate)}
                  </Typography>
                </Box>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

/** Survey invitations sent in the list's period (this month by default), answered and expired, per team and staff member. */
export function ResponseRatesPanel() {
  const { filterValues } = useListContext();
  const translate = useTranslate();
  const period = periodOf(filterValues as Record<string, unknown>);
  const teamId = typeof filterValues.teamId === 'string' ? filterValues.teamId : undefined;
  const { data, error } = useQuery({ queryKey: ['survey-invitations', 'response-rates', period, teamId], queryFn: () => fetchResponseRates(period, teamId) });
  const t = (key: string, options?: Record<string, unknown>) => translate(`carescore.surveys.rates.${key}`, options);
  return (
    <Accordion disableGutters sx={{ mb: 1 }} data-testid="response-rates">
      <AccordionSummary expandIcon={<ExpandMoreIcon />}>
        <Typography sx={{ fontWeight: 600, mr: 1 }}>{t('title')}</Typography>
        <Typography color="text.secondary" data-testid="response-rates-total">
          {period} · {data ? (data.total.sent === 0 ? t('none', { period }) : t('total', { sent: data.total.sent, answered: data.total.answered, rate: percent(data.total.rate) })) : '…'}
        </Typography>
      </AccordionSummary>
      <AccordionDetails>
        {error ? <Alert severity="error">{error instanceof Error ? error.message : String(error)}</Alert> : null}
        {data && data.total.sent > 0 ? (
          <>
            <Typography variant="subtitle2">{t('by_team')}</Typography>
            <RatesTable first={translate('resources.feedback.fields.teamId', { _: 'Team' })} rows={data.teams.map((team) => ({ ...team, key: team.teamId ?? '-', label: team.teamName ?? t('no_team') }))} />
            <Typography variant="subtitle2">{t('by_staff')}</Typography>
            <RatesTable first={translate('resources.feedback.fields.staffCode', { _: 'Staff' })} rows={data.staff.map((row) => ({ ...row, key: `${row.staffId}:${row.teamId ?? '-'}`, label: `${row.staffCode} ${row.staffName}` }))} />
          </>
        ) : null}
      </AccordionDetails>
    </Accordion>
  );
}
