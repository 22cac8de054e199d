import UploadFileIcon from '@mui/icons-material/UploadFile';
import { Alert, AlertTitle, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useRef, useState } from 'react';
import { Button, Confirm, HttpError, Title, useDataProvider, useNotify, useRequireAccess, useTranslate } from 'react-admin';
import { IssueTable } from '../common/IssueTable';
import type { CareScoreDataProvider, ImportResult } from '../providers/dataProvider';
import { type ApiIssue, isApiErrorBody } from '../providers/httpClient';

interface Report {
  message: string;
  issues: ApiIssue[];
}

const ACCEPT = '.csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Uploads a CSV/XLSX to `POST /api/facts/import`. The API stores nothing unless every row is valid
 * and answers 422 with each problem as `rows[<row>].<column>`: that report is shown here, and only
 * then may the user choose to store the valid rows (`?partial=true`).
 */
export function FactImport() {
  const { isPending } = useRequireAccess({ resource: 'facts', action: 'import' });
  const dataProvider = useDataProvider<CareScoreDataProvider>();
  const translate = useTranslate();
  const notify = useNotify();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const [confirming, setConfirming] = useState(false);

  if (isPending) return null;

  const upload = async (partial: boolean) => {
    if (!file) return;
    setBusy(true);
    setResult(null);
    try {
      setResult(await dataProvider.importFacts(file, { partial }));
      setReport(null);
    } catch (error) {
      if (error instanceof HttpError && isApiErrorBody(error.body) && (error.body.details?.length ?? 0) > 0) {
        setReport({ message: error.body.message, issues: error.body.details ?? [] });
      } else {
        notify(error instanceof Error ? error.message : 'ra.notification.http_error', { type: 'error' });
      }
    } finally {
      setBusy(false);
    }
  };

  const hasRowIssues = report?.issues.some((issue) => /^rows\[\d+\]\./.test(issue.path)) ?? false;

  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('carescore.facts.import')} />
      <Card>
        <CardContent>
          <Typography variant="body2" sx={{ mb: 2, maxWidth: 820 }}>
            {translate('carescore.facts.import_intro')}
          </Typography>
          <Stack direction="row" spacing={2} sx={{ alignItems: 'center' }}>
            <input
              ref={input}
              type="file"
              accept={ACCEPT}
              hidden
              data-testid="facts-file"
              onChange={(event) => {
                setFile(event.target.files?.[0] ?? null);
                setReport(null);
                setResult(null);
              }}
            />
            <Button label="carescore.facts.choose_file" variant="outlined" onClick={() => input.current?.click()}>
              <UploadFileIcon />
            </Button>
            <Typography variant="body2" color="text.secondary" data-testid="facts-file-name">
              {file ? file.name : translate('carescore.facts.no_file')}
            </Typography>
            <Button label="carescore.facts.upload" variant="contained" disabled={!file || busy} onClick={() => void upload(false)} />
          </Stack>
        </CardContent>
      </Card>

      {result ? (
        <Alert severity={result.rejected > 0 ? 'warning' : 'success'} sx={{ mt: 2 }} data-testid="import-result">
          {translate('carescore.facts.saved', { ...result })}
          {result.errors.length > 0 ? (
            <Box sx={{ mt: 1 }}>
              <AlertTitle>{translate('carescore.facts.partial_report_title', { smart_count: result.errors.length })}</AlertTitle>
              <IssueTable issues={result.errors} />
            </Box>
          ) : null}
        </Alert>
      ) : null}

      {report ? (
        <Card sx={{ mt: 2 }} data-testid="import-report">
          <CardContent>
            <Alert severity="error" sx={{ mb: 2 }}>
              <AlertTitle>{translate('carescore.facts.report_title', { smart_count: report.issues.length })}</AlertTitle>
              {hasRowIssues ? translate('carescore.facts.numbering') : report.message}
            </Alert>
            <IssueTable issues={report.issues} />
            {hasRowIssues ? (
              <Box sx={{ mt: 2 }}>
                <Button label="carescore.facts.store_valid" color="warning" variant="outlined" disabled={busy} onClick={() => setConfirming(true)} />
              </Box>
            ) : null}
          </CardContent>
        </Card>
      ) : null}

      <Confirm
        isOpen={confirming}
        title="carescore.facts.store_valid_title"
        content="carescore.facts.store_valid_content"
        onConfirm={() => {
          setConfirming(false);
          void upload(true);
        }}
        onClose={() => setConfirming(false)}
      />
    </Box>
  );
}
