import AssignmentLateIcon from '@mui/icons-material/AssignmentLate';
import { Badge } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Menu, useResourceDefinitions } from 'react-admin';
import { casesApi } from '../cases/casesApi';

/** How often the menu's count of cases waiting on the user is refreshed. */
const COUNTS_POLL_MS = 60_000;

/** The cases item with the number of cases waiting on the signed-in user (red when one of them is overdue). */
function CasesMenuItem() {
  const counts = useQuery({ queryKey: ['cases', 'inbox', 'counts'], queryFn: casesApi.inboxCounts, refetchInterval: COUNTS_POLL_MS, refetchIntervalInBackground: false });
  const mine = counts.data?.mine ?? 0;
  return (
    <Menu.ResourceItem
      name="cases"
      leftIcon={
        // No badge at 0: the item's label stays its label.
        mine === 0 ? (
          <AssignmentLateIcon />
        ) : (
          <Badge badgeContent={mine} color={counts.data && counts.data.overdue > 0 ? 'error' : 'primary'} max={99} data-testid="cases-badge" data-count={mine}>
            <AssignmentLateIcon />
          </Badge>
        )
      }
    />
  );
}

/** react-admin's menu (the resources the role may list), with the cases item carrying its badge. */
export function AppMenu() {
  const resources = useResourceDefinitions();
  return (
    <Menu>
      <Menu.DashboardItem />
      {Object.values(resources)
        .filter((resource) => resource.hasList)
        .map((resource) => (resource.name === 'cases' ? <CasesMenuItem key={resource.name} /> : <Menu.ResourceItem key={resource.name} name={resource.name} />))}
    </Menu>
  );
}
