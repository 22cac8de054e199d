import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import { Alert, Autocomplete, Box, Button, Chip, CircularProgress, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { usePeriods } from '../../common/PeriodInput';
import type { DocumentDetail } from '../../providers/dataProvider';
import { useEditor } from './editorState';
import { apiProblem, type PreviewResult, type PreviewScorecard, previewVersion } from './editorApi';
import { evaluationLimit } from './previewLimits';
import { comparePreviews, type PreviewRow } from './previewRows';

const PERIOD_PATTERN: Record<string, RegExp> = { month: /^\d{4}-(0[1-9]|1[0-2])$/, quarter: /^\d{4}-Q[1-4]$/ };

const score = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(1));

function Delta({ value }: { value: number | null }) {
  if (value === null) return <>—</>;
  // What rounds to 0.0 is no change (and never "-0.0").
  const shown = Math.abs(value) < 0.05 ? 0 : value;
  const color = shown === 0 ? 'text.secondary' : shown > 0 ? 'success.main' : 'error.main';
  return (
    <Box component="span" sx={{ color, fontWeight: 600 }}>
      {shown > 0 ? '+' : ''}
      {shown.toFixed(1)}
    </Box>
  );
}

function Outcome({ card }: { card: PreviewScorecard | undefined }) {
  const translate = useTranslate();
  if (!card) return <>—</>;
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: 'center' }}>
      <span>{score(card.composite)}</span>
      {card.band ? <Chip size="small" label={card.band} /> : null}
      {card.zone ? <Chip size="small" color={card.zone === 'red' ? 'error' : card.zone === 'yellow' ? 'warning' : 'info'} label={translate(`carescore.scheme_editor.zones.${card.zone}`)} /> : null}
    </Stack>
  );
}

/**
 * Scores the saved draft and the published version on the same real staff (the stored facts of a
 * period), side by side, so an admin sees what a change does before publishing it.
 */
export function PreviewTab({ record }: { record: DocumentDetail }) {
  const { content, dirty } = useEditor();
  const translate = useTranslate();
  const periodKind = typeof content.period === 'string' ? content.period : 'month';
  const periods = usePeriods().filter((period) => PERIOD_PATTERN[periodKind]?.test(period) ?? true);
  const [period, setPeriod] = useState<string | null>(null);
  const [sample, setSample] = useState('20');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ message: string; issues: Array<{ path: string; message: string }> } | null>(null);
  const [result, setResult] = useState<{ draft: PreviewResult; published: PreviewResult | null } | null>(null);
  const chosen = period ?? periods[0] ?? '';
  const hasDraft = record.draftVersion !== null;
  const run = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const size = Math.max(1, Math.min(1000, Math.round(Number(sample)) || 20));
      const [draft, published] = await Promise.all([
        previewVersion(record.id, 'draft', chosen, size),
        record.publishedVersion !== null ? previewVersion(record.id, record.publishedVersion, chosen, size) : Promise.resolve(null),
      ]);
      setResult({ draft, published });
    } catch (error) {
      setResult(null);
      const failure = apiProblem(error);
      // The evaluation limits have a message of their own in the console's language.
      const limit = evaluationLimit(failure.issues);
      setProblem(limit ? { message: translate(`carescore.scheme_editor.preview.limits.${limit}`), issues: [] } : failure);
    } finally {
      setBusy(false);
    }
  };
  const rows: PreviewRow[] = result ? comparePreviews(result.draft, result.published) : [];
  const mean = (values: Array<number | null>) => {
    const present = values.filter((value): value is number => value !== null);
    return present.length === 0 ? null : present.reduce((a, b) => a + b, 0) / present.length;
  };
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate('carescore.scheme_editor.preview.intro')}
      </Typography>
      {!hasDraft ? <Alert severity="info" sx={{ mb: 2 }}>{translate('carescore.scheme_editor.preview.no_draft')}</Alert> : null}
      {dirty ? <Alert severity="warning" sx={{ mb: 2 }} data-testid="preview-unsaved">{translate('carescore.scheme_editor.preview.unsaved')}</Alert> : null}
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', mb: 2 }}>
        <Autocomplete
          freeSolo
          size="small"
          sx={{ width: 180 }}
          options={periods}
          inputValue={chosen}
          onInputChange={(_, next) => setPeriod(next)}
          renderInput={(params) => <TextField {...params} label={translate('carescore.scheme_editor.preview.period')} slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'preview-period' } }} />}
        />
        <TextField size="small" sx={{ width: 140 }} label={translate('carescore.scheme_editor.preview.sample')} value={sample} onChange={(event) => setSample(event.target.value)} slotProps={{ htmlInput: { inputMode: 'numeric' } }} />
        <Button variant="contained" startIcon={busy ? <CircularProgress size={16} /> : <PlayArrowIcon />} disabled={busy || dirty || !hasDraft || chosen === ''} onClick={run} data-testid="preview-run">
          {translate('carescore.scheme_editor.preview.run')}
        </Button>
      </Stack>
      {problem ? (
        <Alert severity="error" sx={{ mb: 2 }} data-testid="preview-error">
          {problem.message}
          {problem.issues.slice(0, 10).map((issue, index) => (
            <div key={index}>
              <code>{issue.path}</code>: {issue.message}
            </div>
          ))}
        </Alert>
      ) : null}
      {result ? (
        rows.length === 0 ? (
          <Alert severity="info" data-testid="preview-empty">{translate('carescore.scheme_editor.preview.empty', { period: chosen })}</Alert>
        ) : (
          <>
            <Typography variant="body2" sx={{ mb: 1 }} data-testid="preview-summary">
              {translate('carescore.scheme_editor.preview.summary', {
                staff: rows.length,
                draft: result.draft.scheme.version,
                draftMean: score(mean(rows.map((row) => row.draft?.composite ?? null))),
                published: result.published ? `v${result.published.scheme.version}` : '—',
                publishedMean: score(mean(rows.map((row) => row.published?.composite ?? null))),
                changed: rows.filter((row) => row.bandChanged).length,
              })}
            </Typography>
            <Table size="small" data-testid="preview-table">
              <TableHead>
                <TableRow>
                  <TableCell>{translate('carescore.scheme_editor.preview.staff')}</TableCell>
                  <TableCell>{translate('carescore.scheme_editor.preview.draft', { version: result.draft.scheme.version })}</TableCell>
                  <TableCell>{result.published ? translate('carescore.scheme_editor.preview.published', { version: result.published.scheme.version }) : translate('carescore.scheme_editor.preview.no_published')}</TableCell>
                  <TableCell>{translate('carescore.scheme_editor.preview.delta')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((row) => (
                  <TableRow key={row.staffId} data-testid={`preview-row-${row.staffId}`}>
                    <TableCell>
                      {row.staffId} {row.name ? `· ${row.name}` : ''}
                    </TableCell>
                    <TableCell data-testid="draft-score">
                      <Outcome card={row.draft} />
                    </TableCell>
                    <TableCell data-testid="published-score">
                      <Outcome card={row.published} />
                    </TableCell>
                    <TableCell>
                      <Delta value={row.delta} />
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </>
        )
      ) : null}
    </Box>
  );
}
