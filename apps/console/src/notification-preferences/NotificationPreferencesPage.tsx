import { Box, Card, CardContent, Checkbox, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Loading, Title, usePermissions, useNotify, useTranslate } from 'react-admin';
import { ChannelSettingsCard } from './ChannelSettingsCard';
import { DeliveriesCard } from './DeliveriesCard';
import { type Channel, type Mute, type NotificationKind, type Preferences, preferencesApi } from './preferencesApi';

export const PREFERENCES_QUERY_KEY = ['notifications', 'preferences'] as const;

/**
 * Each user's notification settings: one row per kind of notification, one column per channel; the in-app copy is
 * always on. Admins also set the institution's channels and see the latest deliveries.
 */
export function NotificationPreferencesPage() {
  const translate = useTranslate();
  const { permissions: role } = usePermissions<string>();
  const preferences = useQuery({ queryKey: PREFERENCES_QUERY_KEY, queryFn: preferencesApi.preferences });
  return (
    <Box sx={{ mt: 2, maxWidth: 900 }}>
      <Title title={translate('carescore.notification_preferences.title')} />
      <Stack spacing={2}>
        {preferences.data ? <PreferencesCard preferences={preferences.data} /> : <Loading />}
        {role === 'admin' && (
          <>
            <ChannelSettingsCard />
            <DeliveriesCard />
          </>
        )}
      </Stack>
    </Box>
  );
}

function PreferencesCard({ preferences }: { preferences: Preferences }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const save = useMutation({
    mutationFn: preferencesApi.savePreferences,
    onSuccess: (saved) => {
      queryClient.setQueryData(PREFERENCES_QUERY_KEY, saved);
      notify('carescore.notification_preferences.saved', { type: 'success' });
    },
    onError: (error: Error) => notify(error.message, { type: 'error' }),
  });
  const muted = (kind: NotificationKind, channel: Channel) => preferences.mutes.some((mute) => mute.kind === kind && mute.channel === channel);
  const toggle = (kind: NotificationKind, channel: Channel) => {
    const mutes: Mute[] = muted(kind, channel) ? preferences.mutes.filter((mute) => !(mute.kind === kind && mute.channel === channel)) : [...preferences.mutes, { kind, channel }];
    save.mutate(mutes);
  };
  return (
    <Card>
      <CardContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('carescore.notification_preferences.intro')}
        </Typography>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small" data-testid="notification-preferences">
            <TableHead>
              <TableRow>
                <TableCell>{translate('carescore.notification_preferences.kind')}</TableCell>
                <TableCell align="center">{translate('carescore.notification_preferences.in_app')}</TableCell>
                {preferences.channels.map(({ channel, available }) => (
                  <TableCell key={channel} align="center">
                    {translate(`carescore.notification_preferences.channels.${channel}`)}
                    {!available && (
                      <Typography variant="caption" component="div" color="text.secondary">
                        {translate('carescore.notification_preferences.unavailable')}
                      </Typography>
                    )}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {preferences.kinds.map((kind) => (
                <TableRow key={kind}>
                  <TableCell>{translate(`carescore.notification_preferences.kinds.${kind}`)}</TableCell>
                  <TableCell align="center">
                    <Checkbox size="small" checked disabled />
                  </TableCell>
                  {preferences.channels.map(({ channel, available, kinds }) => (
                    <TableCell key={channel} align="center">
                      <Checkbox
                        size="small"
                        checked={available && kinds.includes(kind) && !muted(kind, channel)}
                        disabled={!available || !kinds.includes(kind) || save.isPending}
                        onChange={() => toggle(kind, channel)}
                        slotProps={{ input: { 'aria-label': `${kind} ${channel}`, ...({ 'data-testid': `pref-${kind}-${channel}` } as object) } }}
                      />
                    </TableCell>
                  ))}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </CardContent>
    </Card>
  );
}
