import PictureAsPdfIcon from '@mui/icons-material/PictureAsPdf';
import { useState } from 'react';
import { Button, useNotify } from 'react-admin';
import { downloadReport } from './api';

/** "Download PDF report": a staff member's scorecard, or a team's period. Fetched with the bearer token, saved as a file. */
export function ReportButton({ report, variant = 'outlined' }: { report: { scorecardId: string } | { teamId: string; period: string }; variant?: 'text' | 'outlined' | 'contained' }) {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      await downloadReport(report);
    } catch (error) {
      notify('carescore.scorecards.report_failed', { type: 'error', messageArgs: { message: (error as Error).message } });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button label="carescore.scorecards.report_pdf" variant={variant} disabled={busy} onClick={() => void run()} data-testid="report-pdf">
      <PictureAsPdfIcon />
    </Button>
  );
}
