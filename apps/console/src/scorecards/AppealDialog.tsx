import { Alert, Button, Checkbox, Dialog, DialogActions, DialogContent, DialogTitle, FormControlLabel, FormGroup, FormHelperText, TextField, Typography } from '@mui/material';
import { useState } from 'react';
import { HttpError, useTranslate } from 'react-admin';
import { useLocalized } from '../common/localized';
import { periodsApi } from '../periods/periodsApi';
import { isApiErrorBody } from '../providers/httpClient';
import type { ScorecardDetail } from './types';

/** The API's rule for a reason (apps/api/src/modules/appeals/appeals.dto.ts). */
const REASON_MIN = 5;
const REASON_MAX = 2000;

/**
 * 申诉: the staff member (or their manager on their behalf) names the indicators they contest and
 * why; `POST /api/appeals`. A refusal stays in the dialog in the API's words.
 */
export function AppealDialog({ scorecard, open, onClose, onFiled, onBehalf }: { scorecard: ScorecardDetail; open: boolean; onClose: () => void; onFiled: () => void; onBehalf: boolean }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const [chosen, setChosen] = useState<string[]>([]);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const indicators = scorecard.explanation.indicators;
  const text = (key: string, args?: Record<string, unknown>) => translate(`carescore.appeal.${key}`, args);
  const reasonShort = reason.trim().length < REASON_MIN;
  const toggle = (id: string) => setChosen((current) => (current.includes(id) ? current.filter((item) => item !== id) : [...current, id]));

  const submit = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await periodsApi.appeal({ scorecardId: scorecard.id, indicators: chosen, reason: reason.trim() });
      setChosen([]);
      setReason('');
      onFiled();
    } catch (error) {
      const body = error instanceof HttpError && isApiErrorBody(error.body) ? error.body : null;
      setProblem(body?.message ?? (error instanceof Error ? error.message : String(error)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open={open} onClose={busy ? undefined : onClose} fullWidth maxWidth="sm" data-testid="appeal-dialog">
      <DialogTitle>{text(onBehalf ? 'title_on_behalf' : 'title', { period: scorecard.period, staff: `${scorecard.staffCode} ${scorecard.staffName}` })}</DialogTitle>
      <DialogContent>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {text('explain')}
        </Typography>
        <Typography variant="subtitle2">{text('indicators')}</Typography>
        <FormGroup data-testid="appeal-indicators">
          {indicators.map((indicator) => (
            <FormControlLabel
              key={indicator.id}
              control={<Checkbox size="small" checked={chosen.includes(indicator.id)} onChange={() => toggle(indicator.id)} data-testid={`appeal-indicator-${indicator.id}`} />}
              label={localized(indicator.name, indicator.id)}
            />
          ))}
        </FormGroup>
        {chosen.length === 0 && <FormHelperText>{text('choose_one')}</FormHelperText>}
        <TextField
          label={text('reason')}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          multiline
          minRows={3}
          fullWidth
          margin="normal"
          slotProps={{ htmlInput: { maxLength: REASON_MAX, 'data-testid': 'appeal-reason' } }}
          helperText={text('reason_help', { min: REASON_MIN, max: REASON_MAX })}
        />
        {problem && (
          <Alert severity="error" data-testid="appeal-problem">
            {problem}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose} disabled={busy}>
          {translate('ra.action.cancel')}
        </Button>
        <Button variant="contained" color="warning" onClick={() => void submit()} disabled={busy || chosen.length === 0 || reasonShort} data-testid="appeal-submit">
          {text('submit')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
