import { Card, CardContent, Typography } from '@mui/material';

/** One headline figure with its label, for the rows of figures atop a dashboard or summary. */
export function FigureCard({ label, value, testId, color }: { label: string; value: string | number; testId?: string; color?: string }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }}>
      <CardContent>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h5" data-testid={testId} sx={{ color }}>
          {value}
        </Typography>
      </CardContent>
    </Card>
  );
}
