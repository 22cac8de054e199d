import { Card, CardContent, Chip, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';

interface ScorecardRow {
  id: string;
  staffName: string;
  staffCode: string;
  period: string;
  zone: 'red' | 'yellow' | 'blue' | null;
  composite: number | null;
}

const ZONE_COLOR = { red: 'error', yellow: 'warning', blue: 'info' } as const;

/** Managers: who on their teams is in a zone in the newest period, red first. */
export function InZoneCard({ period }: { period: string | undefined }) {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { data } = useGetList<ScorecardRow>('scorecards', { pagination: { page: 1, perPage: 50 }, sort: { field: 'composite', order: 'ASC' }, filter: { period } }, { enabled: period !== undefined });
  const inZone = (data ?? []).filter((row) => row.zone !== null).sort((a, b) => ['red', 'yellow', 'blue'].indexOf(a.zone as string) - ['red', 'yellow', 'blue'].indexOf(b.zone as string));
  return (
    <Card data-testid="home-in-zone">
      <CardContent>
        <Typography variant="h6">{translate('carescore.home.in_zone_title')}</Typography>
        {inZone.length === 0 ? (
          <Typography color="text.secondary">{translate('carescore.home.in_zone_empty')}</Typography>
        ) : (
          <List dense disablePadding>
            {inZone.map((row) => (
              <ListItemButton key={row.id} onClick={() => navigate(`/scorecards/${row.id}/show`)} sx={{ px: 0.5 }}>
                <ListItemText primary={`${row.staffName} (${row.staffCode})`} secondary={row.composite === null ? '—' : row.composite.toFixed(1)} />
                <Chip size="small" color={ZONE_COLOR[row.zone as 'red']} label={translate(`carescore.home.zones.${row.zone}`)} />
              </ListItemButton>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
