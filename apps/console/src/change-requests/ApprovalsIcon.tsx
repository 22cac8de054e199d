import FactCheckIcon from '@mui/icons-material/FactCheck';
import { Badge } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { changeRequestsApi, PENDING_POLL_MS } from './changeRequestsApi';

/** The menu's icon of 待审批, with a badge (none at 0, so the menu's label stays the label): the pending requests the signed-in user may decide (polled while the tab is visible). */
export function ApprovalsIcon() {
  const actionable = useQuery({ queryKey: ['change-requests', 'actionable'], queryFn: changeRequestsApi.actionable, refetchInterval: PENDING_POLL_MS, refetchIntervalInBackground: false });
  const count = actionable.data?.length ?? 0;
  return (
    <Badge badgeContent={count > 0 ? count : null} color="error" max={99} data-testid="approvals-badge" data-count={count}>
      <FactCheckIcon />
    </Badge>
  );
}
