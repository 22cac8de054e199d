import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { Box, Button, IconButton, Paper, Stack, Tooltip, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useTranslate } from 'react-admin';
import { useEditor } from './editorState';
import { append, type DocPath, fieldOf, getIn, removeAt } from './paths';

/** One item of a list (an indicator, a band…): a bordered block with its title and a remove button. */
export function ItemCard({ path, title, children, onRemove }: { path: DocPath; title: ReactNode; children: ReactNode; onRemove?: () => void }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const parent = path.slice(0, -1);
  const index = path[path.length - 1] as number;
  const remove = () => set(parent, getIn(removeAt(content, parent, index), parent));
  return (
    <Paper variant="outlined" sx={{ p: 1.5, mb: 1.5 }} data-testid={`item-${fieldOf(path)}`}>
      <Stack direction="row" sx={{ alignItems: 'center', mb: 1 }}>
        <Typography variant="subtitle2" sx={{ flexGrow: 1 }}>
          {title}
        </Typography>
        <Tooltip title={translate('carescore.scheme_editor.remove')}>
          <IconButton size="small" aria-label={translate('carescore.scheme_editor.remove')} onClick={onRemove ?? remove}>
            <DeleteOutlineIcon fontSize="small" />
          </IconButton>
        </Tooltip>
      </Stack>
      {children}
    </Paper>
  );
}

/** Fields side by side, wrapping. */
export function Row({ children }: { children: ReactNode }) {
  return (
    <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap', alignItems: 'flex-start', mb: 1.5 }}>
      {children}
    </Stack>
  );
}

export function AddButton({ path, item, label }: { path: DocPath; item: () => unknown; label: string }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  return (
    <Button size="small" startIcon={<AddIcon />} onClick={() => set(path, getIn(append(content, path, item()), path))} data-testid={`add-${fieldOf(path)}`}>
      {translate(label)}
    </Button>
  );
}

export function SectionTitle({ title, hint }: { title: string; hint?: string }) {
  const translate = useTranslate();
  return (
    <Box sx={{ mb: 1.5 }}>
      <Typography variant="subtitle1" sx={{ fontWeight: 600 }}>
        {translate(title)}
      </Typography>
      {hint ? (
        <Typography variant="body2" color="text.secondary">
          {translate(hint)}
        </Typography>
      ) : null}
    </Box>
  );
}

/** A fresh id not used in a list: `indicator_3`. */
export function freshId(items: unknown, stem: string): string {
  const taken = new Set((Array.isArray(items) ? items : []).map((item) => (item as { id?: unknown } | null)?.id));
  let n = (Array.isArray(items) ? items.length : 0) + 1;
  while (taken.has(`${stem}_${n}`)) n += 1;
  return `${stem}_${n}`;
}
