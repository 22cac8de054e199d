import { Box } from '@mui/material';

/** Pretty-printed JSON in a scrollable monospace block. */
export function JsonBlock({ value, maxHeight = 480 }: { value: unknown; maxHeight?: number }) {
  return (
    <Box component="pre" sx={{ m: 0, p: 1.5, maxHeight, overflow: 'auto', bgcolor: 'action.hover', borderRadius: 1, fontSize: 12, fontFamily: 'ui-monospace, Menlo, Consolas, monospace' }}>
      {JSON.stringify(value, null, 2)}
    </Box>
  );
}
