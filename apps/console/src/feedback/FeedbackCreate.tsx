import { Alert, Box, Button as MuiButton, Card, CardContent, Grid, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteInput,
  DateTimeInput,
  Form,
  HttpError,
  NumberInput,
  SaveButton,
  SelectInput,
  TextInput,
  Title,
  useGetList,
  useNotify,
  useTranslate,
} from 'react-admin';
import { Link } from 'react-router-dom';
import { API_URL, httpClient, isApiErrorBody } from '../providers/httpClient';
import { feedbackFieldErrors, type FeedbackFormValues, feedbackPayload, LIKERT_DIMENSIONS } from './feedbackForm';

interface IngestResult {
  received: number;
  created: number;
  duplicates: number;
  casesOpened: number;
  items: Array<{ responseId: string; feedbackId: string; status: 'created' | 'duplicate'; cases: Array<{ id: string; workflowKey: string }> }>;
}

interface StaffOption {
  id: string;
  code: string;
  name: string;
}

const likertChoices = [1, 2, 3, 4, 5].map((value) => ({ id: value, name: String(value) }));

const newResponseId = () => `console-${new Date().toISOString().replace(/[-:TZ.]/g, '').slice(0, 14)}-${Math.floor(Math.random() * 1000)}`;

/**
 * Records one survey response (a quality officer or admin typing in a complaint, for instance).
 * The API checks it against the published workflows' triggers and opens the matching cases.
 */
export function FeedbackCreate() {
  const translate = useTranslate();
  const notify = useNotify();
  const [result, setResult] = useState<IngestResult | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  // The API takes the staff code; a plain list of choices (no reference lookups by id) keeps the code as the value.
  const { data: staff } = useGetList<StaffOption>('staff', { pagination: { page: 1, perPage: 1000 }, sort: { field: 'code', order: 'ASC' }, filter: { active: true } });

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    try {
      const { json } = await httpClient(`${API_URL}/feedback`, {
        method: 'POST',
        body: JSON.stringify(feedbackPayload(values as FeedbackFormValues)),
        headers: new Headers({ Accept: 'application/json', 'Content-Type': 'application/json' }),
      });
      const ingested = json as IngestResult;
      setResult(ingested);
      const duplicate = ingested.items[0]?.status === 'duplicate';
      notify(duplicate ? 'carescore.feedback.duplicate' : 'carescore.feedback.received', { type: duplicate ? 'warning' : 'success', messageArgs: { count: ingested.casesOpened } });
      setFormKey((key) => key + 1);
      return undefined;
    } catch (error) {
      const body = error instanceof HttpError && isApiErrorBody(error.body) ? error.body : null;
      setProblem(body?.message ?? (error instanceof Error ? error.message : String(error)));
      return body ? feedbackFieldErrors(body.details ?? []) : undefined;
    }
  };

  const cases = result?.items.flatMap((item) => item.cases) ?? [];
  return (
    <Box sx={{ mt: 2 }}>
      <Title title={translate('carescore.feedback.create_title')} />
      <Stack spacing={2}>
        {result && (
          <Alert severity={result.duplicates > 0 ? 'warning' : 'success'} data-testid="feedback-result">
            {translate(result.duplicates > 0 ? 'carescore.feedback.duplicate' : 'carescore.feedback.received', { count: result.casesOpened })}
            {cases.length > 0 && (
              <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
                {cases.map((opened) => (
                  <MuiButton key={opened.id} size="small" variant="outlined" component={Link} to={`/cases/${opened.id}/show`} data-testid="feedback-opened-case">
                    {translate('carescore.feedback.open_case')} ({opened.workflowKey})
                  </MuiButton>
                ))}
              </Stack>
            )}
          </Alert>
        )}
        <Card>
          <CardContent>
            <Typography variant="h6">{translate('carescore.feedback.create_title')}</Typography>
            <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
              {translate('carescore.feedback.create_help')}
            </Typography>
            {problem && (
              <Alert severity="error" sx={{ mb: 2 }} data-testid="feedback-problem">
                {problem}
              </Alert>
            )}
            <Form key={formKey} defaultValues={{ responseId: newResponseId(), respondedAt: new Date() }} onSubmit={submit} disableInvalidFormNotification>
              <Grid container spacing={2}>
                <Grid size={{ xs: 12, md: 6 }}>
                  <TextInput source="responseId" resource="feedback" fullWidth />
                </Grid>
                <Grid size={{ xs: 12, md: 6 }}>
                  <AutocompleteInput
                    source="staffCode"
                    resource="feedback"
                    choices={staff ?? []}
                    optionValue="code"
                    optionText={(member: StaffOption) => `${member.code} ${member.name}`}
                    isPending={staff === undefined}
                    fullWidth
                    data-testid="feedback-staff"
                  />
                </Grid>
                <Grid size={{ xs: 12, md: 4 }}>
                  <TextInput source="customerRef" resource="feedback" fullWidth />
                </Grid>
                <Grid size={{ xs: 12, md: 4 }}>
                  <TextInput source="channel" resource="feedback" fullWidth />
                </Grid>
                <Grid size={{ xs: 12, md: 4 }}>
                  <DateTimeInput source="respondedAt" resource="feedback" fullWidth />
                </Grid>
                {LIKERT_DIMENSIONS.map((dimension) => (
                  <Grid key={dimension} size={{ xs: 6, md: 2.4 }}>
                    <SelectInput
                      source={`likert.${dimension}`}
                      label={translate('carescore.feedback.likert_dimension', { dimension: translate(`carescore.feedback.dimensions.${dimension}`) })}
                      choices={likertChoices}
                      translateChoice={false}
                      fullWidth
                    />
                  </Grid>
                ))}
                <Grid size={{ xs: 6, md: 2.4 }}>
                  <NumberInput source="nps" resource="feedback" min={0} max={10} fullWidth />
                </Grid>
                <Grid size={12}>
                  <TextInput source="comment" resource="feedback" multiline minRows={2} fullWidth />
                </Grid>
              </Grid>
              <SaveButton label="carescore.feedback.submit" alwaysEnable data-testid="feedback-submit" />
            </Form>
          </CardContent>
        </Card>
      </Stack>
    </Box>
  );
}
