import SaveIcon from '@mui/icons-material/Save';
import { Alert, Box, Button, Card, CardContent, Checkbox, FormControlLabel, FormGroup, FormLabel, MenuItem, Stack, Switch, TextField, Typography } from '@mui/material';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, useNotify, useTranslate } from 'react-admin';
import { describeStartError, type StartRunError } from '../evaluations/runState';
import { PREFERENCES_QUERY_KEY } from './NotificationPreferencesPage';
import { type ChannelSettings, type ChannelSettingsUpdate, type NotificationKind, preferencesApi } from './preferencesApi';

const CHANNELS_QUERY_KEY = ['notifications', 'channels'] as const;
const ROBOT_KINDS: NotificationKind[] = ['case_stage_started', 'case_assigned', 'case_stage_due_soon', 'period_published', 'appeal_decided', 'scheduled_run_failed', 'run_failed', 'reminder', 'change_request_pending'];

/** Admins: e-mail on or off for the institution, its group robot (address, type, DingTalk secret) and what goes to the group. */
export function ChannelSettingsCard() {
  const settings = useQuery({ queryKey: CHANNELS_QUERY_KEY, queryFn: preferencesApi.channels });
  return settings.data ? <ChannelSettingsForm settings={settings.data} /> : <Loading />;
}

function ChannelSettingsForm({ settings }: { settings: ChannelSettings }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [emailEnabled, setEmailEnabled] = useState(settings.emailEnabled);
  const [webhookUrl, setWebhookUrl] = useState(settings.webhookUrl ?? '');
  const [webhookFormat, setWebhookFormat] = useState(settings.webhookFormat);
  const [webhookSecret, setWebhookSecret] = useState('');
  const [webhookKinds, setWebhookKinds] = useState<NotificationKind[]>(settings.webhookKinds);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<StartRunError | null>(null);
  const issue = (path: string) => refusal?.details.filter((detail) => detail.path === path).map((detail) => detail.message).join('; ') || undefined;
  const t = (key: string) => translate(`carescore.notification_preferences.institution.${key}`);

  const save = async () => {
    setBusy(true);
    setRefusal(null);
    const update: ChannelSettingsUpdate = { emailEnabled, webhookUrl: webhookUrl.trim() === '' ? null : webhookUrl.trim(), webhookFormat, webhookKinds };
    if (webhookSecret.trim() !== '') update.webhookSecret = webhookSecret.trim();
    try {
      const saved = await preferencesApi.saveChannels(update);
      queryClient.setQueryData(CHANNELS_QUERY_KEY, saved);
      await queryClient.invalidateQueries({ queryKey: PREFERENCES_QUERY_KEY });
      setWebhookSecret('');
      setWebhookUrl(saved.webhookUrl ?? '');
      notify('carescore.notification_preferences.institution.saved', { type: 'success' });
    } catch (error) {
      setRefusal(describeStartError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card data-testid="channel-settings">
      <CardContent>
        <Stack spacing={2}>
          <Typography variant="h6">{t('title')}</Typography>
          {refusal && <Alert severity="error">{refusal.message}</Alert>}
          <FormControlLabel control={<Switch checked={emailEnabled} onChange={(event) => setEmailEnabled(event.target.checked)} />} label={t('email_enabled')} />
          {!settings.emailConfigured && <Alert severity="info">{t('email_not_configured')}</Alert>}
          <TextField
            label={t('webhook_url')}
            value={webhookUrl}
            onChange={(event) => setWebhookUrl(event.target.value)}
            error={Boolean(issue('webhookUrl'))}
            helperText={issue('webhookUrl') ?? t('webhook_url_help')}
            slotProps={{ htmlInput: { 'data-testid': 'channel-webhook-url' } }}
          />
          <TextField select label={t('webhook_format')} value={webhookFormat} onChange={(event) => setWebhookFormat(event.target.value as ChannelSettings['webhookFormat'])} sx={{ maxWidth: 280 }}>
            {(['wecom', 'dingtalk', 'json'] as const).map((format) => (
              <MenuItem key={format} value={format}>
                {t(`formats.${format}`)}
              </MenuItem>
            ))}
          </TextField>
          {webhookFormat === 'dingtalk' && (
            <TextField
              type="password"
              label={t('webhook_secret')}
              value={webhookSecret}
              onChange={(event) => setWebhookSecret(event.target.value)}
              error={Boolean(issue('webhookSecret'))}
              helperText={issue('webhookSecret') ?? (settings.webhookSecretSet ? t('webhook_secret_set') : undefined)}
              autoComplete="off"
            />
          )}
          <Box>
            <FormLabel>{t('webhook_kinds')}</FormLabel>
            <FormGroup row>
              {ROBOT_KINDS.map((kind) => (
                <FormControlLabel
                  key={kind}
                  control={<Checkbox size="small" checked={webhookKinds.includes(kind)} onChange={(event) => setWebhookKinds(event.target.checked ? [...webhookKinds, kind] : webhookKinds.filter((other) => other !== kind))} />}
                  label={translate(`carescore.notification_preferences.kinds.${kind}`)}
                />
              ))}
            </FormGroup>
          </Box>
          <Box>
            <Button variant="contained" startIcon={<SaveIcon />} disabled={busy} onClick={() => void save()} data-testid="channel-save">
              {t('save')}
            </Button>
          </Box>
        </Stack>
      </CardContent>
    </Card>
  );
}
