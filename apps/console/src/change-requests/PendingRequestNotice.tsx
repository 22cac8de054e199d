import { Alert, Button } from '@mui/material';
import { useCanAccess, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { type ChangeRequest, usePendingRequests } from './changeRequestsApi';

/**
 * On a document's, binding's or experiment's page: the change waiting for approval, if any, with a link to it.
 * Only admins and quality officers read requests; for other roles nothing is shown.
 */
export function PendingRequestNotice({ targetType, targetId }: { targetType: ChangeRequest['target']['type']; targetId: string | undefined }) {
  const translate = useTranslate();
  const { canAccess } = useCanAccess({ resource: 'change-requests', action: 'list' });
  const { data } = usePendingRequests(targetType, targetId, canAccess === true);
  if (!data || data.length === 0) return null;
  return (
    <>
      {data.map((request) => (
        <Alert
          key={request.id}
          severity="warning"
          sx={{ mb: 1 }}
          data-testid="pending-change-request"
          action={
            <Button component={Link} to={`/change-requests/${request.id}/show`} size="small" color="inherit">
              {translate('carescore.change_requests.open')}
            </Button>
          }
        >
          {translate('carescore.change_requests.pending_here', { description: request.description, name: request.requestedBy.name })}
        </Alert>
      ))}
    </>
  );
}
