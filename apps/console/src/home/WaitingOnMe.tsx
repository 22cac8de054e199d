import { Alert, Box, Button, Card, CardContent, Chip, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { Link, useNavigate } from 'react-router-dom';
import { SlaCountdown } from '../cases/CaseBadges';
import { casesApi } from '../cases/casesApi';
import { useLocalized } from '../common/localized';

const SHOWN = 5;

/** The cases waiting on the signed-in user, most urgent first (the API orders them by due time), with a link to the whole queue. */
export function WaitingOnMe() {
  const translate = useTranslate();
  const localized = useLocalized();
  const navigate = useNavigate();
  const mine = useQuery({ queryKey: ['cases', 'inbox', 'mine'], queryFn: () => casesApi.inbox('mine') });
  const counts = useQuery({ queryKey: ['cases', 'inbox', 'counts'], queryFn: casesApi.inboxCounts });
  const items = mine.data ?? [];
  return (
    <Card data-testid="home-waiting">
      <CardContent>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6">{translate('carescore.home.waiting_title')}</Typography>
          {counts.data && counts.data.overdue > 0 && <Chip size="small" color="error" label={translate('carescore.home.overdue', { smart_count: counts.data.overdue })} />}
          <Box sx={{ flexGrow: 1 }} />
          <Button size="small" component={Link} to="/cases/inbox">
            {translate('carescore.home.see_all')}
          </Button>
        </Box>
        {mine.isSuccess && items.length === 0 ? (
          <Alert severity="success" sx={{ mt: 1 }}>
            {translate('carescore.home.waiting_empty')}
          </Alert>
        ) : (
          <>
            <Typography variant="body2" color="text.secondary" data-testid="home-waiting-count">
              {translate('carescore.home.waiting_count', { smart_count: items.length })}
            </Typography>
            <List dense disablePadding>
              {items.slice(0, SHOWN).map((item) => (
                <ListItemButton key={item.id} onClick={() => navigate(`/cases/${item.id}/show`)} data-testid="home-waiting-item" sx={{ px: 0.5 }}>
                  <ListItemText primary={`${item.staffName} · ${localized(item.workflowName, item.workflowKey)}`} secondary={localized(item.stageName, item.stage ?? '')} />
                  <SlaCountdown record={item} />
                </ListItemButton>
              ))}
            </List>
          </>
        )}
        {counts.data && counts.data.others > 0 && (
          <Typography variant="caption" color="text.secondary">
            {translate('carescore.home.waiting_others', { smart_count: counts.data.others })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
