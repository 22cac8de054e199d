import { Alert, Typography } from '@mui/material';
import { useState } from 'react';
import {
  AutocompleteArrayInput,
  FormDataConsumer,
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  RadioButtonGroupInput,
  ReferenceArrayInput,
  regex,
  required,
  SaveButton,
  SelectArrayInput,
  SimpleForm,
  TextInput,
  Toolbar,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { PERIOD_PATTERN } from '../common/choices';
import { usePeriods } from '../common/PeriodInput';
import { TeamOption } from '../common/TeamField';
import { ArmVersionInput, BoundVersionHint } from './ArmVersionInput';
import type { ExperimentRecord } from './types';

const modeChoices = ['shadow', 'split'].map((id) => ({ id, name: `carescore.experiments.modes.${id}` }));
const unitChoices = ['staff', 'team'].map((id) => ({ id, name: `carescore.experiments.units.${id}` }));

const validatePeriods = (periods: string[] | undefined) => {
  if (!periods || periods.length === 0) return 'carescore.experiments.form.periods_required';
  return periods.every((period) => PERIOD_PATTERN.test(period)) ? undefined : 'carescore.experiments.form.period_format';
};

/** Bound periods plus any the admin types (2026-Q3): a period may be bound after the experiment is created. */
function PeriodsInput({ readOnly }: { readOnly: boolean }) {
  const record = useRecordContext<ExperimentRecord>();
  const bound = usePeriods();
  const [typed, setTyped] = useState<string[]>([]);
  const periods = [...new Set([...bound, ...(record?.periods ?? []), ...typed])].sort();
  return (
    <AutocompleteArrayInput
      source="periods"
      label="resources.experiments.fields.periods"
      choices={periods.map((period) => ({ id: period, name: period }))}
      translateChoice={false}
      validate={validatePeriods}
      readOnly={readOnly}
      helperText="carescore.experiments.form.periods_help"
      onCreate={(text?: string) => {
        const period = (text ?? '').trim().toUpperCase().replace(/^(\d{4})-q/, '$1-Q');
        setTyped((current) => [...current, period]);
        return { id: period, name: period };
      }}
      sx={{ minWidth: 320 }}
    />
  );
}

/**
 * Create and edit. A draft takes any change; once running, the API accepts only a new name (and,
 * in split mode, a new percentage), so the other fields are read-only — not disabled, which
 * would leave them out of the submitted values that the API's PUT needs in full.
 */
export function ExperimentForm({ action }: { action: 'create' | 'update' }) {
  const record = useRecordContext<ExperimentRecord>();
  const translate = useTranslate();
  const locked = action === 'update' && record !== undefined && record.status !== 'draft';
  const percentLocked = locked && !(record?.status === 'running' && record.mode === 'split');
  return (
    // Saving only: the API keeps every experiment (stop it instead of deleting it).
    <SimpleForm
      defaultValues={action === 'create' ? { mode: 'shadow', periods: [], teamIds: [] } : undefined}
      toolbar={
        <Toolbar>
          <SaveButton />
        </Toolbar>
      }
    >
      {locked ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="locked-settings">
          {translate(percentLocked ? 'carescore.experiments.form.locked' : 'carescore.experiments.form.locked_split')}
        </Alert>
      ) : null}
      {action === 'create' ? <TextInput source="key" validate={[required(), regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'carescore.experiments.form.key_format')]} helperText="carescore.experiments.form.key_help" /> : null}
      <TextInput source="name.zh" label="carescore.experiments.form.name_zh" validate={[required(), maxLength(200)]} sx={{ minWidth: 320 }} />
      <TextInput source="name.en" label="carescore.experiments.form.name_en" validate={[required(), maxLength(200)]} sx={{ minWidth: 320 }} />
      <PeriodsInput readOnly={locked} />
      <Typography variant="subtitle2">{translate('carescore.experiments.champion')}</Typography>
      <BoundVersionHint readOnly={locked} />
      <ArmVersionInput arm="champion" readOnly={locked} />
      <Typography variant="subtitle2">{translate('carescore.experiments.challenger')}</Typography>
      <ArmVersionInput arm="challenger" readOnly={locked} />
      <ReferenceArrayInput source="teamIds" reference="teams" sort={{ field: 'name', order: 'ASC' }} perPage={500}>
        <SelectArrayInput optionText={<TeamOption />} label="resources.experiments.fields.teamIds" helperText="carescore.experiments.form.teams_help" readOnly={locked} sx={{ minWidth: 320 }} />
      </ReferenceArrayInput>
      <RadioButtonGroupInput source="mode" choices={modeChoices} validate={required()} readOnly={locked} helperText="carescore.experiments.form.mode_help" />
      <FormDataConsumer<{ mode?: string }>>
        {({ formData }) =>
          formData.mode === 'split' ? (
            <>
              <RadioButtonGroupInput source="unit" choices={unitChoices} validate={required()} readOnly={locked} defaultValue="staff" helperText="carescore.experiments.form.unit_help" />
              <NumberInput
                source="challengerPercent"
                validate={[required(), minValue(0), maxValue(100)]}
                min={0}
                max={100}
                step={5}
                readOnly={percentLocked}
                helperText="carescore.experiments.form.percent_help"
              />
            </>
          ) : null
        }
      </FormDataConsumer>
    </SimpleForm>
  );
}
