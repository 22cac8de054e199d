import { Box, MenuItem, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import { useEditor, useFieldError } from './editorState';
import { type DocPath, fieldOf, getIn } from './paths';

interface FieldProps {
  path: DocPath;
  label: string;
  /** Translate the label (default) or show it as given. */
  raw?: boolean;
  width?: number | string;
  multiline?: boolean;
  monospace?: boolean;
  placeholder?: string;
  helper?: string;
  /** Empty text removes the member (optional fields); otherwise it is kept as ''. */
  optional?: boolean;
}

/** A wrapper named after the document path, so tests and people can find a field's error. */
function FieldBox({ path, width, children }: { path: DocPath; width?: number | string; children: React.ReactNode }) {
  return (
    <Box data-testid={`field-${fieldOf(path)}`} sx={{ width: width ?? 200, flexShrink: 0 }}>
      {children}
    </Box>
  );
}

export function TextAt({ path, label, raw, width, multiline, monospace, placeholder, helper, optional }: FieldProps) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const error = useFieldError(path);
  const value = getIn(content, path);
  return (
    <FieldBox path={path} width={width}>
      <TextField
        fullWidth
        size="small"
        label={raw ? label : translate(label)}
        value={typeof value === 'string' ? value : value === undefined ? '' : JSON.stringify(value)}
        onChange={(event) => set(path, optional && event.target.value === '' ? undefined : event.target.value)}
        error={error !== undefined}
        helperText={error ?? (helper ? translate(helper) : undefined)}
        multiline={multiline}
        placeholder={placeholder}
        slotProps={{ htmlInput: { 'data-testid': `input-${fieldOf(path)}`, style: monospace ? { fontFamily: 'monospace' } : undefined } }}
      />
    </FieldBox>
  );
}

/** Typed text → the stored value: a number when it reads as one, nothing (or '') when empty, else the text. */
function numberOrText(text: string, optional: boolean): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return optional ? undefined : '';
  return Number.isFinite(Number(trimmed)) ? Number(trimmed) : text;
}

/** A number typed as text: what reads as a number is stored as one; anything else is kept for the validator to name. */
export function NumberAt({ path, label, raw, width, helper, optional = true }: FieldProps) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const error = useFieldError(path);
  const value = getIn(content, path);
  const shown = value === undefined ? '' : String(value);
  // The text as typed ("8." on the way to 8.5) while it still stands for the stored value;
  // after a change from elsewhere (the raw tab) the stored value shows again.
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed !== null && numberOrText(typed, optional) === value ? typed : shown;
  return (
    <FieldBox path={path} width={width ?? 110}>
      <TextField
        fullWidth
        size="small"
        label={raw ? label : translate(label)}
        value={text}
        onChange={(event) => {
          setTyped(event.target.value);
          set(path, numberOrText(event.target.value, optional));
        }}
        error={error !== undefined}
        helperText={error ?? (helper ? translate(helper) : undefined)}
        slotProps={{ htmlInput: { inputMode: 'decimal', 'data-testid': `input-${fieldOf(path)}` } }}
      />
    </FieldBox>
  );
}

export interface Choice {
  id: string;
  name: string;
}

export function SelectAt({ path, label, choices, width, allowEmpty }: { path: DocPath; label: string; choices: Choice[]; width?: number; allowEmpty?: boolean }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const error = useFieldError(path);
  const value = getIn(content, path);
  const known = typeof value === 'string' && choices.some((choice) => choice.id === value);
  return (
    <FieldBox path={path} width={width ?? 160}>
      <TextField
        select
        fullWidth
        size="small"
        label={translate(label)}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => set(path, event.target.value === '' ? undefined : event.target.value)}
        error={error !== undefined}
        helperText={error}
        slotProps={{ htmlInput: { 'data-testid': `input-${fieldOf(path)}` } }}
      >
        {allowEmpty ? <MenuItem value="">—</MenuItem> : null}
        {!known && typeof value === 'string' && value !== '' ? <MenuItem value={value}>{value}</MenuItem> : null}
        {choices.map((choice) => (
          <MenuItem key={choice.id} value={choice.id}>
            {choice.name}
          </MenuItem>
        ))}
      </TextField>
    </FieldBox>
  );
}

/** A `{zh, en}` name: two fields; an empty one is dropped, an empty pair removes the name. */
export function LocalizedAt({ path, label, width = 200 }: { path: DocPath; label: string; width?: number }) {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const error = useFieldError(path);
  const name = (getIn(content, path) ?? {}) as Record<string, unknown>;
  const change = (lang: 'zh' | 'en', text: string) => {
    const next: Record<string, unknown> = { ...name, [lang]: text === '' ? undefined : text };
    const cleaned = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
    set(path, Object.keys(cleaned).length === 0 ? undefined : cleaned);
  };
  return (
    <Stack direction="row" spacing={1} data-testid={`field-${fieldOf(path)}`}>
      {(['zh', 'en'] as const).map((lang) => (
        <TextField
          key={lang}
          size="small"
          sx={{ width }}
          label={`${translate(label)} (${translate(`carescore.scheme_editor.lang.${lang}`)})`}
          value={typeof name[lang] === 'string' ? (name[lang] as string) : ''}
          onChange={(event) => change(lang, event.target.value)}
          error={error !== undefined}
          helperText={lang === 'zh' ? error : undefined}
          slotProps={{ htmlInput: { 'data-testid': `input-${fieldOf([...path, lang])}` } }}
        />
      ))}
    </Stack>
  );
}

/** Problems the editor has no single field for (a whole list, the document itself), shown where that list is edited. */
export function IssuesAt({ path }: { path: DocPath }) {
  const error = useFieldError(path);
  if (!error) return null;
  return (
    <Box data-testid={`issues-${fieldOf(path)}`} sx={{ color: 'error.main', typography: 'body2', my: 0.5 }}>
      {error}
    </Box>
  );
}
