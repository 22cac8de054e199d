import DownloadIcon from '@mui/icons-material/Download';
import { Tooltip } from '@mui/material';
import { useState } from 'react';
import { Button, useListContext, useLocaleState, useNotify, useTranslate } from 'react-admin';
import { downloadExport } from './api';

/** CSV and Excel exports of the filtered period (and team), headers in the reader's language. */
export function ExportButtons() {
  const { filterValues } = useListContext();
  const [locale] = useLocaleState();
  const notify = useNotify();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const period = typeof filterValues.period === 'string' ? filterValues.period : undefined;
  const teamId = typeof filterValues.teamId === 'string' ? filterValues.teamId : undefined;
  const run = async (format: 'csv' | 'xlsx') => {
    if (!period) return;
    setBusy(true);
    try {
      await downloadExport({ period, format, teamId, locale: locale.startsWith('zh') ? 'zh' : 'en' });
    } catch (error) {
      notify('carescore.scorecards.export_failed', { type: 'error', messageArgs: { message: (error as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  const buttons = (['csv', 'xlsx'] as const).map((format) => (
    <Button key={format} label={`carescore.scorecards.export_${format}`} disabled={!period || busy} onClick={() => void run(format)} data-testid={`export-${format}`}>
      <DownloadIcon />
    </Button>
  ));
  return period ? (
    <>{buttons}</>
  ) : (
    <Tooltip title={translate('carescore.scorecards.export_needs_period')}>
      <span>{buttons}</span>
    </Tooltip>
  );
}
