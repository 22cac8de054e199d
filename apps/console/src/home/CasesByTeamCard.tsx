import { Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useTranslate } from 'react-admin';
import { casesApi } from '../cases/casesApi';

/** Open and overdue cases per team (a manager's own teams), from the cases dashboard. */
export function CasesByTeamCard() {
  const translate = useTranslate();
  const { data } = useQuery({ queryKey: ['cases', 'dashboard', null], queryFn: () => casesApi.dashboard(null) });
  return (
    <Card data-testid="home-cases-by-team">
      <CardContent>
        <Typography variant="h6">{translate('carescore.home.cases_by_team')}</Typography>
        <Table size="small">
          <TableHead>
            <TableRow>
              <TableCell>{translate('carescore.home.team')}</TableCell>
              <TableCell align="right">{translate('carescore.home.open')}</TableCell>
              <TableCell align="right">{translate('carescore.home.overdue_column')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {(data?.teams ?? []).map((team) => (
              <TableRow key={team.teamId ?? 'none'}>
                <TableCell>{team.teamName ?? translate('carescore.home.no_team')}</TableCell>
                <TableCell align="right">{team.open}</TableCell>
                <TableCell align="right" sx={{ color: team.overdue > 0 ? 'error.main' : undefined, fontWeight: team.overdue > 0 ? 600 : undefined }}>
                  {team.overdue}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </CardContent>
    </Card>
  );
}
