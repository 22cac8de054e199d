import { Box, Card, CardContent, Chip, type ChipProps, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useLocaleState, useTranslate } from 'react-admin';
import { type Delivery, preferencesApi } from './preferencesApi';

const LATEST = 50;
const STATUS_COLOR: Record<Delivery['status'], ChipProps['color']> = { queued: 'warning', sent: 'success', failed: 'error', skipped: 'default' };

/** Admins: the institution's latest deliveries by e-mail and group robot, with their status and why one failed or was skipped. */
export function DeliveriesCard() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const deliveries = useQuery({ queryKey: ['notifications', 'deliveries', locale], queryFn: () => preferencesApi.deliveries(LATEST), refetchInterval: 15_000 });
  const t = (key: string, options?: Record<string, unknown>) => translate(`carescore.notification_preferences.deliveries.${key}`, options);
  const reason = (delivery: Delivery) => (delivery.reason === null ? '' : delivery.reason in REASONS ? t(`reasons.${delivery.reason}`) : delivery.reason);
  return (
    <Card>
      <CardContent>
        <Typography variant="h6">{t('title')}</Typography>
        {deliveries.data?.length === 0 ? (
          <Typography color="text.secondary">{t('empty')}</Typography>
        ) : (
          <Box sx={{ overflowX: 'auto' }}>
            <Table size="small" data-testid="deliveries">
              <TableHead>
                <TableRow>
                  <TableCell>{t('recipient')}</TableCell>
                  <TableCell>{translate('carescore.notification_preferences.kind')}</TableCell>
                  <TableCell>{t('status')}</TableCell>
                  <TableCell align="right">{t('attempts')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {(deliveries.data ?? []).map((delivery) => (
                  <TableRow key={delivery.id} data-testid="delivery-row" data-status={delivery.status}>
                    <TableCell>
                      {delivery.recipient.name}
                      <Typography variant="caption" component="div" color="text.secondary">
                        {translate(`carescore.notification_preferences.channels.${delivery.channel}`)} · {new Date(delivery.createdAt).toLocaleString(locale)}
                      </Typography>
                    </TableCell>
                    <TableCell>{delivery.title}</TableCell>
                    <TableCell>
                      <Chip size="small" color={STATUS_COLOR[delivery.status]} label={t(`statuses.${delivery.status}`)} />
                      {delivery.reason && (
                        <Typography variant="caption" component="div" color={delivery.status === 'failed' ? 'error' : 'text.secondary'}>
                          {reason(delivery)}
                        </Typography>
                      )}
                    </TableCell>
                    <TableCell align="right">{delivery.attempts}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </Box>
        )}
      </CardContent>
    </Card>
  );
}

const REASONS = { no_address: true, channel_off: true };
