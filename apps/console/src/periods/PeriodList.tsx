import { Grid, Typography } from '@mui/material';
import { List, Loading, SelectInput, useListContext, useTranslate } from 'react-admin';
import { PeriodCard } from './PeriodCard';
import { PERIOD_STATES, type PeriodRecord } from './types';

const filters = [<SelectInput key="state" source="state" choices={PERIOD_STATES.map((id) => ({ id, name: `carescore.periods.states.${id}` }))} alwaysOn />];

/** The cards, one per period: three a row on a wide screen, one a row on a phone. */
function Board() {
  const translate = useTranslate();
  const { data, isPending } = useListContext<PeriodRecord>();
  if (isPending) return <Loading />;
  if (!data || data.length === 0) return <Typography sx={{ p: 2 }}>{translate('carescore.periods.empty')}</Typography>;
  return (
    <Grid container spacing={2} sx={{ p: { xs: 1, sm: 2 } }} data-testid="periods-board">
      {data.map((period) => (
        <Grid key={period.id} size={{ xs: 12, sm: 6, lg: 4 }}>
          <PeriodCard period={period} />
        </Grid>
      ))}
    </Grid>
  );
}

/** The periods board (`GET /api/periods`), newest first. */
export function PeriodList() {
  const translate = useTranslate();
  return (
    <List title={translate('carescore.periods.title')} filters={filters} sort={{ field: 'period', order: 'DESC' }} perPage={24} exporter={false} actions={false}>
      <Typography variant="body2" color="text.secondary" sx={{ px: 2, pt: 1 }}>
        {translate('carescore.periods.intro')}
      </Typography>
      <Board />
    </List>
  );
}
