import { Box, MenuItem, Stack, TextField, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { useParams, useSearchParams } from 'react-router-dom';
import { usePeriods } from '../common/PeriodInput';
import { HonourRollCard } from './HonourRollCard';

/** `/honour-roll/:teamId?period=`: a team's honour roll (光荣榜) for a period; the period lives in the URL. */
export function HonourRollPage() {
  const { teamId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const translate = useTranslate();
  const periods = usePeriods();
  const period = params.get('period') ?? periods[0];
  const title = translate('carescore.awards.honour_roll');
  return (
    <Box sx={{ p: 2 }} data-testid="honour-roll-page">
      <Title title={title} />
      <Stack direction="row" spacing={2} useFlexGap sx={{ alignItems: 'center', mb: 2, flexWrap: 'wrap' }}>
        <Typography variant="h5">{title}</Typography>
        <TextField
          select
          size="small"
          label={translate('carescore.awards.choose_period')}
          value={period ?? ''}
          sx={{ width: 160 }}
          onChange={(event) => setParams({ period: event.target.value }, { replace: true })}
          slotProps={{ htmlInput: { 'data-testid': 'honour-roll-period' } }}
        >
          {[...new Set([...(period ? [period] : []), ...periods])].map((choice) => (
            <MenuItem key={choice} value={choice}>
              {choice}
            </MenuItem>
          ))}
        </TextField>
      </Stack>
      {teamId !== '' && period !== undefined ? <HonourRollCard teamId={teamId} period={period} title={`${title} · ${period}`} /> : null}
    </Box>
  );
}
