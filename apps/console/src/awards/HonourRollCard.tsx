import { Alert, Chip, List, ListItem, ListItemText, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Loading, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { ChartCard } from '../common/ChartCard';
import { useLocalized } from '../common/localized';
import { fetchHonourRoll } from './api';
import { AwardChips } from './AwardChips';

/** 光荣榜: the team's staff who earned awards in the period, each with their award chips; a name links to the scorecard when the reader may open it. */
/** `hideWhenEmpty`: nothing at all while nobody earned an award (the team summary, whose schemes may declare none). */
export function HonourRollCard({ teamId, period, title, hideWhenEmpty = false }: { teamId: string; period: string; title?: string; hideWhenEmpty?: boolean }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const roll = useQuery({ queryKey: ['teams', teamId, 'honour-roll', period], queryFn: () => fetchHonourRoll(teamId, period) });
  if (hideWhenEmpty && (roll.isPending || roll.data?.entries.length === 0)) return null;
  return (
    <ChartCard title={title ?? translate('carescore.awards.honour_roll')} caption={translate('carescore.awards.not_ranking')} testId="honour-roll">
      {roll.isPending ? (
        <Loading />
      ) : roll.error ? (
        <Alert severity="error">{roll.error.message}</Alert>
      ) : roll.data.entries.length === 0 ? (
        <Typography variant="body2" color="text.secondary" data-testid="honour-roll-empty">
          {translate('carescore.awards.none')}
        </Typography>
      ) : (
        <>
          <Stack direction="row" spacing={1} useFlexGap sx={{ flexWrap: 'wrap', mb: 1 }}>
            {roll.data.awards.map((award) => (
              <Chip key={award.id} size="small" variant="outlined" label={`${localized(award.name, award.id)} · ${translate('carescore.awards.count', { smart_count: award.count })}`} />
            ))}
          </Stack>
          <List dense disablePadding>
            {roll.data.entries.map((entry) => (
              <ListItem key={entry.staffId} disableGutters data-testid={`honour-roll-${entry.staffCode}`}>
                <ListItemText
                  primary={entry.scorecardId ? <Link to={`/scorecards/${entry.scorecardId}/show`}>{entry.staffName}</Link> : entry.staffName}
                  secondary={entry.staffCode}
                  sx={{ flex: '0 0 auto', minWidth: 120, mr: 2 }}
                />
                <AwardChips awards={entry.awards} />
              </ListItem>
            ))}
          </List>
        </>
      )}
    </ChartCard>
  );
}
