import NotificationsIcon from '@mui/icons-material/Notifications';
import { Badge, Box, Button, Divider, IconButton, List, ListItemButton, ListItemText, Popover, Tooltip, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { useNavigate } from 'react-router-dom';
import { NOTIFICATION_PREFERENCES_PATH } from '../notification-preferences';
import { type InboxItem, inboxApi, targetPath } from './inboxApi';

/** How often the unread count is asked for while the tab is visible. */
export const UNREAD_POLL_MS = 30_000;
const LATEST = 10;

/**
 * The bell in the app bar: the signed-in user's unread count (polled every 30 s with react-query, which pauses
 * the interval while the tab is hidden), and a popover with the latest items in the console's language. Clicking
 * an item marks it read and opens what it is about.
 */
export function NotificationBell() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const unread = useQuery({ queryKey: ['inbox', 'unread'], queryFn: inboxApi.unreadCount, refetchInterval: UNREAD_POLL_MS, refetchIntervalInBackground: false });
  const latest = useQuery({ queryKey: ['inbox', 'latest', locale], queryFn: () => inboxApi.latest(LATEST), enabled: anchor !== null });
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['inbox'] });
  const markRead = useMutation({ mutationFn: inboxApi.markRead, onSettled: refresh });
  const markAll = useMutation({ mutationFn: inboxApi.markAllRead, onSettled: refresh });
  const count = unread.data?.unread ?? 0;
  const label = translate('carescore.bell.title');

  const open = (item: InboxItem) => {
    setAnchor(null);
    if (item.readAt === null) markRead.mutate(item.id);
    navigate(targetPath(item.target));
  };

  return (
    <>
      <Tooltip title={count > 0 ? translate('carescore.bell.unread', { smart_count: count }) : label}>
        <IconButton color="inherit" aria-label={label} data-testid="inbox-bell" onClick={(event) => setAnchor(event.currentTarget)}>
          <Badge badgeContent={count} color="error" max={99} data-testid="inbox-badge" data-count={count}>
            <NotificationsIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover open={anchor !== null} anchorEl={anchor} onClose={() => setAnchor(null)} anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }} transformOrigin={{ vertical: 'top', horizontal: 'right' }}>
        <Box sx={{ width: 360, maxWidth: '100vw' }} data-testid="inbox-popover">
          <Box sx={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', px: 2, py: 1 }}>
            <Typography variant="subtitle1">{label}</Typography>
            <Box>
              <Button
                size="small"
                onClick={() => {
                  setAnchor(null);
                  navigate(NOTIFICATION_PREFERENCES_PATH);
                }}
                data-testid="inbox-settings"
              >
                {translate('carescore.notification_preferences.menu')}
              </Button>
              <Button size="small" disabled={count === 0 || markAll.isPending} onClick={() => markAll.mutate()} data-testid="inbox-mark-all">
                {translate('carescore.bell.markAllRead')}
              </Button>
            </Box>
          </Box>
          <Divider />
          {latest.isError ? (
            <Typography sx={{ p: 2 }} color="error">
              {translate('carescore.bell.failed')}
            </Typography>
          ) : latest.data && latest.data.length === 0 ? (
            <Typography sx={{ p: 2 }} color="text.secondary">
              {translate('carescore.bell.empty')}
            </Typography>
          ) : (
            <List dense disablePadding sx={{ maxHeight: 420, overflowY: 'auto' }}>
              {(latest.data ?? []).map((item) => (
                <ListItemButton key={item.id} onClick={() => open(item)} data-testid="inbox-item" data-read={item.readAt !== null} sx={{ alignItems: 'flex-start', bgcolor: item.readAt === null ? 'action.hover' : undefined }}>
                  <ListItemText
                    primary={item.title}
                    secondary={
                      <>
                        {item.body}
                        <br />
                        {new Date(item.createdAt).toLocaleString(locale)}
                      </>
                    }
                    slotProps={{ primary: { sx: { fontWeight: item.readAt === null ? 600 : 400 } } }}
                  />
                </ListItemButton>
              ))}
            </List>
          )}
        </Box>
      </Popover>
    </>
  );
}
