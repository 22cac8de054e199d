import { Box, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { progressValue } from './runState';
import type { RunRecord } from './types';

/** done/total as a bar (indeterminate while the run is being planned), with the chunk count beside it. */
export function RunProgressBar({ run, compact = false }: { run: Pick<RunRecord, 'status' | 'progress'>; compact?: boolean }) {
  const translate = useTranslate();
  const value = progressValue(run);
  const { done, total, chunks, chunksDone } = run.progress;
  const color = run.status === 'failed' ? 'error' : run.status === 'succeeded' ? 'success' : 'primary';
  return (
    <Box sx={{ minWidth: compact ? 140 : 320 }} data-testid="run-progress" data-percent={value ?? ''}>
      <LinearProgress
        variant={value === null ? 'indeterminate' : 'determinate'}
        value={value ?? undefined}
        color={color}
        sx={{ height: compact ? 6 : 12, borderRadius: 1 }}
        aria-label={translate('resources.evaluations.fields.progress')}
      />
      <Box sx={{ display: 'flex', justifyContent: 'space-between', gap: 2, mt: 0.5 }}>
        <Typography variant={compact ? 'caption' : 'body2'} data-testid="run-progress-text">
          {total === 0 && value === null ? translate('carescore.evaluations.planning') : `${translate('carescore.evaluations.progress', { done, total })}${value === null ? '' : ` · ${value}%`}`}
        </Typography>
        {chunks > 0 && (
          <Typography variant={compact ? 'caption' : 'body2'} color="text.secondary" data-testid="run-chunks">
            {translate('carescore.evaluations.chunks', { done: chunksDone, total: chunks })}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
