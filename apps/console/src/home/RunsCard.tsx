import { Box, Card, CardContent, Chip, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { Bar, BarChart, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useGetList, useLocaleState, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';

interface RunRecord {
  id: string;
  period: string;
  status: 'queued' | 'running' | 'succeeded' | 'failed';
  createdAt: string;
  summary: { scorecards?: number; bands?: Record<string, number>; zones?: Record<string, number> };
}

const ZONE_COLOURS: Record<string, string> = { red: '#d32f2f', yellow: '#f9a825', blue: '#1976d2' };
const STATUS_COLOR = { queued: 'default', running: 'info', succeeded: 'success', failed: 'error' } as const;

/** Admins: the latest runs (failures stand out), and the bands and zones of the newest that succeeded, as bars. */
export function RunsCard() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const navigate = useNavigate();
  const { data } = useGetList<RunRecord>('evaluations', { pagination: { page: 1, perPage: 5 }, sort: { field: 'createdAt', order: 'DESC' } });
  const latest = data?.find((run) => run.status === 'succeeded');
  const bands = Object.entries(latest?.summary.bands ?? {}).map(([band, count]) => ({ band, count }));
  const zones = Object.entries(latest?.summary.zones ?? {}).map(([zone, count]) => ({ zone: translate(`carescore.home.zones.${zone}`, { _: zone }), key: zone, count }));
  return (
    <Card data-testid="home-runs">
      <CardContent>
        <Typography variant="h6">{translate('carescore.home.runs_title')}</Typography>
        {data && data.length === 0 && <Typography color="text.secondary">{translate('carescore.home.no_runs')}</Typography>}
        <List dense disablePadding>
          {(data ?? []).map((run) => (
            <ListItemButton key={run.id} onClick={() => navigate(`/evaluations/${run.id}/show`)} sx={{ px: 0.5 }} data-testid="home-run">
              <ListItemText primary={run.period} secondary={new Date(run.createdAt).toLocaleString(locale)} />
              <Chip size="small" color={STATUS_COLOR[run.status]} label={translate(`carescore.evaluations.statuses.${run.status}`, { _: run.status })} />
            </ListItemButton>
          ))}
        </List>
        {latest && (
          <Box sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: '1fr 1fr' }, gap: 2, mt: 1 }}>
            <Box data-testid="home-bands">
              <Typography variant="subtitle2">{translate('carescore.home.bands_title')}</Typography>
              <ResponsiveContainer width="100%" height={160}>
                <BarChart data={bands}>
                  <XAxis dataKey="band" />
                  <YAxis allowDecimals={false} width={32} />
                  <Tooltip />
                  <Bar dataKey="count" fill="#1976d2" isAnimationActive={false} />
                </BarChart>
              </ResponsiveContainer>
            </Box>
            <Box data-testid="home-zones">
              <Typography variant="subtitle2">{translate('carescore.home.zones_title')}</Typography>
              <ResponsiveContainer width="100%" height={160}>
                <BarChart data={zones}>
                  <XAxis dataKey="zone" />
                  <YAxis allowDecimals={false} width={32} />
                  <Tooltip />
                  <Bar dataKey="count" isAnimationActive={false}>
                    {zones.map((zone) => (
                      <Cell key={zone.key} fill={ZONE_COLOURS[zone.key] ?? '#9e9e9e'} />
                    ))}
                  </Bar>
                </BarChart>
              </ResponsiveContainer>
            </Box>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}
