import SaveIcon from '@mui/icons-material/Save';
import { Alert, Autocomplete, Box, Button, Card, CardContent, FormControlLabel, FormHelperText, Stack, Switch, TextField, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, Title, useNotify, useTranslate } from 'react-admin';
import { describeStartError, type StartRunError } from '../evaluations/runState';
import { INSTITUTION_QUERY_KEY, institutionApi, type InstitutionSettings, useInstitution } from './institutionApi';
import { COMMON_TIME_ZONES } from './timeZones';

/** Admins set the institution's time zone and appeal window (`PUT /api/institution`); the API validates the zone. */
export function InstitutionSettingsPage() {
  const institution = useInstitution();
  return institution ? <SettingsForm institution={institution} /> : <Loading />;
}

function SettingsForm({ institution }: { institution: InstitutionSettings }) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [timeZone, setTimeZone] = useState(institution.timeZone);
  const [appealDays, setAppealDays] = useState(String(institution.appealDays));
  const [approvals, setApprovals] = useState(institution.approvals);
  const [busy, setBusy] = useState(false);
  const [refusal, setRefusal] = useState<StartRunError | null>(null);
  const issue = (path: string) => refusal?.details.filter((detail) => detail.path === path).map((detail) => detail.message).join('; ') || undefined;
  const save = async () => {
    setBusy(true);
    setRefusal(null);
    try {
      const saved = await institutionApi.update({ timeZone: timeZone.trim(), appealDays: Number(appealDays), approvals });
      queryClient.setQueryData(INSTITUTION_QUERY_KEY, saved);
      notify('carescore.institution.saved', { type: 'success' });
    } catch (error) {
      setRefusal(describeStartError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box sx={{ mt: 2, maxWidth: 720 }}>
      <Title title={translate('carescore.institution.title')} />
      <Card>
        <CardContent>
          <Stack spacing={2.5}>
            <Typography variant="body2" color="text.secondary">
              {translate('carescore.institution.intro')}
            </Typography>
            <TextField label={translate('carescore.institution.name')} value={institution.name} disabled />
            {refusal && (
              <Alert severity="error" data-testid="institution-error">
                {translate('carescore.institution.refused', { status: refusal.status ?? '—' })}: {refusal.message}
              </Alert>
            )}
            <Autocomplete
              freeSolo
              options={[...COMMON_TIME_ZONES]}
              inputValue={timeZone}
              onInputChange={(_event, value) => setTimeZone(value)}
              renderInput={(params) => (
                <TextField
                  {...params}
                  label={translate('carescore.institution.time_zone')}
                  error={Boolean(issue('timeZone'))}
                  helperText={issue('timeZone') ?? translate('carescore.institution.time_zone_help')}
                  slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, 'data-testid': 'institution-time-zone' } }}
                />
              )}
            />
            <TextField
              type="number"
              label={translate('carescore.institution.appeal_days')}
              value={appealDays}
              onChange={(event) => setAppealDays(event.target.value)}
              error={Boolean(issue('appealDays'))}
              helperText={issue('appealDays') ?? translate('carescore.institution.appeal_days_help')}
              slotProps={{ htmlInput: { min: 1, max: 60, 'data-testid': 'institution-appeal-days' } }}
            />
            <Box>
              <FormControlLabel
                control={<Switch checked={approvals} onChange={(event) => setApprovals(event.target.checked)} slotProps={{ input: { 'data-testid': 'institution-approvals' } as Record<string, string> }} />}
                label={translate('carescore.institution.approvals')}
              />
              <FormHelperText>{translate('carescore.institution.approvals_help')}</FormHelperText>
            </Box>
            <Box>
              <Button variant="contained" startIcon={<SaveIcon />} disabled={busy} onClick={() => void save()} data-testid="institution-save">
                {translate('carescore.institution.save')}
              </Button>
            </Box>
          </Stack>
        </CardContent>
      </Card>
    </Box>
  );
}
