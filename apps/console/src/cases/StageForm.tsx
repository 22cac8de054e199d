import { Alert, Box, Card, CardContent, Stack, Typography } from '@mui/material';
import { useState } from 'react';
import {
  CheckboxGroupInput,
  DateInput,
  Form,
  HttpError,
  NumberInput,
  RadioButtonGroupInput,
  SaveButton,
  SelectInput,
  TextInput,
  useNotify,
  useRefresh,
  useTranslate,
} from 'react-admin';
import { useLocalized } from '../common/localized';
import { isApiErrorBody } from '../providers/httpClient';
import { LiveAppealReview } from './AppealReview';
import { type CaseDetail, casesApi, type StageDefinition, type StageField } from './casesApi';
import { emptyStageValues, stageFieldErrors, stagePayload, type StageFormValues } from './stageValues';

/** An option's label: the shipped workflows' options are translated, others show as written. */
export function useOptionLabel(): (option: string) => string {
  const translate = useTranslate();
  return (option) => translate(`carescore.cases.options.${option}`, { _: option });
}

function hintOf(field: StageField, translate: ReturnType<typeof useTranslate>): string | undefined {
  if (field.type === 'text' && field.minLength !== null && field.maxLength !== null) return translate('carescore.cases.form.length', { min: field.minLength, max: field.maxLength });
  if (field.type === 'text' && field.minLength !== null) return translate('carescore.cases.form.min_length', { min: field.minLength });
  if (field.type === 'number' && field.min !== null && field.max !== null) return translate('carescore.cases.form.range', { min: field.min, max: field.max });
  return undefined;
}

/** One input for one field definition, by its declared type. */
function StageFieldInput({ field }: { field: StageField }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const optionLabel = useOptionLabel();
  const source = `fields.${field.id}`;
  const label = `${localized(field.name, field.id)}${field.required ? ' *' : ''}`;
  const helperText = hintOf(field, translate) ?? false;
  const choices = (field.options ?? []).map((option) => ({ id: option, name: optionLabel(option) }));
  const common = { source, label, helperText, fullWidth: true } as const;
  switch (field.type) {
    case 'text':
      return <TextInput {...common} multiline={(field.maxLength ?? 0) > 200 || (field.minLength ?? 0) >= 20} minRows={2} />;
    case 'select':
      return <SelectInput {...common} choices={choices} translateChoice={false} emptyText={translate('carescore.none')} />;
    case 'multiselect':
      return <CheckboxGroupInput {...common} choices={choices} translateChoice={false} />;
    case 'number':
      return <NumberInput {...common} min={field.min ?? undefined} max={field.max ?? undefined} />;
    case 'date':
      return <DateInput {...common} />;
    case 'corrected_facts':
      return <TextInput {...common} multiline minRows={3} helperText={translate('carescore.cases.form.corrected_facts_help')} />;
    case 'boolean':
      return (
        <RadioButtonGroupInput
          {...common}
          choices={[
            { id: 'true', name: translate('carescore.cases.form.yes') },
            { id: 'false', name: translate('carescore.cases.form.no') },
          ]}
          translateChoice={false}
          format={(value: unknown) => (value === true ? 'true' : value === false ? 'false' : '')}
          parse={(value: string) => (value === 'true' ? true : value === 'false' ? false : null)}
        />
      );
  }
}

/**
 * The current stage's form, built from the workflow's field definitions. The API judges the
 * values: a 422 puts its message under each named field; a 409 (someone acted first, or the case
 * closed) goes to `onConflict` and the case is reloaded.
 */
export function StageForm({ record, stage, onConflict }: { record: CaseDetail; stage: StageDefinition; onConflict: (message: string | null) => void }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const notify = useNotify();
  const refresh = useRefresh();
  const [problem, setProblem] = useState<string | null>(null);
  const stageName = localized(stage.name, stage.id);
  // An appeal's decision: the reason and the contested inputs, recorded and corrected side by side, above the form.
  const correctedField = record.kind === 'appeal' ? stage.fields.find((field) => field.type === 'corrected_facts') : undefined;

  const submit = async (values: Record<string, unknown>) => {
    setProblem(null);
    onConflict(null);
    try {
      const updated = await casesApi.advance(record.id, { stage: stage.id, fields: stagePayload(stage, values as StageFormValues), version: record.version });
      notify(updated.status === 'closed' ? 'carescore.cases.form.closed' : 'carescore.cases.form.advanced', { type: 'success' });
      refresh();
      return undefined;
    } catch (error) {
      const body = error instanceof HttpError && isApiErrorBody(error.body) ? error.body : null;
      if (error instanceof HttpError && error.status === 422 && body) {
        const errors = stageFieldErrors(body.details ?? [], translate('carescore.cases.form.errors.required'));
        setProblem(Object.keys(errors).length > 0 ? translate('carescore.cases.form.invalid') : body.message);
        return errors;
      }
      if (error instanceof HttpError && error.status === 409) {
        // Shown by the page: the reloaded case may no longer have this form.
        onConflict(`${translate('carescore.cases.form.conflict')} (${body?.message ?? error.message})`);
        refresh();
        return undefined;
      }
      setProblem(body?.message ?? (error instanceof Error ? error.message : String(error)));
      return undefined;
    }
  };

  return (
    <Card variant="outlined" data-testid="stage-form">
      <CardContent>
        <Typography variant="h6" gutterBottom data-testid="stage-form-title">
          {translate('carescore.cases.form.title', { stage: stageName })}
        </Typography>
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
          {translate('carescore.cases.role_completes', { role: translate(`carescore.roles.${stage.role}`) })} · {translate('carescore.cases.sla_hours', { hours: stage.slaHours })}
        </Typography>
        {problem && (
          <Alert severity="error" sx={{ mb: 2 }} data-testid="stage-problem">
            {problem}
          </Alert>
        )}
        <Form defaultValues={emptyStageValues(stage)} onSubmit={submit} disableInvalidFormNotification>
          {correctedField && (
            <Box sx={{ mb: 2 }}>
              <LiveAppealReview record={record} fieldId={correctedField.id} />
            </Box>
          )}
          <Stack spacing={0.5}>
            {stage.fields.map((field) => (
              <Box key={field.id} data-testid={`stage-field-${field.id}`}>
                <StageFieldInput field={field} />
              </Box>
            ))}
          </Stack>
          <SaveButton label="carescore.cases.form.submit" alwaysEnable data-testid="stage-submit" />
        </Form>
      </CardContent>
    </Card>
  );
}
