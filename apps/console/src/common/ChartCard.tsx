import { Card, CardContent, Typography } from '@mui/material';
import type { ReactNode } from 'react';

/** A titled card around a chart, table or section of a page, with an optional caption saying what it shows. */
export function ChartCard({ title, caption, testId, children }: { title: string; caption?: string; testId?: string; children: ReactNode }) {
  return (
    <Card variant="outlined" sx={{ height: '100%' }} data-testid={testId}>
      <CardContent>
        <Typography variant="subtitle1" component="h3" sx={{ fontWeight: 600 }} gutterBottom={!caption}>
          {title}
        </Typography>
        {caption && (
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
            {caption}
          </Typography>
        )}
        {children}
      </CardContent>
    </Card>
  );
}
