import { ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useTranslate } from 'react-admin';

/** One of a list of periods, as toggle buttons. */
export function PeriodPicker({ periods, value, onChange, testId = 'report-period' }: { periods: string[]; value: string; onChange: (period: string) => void; testId?: string }) {
  const translate = useTranslate();
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      onChange={(_event, period: string | null) => period && onChange(period)}
      aria-label={translate('resources.experiments.fields.periods')}
      data-testid={testId}
    >
      {periods.map((period) => (
        <ToggleButton key={period} value={period}>
          {period}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
