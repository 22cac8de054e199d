import AddIcon from '@mui/icons-material/Add';
import { Box, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableContainer, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Button, Title, useCanAccess, useGetList, useRequireAccess, useTranslate } from 'react-admin';
import { changeRequestsApi } from '../change-requests/changeRequestsApi';
import { PERIOD_PATTERN } from '../common/choices';
import { useTeamName } from '../common/localized';
import type { BindingRecord } from '../providers/dataProvider';
import { type BindingCell, BindingDialog } from './BindingDialog';
import { sortPeriods } from './periods';

interface Team {
  id: string;
  name: string;
  nameEn: string | null;
}

const WHOLE = '';

/**
 * Period bindings as a calendar: a row per period, a column for the whole institution and one per
 * team; each cell shows the scheme version (key@version) that scores it. Admins click a cell to
 * bind, rebind or unbind, and may add a period row.
 */
export function BindingCalendar() {
  const { isPending: checking } = useRequireAccess({ resource: 'bindings', action: 'list' });
  const translate = useTranslate();
  const teamName = useTeamName();
  const { canAccess: canWrite } = useCanAccess({ resource: 'bindings', action: 'edit' });
  const { data: bindings, isPending } = useGetList<BindingRecord>('bindings', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'period', order: 'ASC' } });
  const { data: teams } = useGetList<Team & { id: string }>('teams', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'name', order: 'ASC' } });
  const [extraPeriods, setExtraPeriods] = useState<string[]>([]);
  const [newPeriod, setNewPeriod] = useState('');
  const [editing, setEditing] = useState<BindingCell | null>(null);
  const { canAccess: canSeeRequests } = useCanAccess({ resource: 'change-requests', action: 'list' });
  const requests = useQuery({ queryKey: ['change-requests', 'pending', 'binding'], queryFn: () => changeRequestsApi.pendingOf('binding'), enabled: canSeeRequests === true });
  if (checking) return null;
  const pendingByTarget = new Map((requests.data ?? []).map((request) => [request.target.id, request]));

  const byCell = new Map((bindings ?? []).map((binding) => [`${binding.period}|${binding.teamId ?? WHOLE}`, binding]));
  const periods = sortPeriods([...(bindings ?? []).map((binding) => binding.period), ...extraPeriods]);
  const columns: Array<{ teamId: string | null; label: string }> = [
    { teamId: null, label: translate('carescore.bindings.whole_institution') },
    ...(teams ?? []).map((team) => ({ teamId: team.id, label: teamName(team) })),
  ];
  const periodValid = PERIOD_PATTERN.test(newPeriod);

  const cell = (period: string, column: { teamId: string | null; label: string }) => {
    const binding = byCell.get(`${period}|${column.teamId ?? WHOLE}`);
    const inherited = column.teamId !== null && !binding ? byCell.get(`${period}|${WHOLE}`) : undefined;
    const open = () => setEditing({ period, teamId: column.teamId, teamLabel: column.label, binding });
    // A bind, rebind or unbind of this cell waiting for approval (a new binding's request is keyed by period and scope).
    const pending = pendingByTarget.get(binding?.id ?? '') ?? pendingByTarget.get(`${period}:${column.teamId ?? '*'}`);
    return (
      <TableCell
        key={column.teamId ?? 'whole'}
        data-testid={`cell-${period}-${column.teamId ?? 'whole'}`}
        onClick={canWrite ? open : undefined}
        sx={{ cursor: canWrite ? 'pointer' : 'default', '&:hover': canWrite ? { bgcolor: 'action.hover' } : undefined, borderLeft: 1, borderColor: 'divider' }}
      >
        {binding ? (
          <Chip
            size="small"
            color={binding.versionStatus === 'retired' ? 'warning' : column.teamId === null ? 'primary' : 'secondary'}
            label={`${binding.documentKey}@v${binding.version}${binding.versionStatus === 'retired' ? ` · ${translate('carescore.bindings.retired_version')}` : ''}`}
          />
        ) : inherited ? (
          <Typography variant="caption" color="text.secondary" title={translate('carescore.bindings.inherits')}>
            ↳ {inherited.documentKey}@v{inherited.version}
          </Typography>
        ) : (
          <Typography variant="caption" color="text.disabled">
            {translate('carescore.bindings.not_bound')}
          </Typography>
        )}
        {pending ? <Chip size="small" color="warning" variant="outlined" sx={{ ml: 0.5 }} label={translate('carescore.change_requests.pending_chip')} title={pending.description} data-testid="cell-pending" /> : null}
      </TableCell>
    );
  };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('resources.bindings.name', { smart_count: 2 })} />
      <Card>
        <CardContent>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate('carescore.bindings.intro')}
          </Typography>
          {canWrite ? (
            <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'flex-start' }}>
              <TextField
                size="small"
                label={translate('carescore.bindings.period')}
                value={newPeriod}
                onChange={(event) => setNewPeriod(event.target.value.trim())}
                error={newPeriod !== '' && !periodValid}
                helperText={translate('carescore.bindings.period_hint')}
                slotProps={{ htmlInput: { 'data-testid': 'new-period' } }}
                sx={{ width: 220 }}
              />
              <Button
                label="carescore.bindings.add_period"
                variant="outlined"
                disabled={!periodValid}
                onClick={() => {
                  setExtraPeriods((current) => [...current, newPeriod]);
                  setNewPeriod('');
                }}
                sx={{ mt: 0.5, whiteSpace: 'nowrap' }}
              >
                <AddIcon />
              </Button>
            </Stack>
          ) : null}
          {!isPending && periods.length === 0 ? <Typography>{translate('carescore.bindings.empty')}</Typography> : null}
          {periods.length > 0 ? (
            <TableContainer>
              <Table size="small" data-testid="bindings-calendar">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('carescore.bindings.period')}</TableCell>
                    {columns.map((column) => (
                      <TableCell key={column.teamId ?? 'whole'} sx={{ borderLeft: 1, borderColor: 'divider', fontWeight: 600 }}>
                        {column.label}
                      </TableCell>
                    ))}
                  </TableRow>
                </TableHead>
                <TableBody>
                  {periods.map((period) => (
                    <TableRow key={period} data-testid={`period-${period}`}>
                      <TableCell sx={{ fontWeight: 600, whiteSpace: 'nowrap' }}>{period}</TableCell>
                      {columns.map((column) => cell(period, column))}
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableContainer>
          ) : null}
        </CardContent>
      </Card>
      {editing ? <BindingDialog cell={editing} onClose={() => setEditing(null)} /> : null}
    </Box>
  );
}
