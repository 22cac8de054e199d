import { Card, CardContent, List, ListItemButton, ListItemText, Typography } from '@mui/material';
import { useGetList, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';

interface AppealRow {
  id: string;
  staffName?: string;
  period: string;
  caseId?: string | null;
  createdAt: string;
}

/** Quality officers and admins: the appeals still open, oldest first. */
export function AppealsCard() {
  const translate = useTranslate();
  const navigate = useNavigate();
  const { data } = useGetList<AppealRow>('appeals', { pagination: { page: 1, perPage: 5 }, sort: { field: 'filedAt', order: 'ASC' }, filter: { status: 'open' } });
  return (
    <Card data-testid="home-appeals">
      <CardContent>
        <Typography variant="h6">{translate('carescore.home.appeals_title')}</Typography>
        {data && data.length === 0 ? (
          <Typography color="text.secondary">{translate('carescore.home.no_appeals')}</Typography>
        ) : (
          <List dense disablePadding>
            {(data ?? []).map((appeal) => (
              <ListItemButton key={appeal.id} onClick={() => appeal.caseId && navigate(`/cases/${appeal.caseId}/show`)} sx={{ px: 0.5 }}>
                <ListItemText primary={appeal.staffName ?? appeal.id} secondary={appeal.period} />
              </ListItemButton>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
}
