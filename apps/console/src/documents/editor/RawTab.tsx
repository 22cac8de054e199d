import { Alert, Box, Stack, TextField, ToggleButton, ToggleButtonGroup } from '@mui/material';
import { useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { stringify } from 'yaml';
import { useEditor } from './editorState';
import { useEngine } from './engineLoader';
import type { Issue } from './paths';

type Format = 'yaml' | 'json';

export function formatContent(content: unknown, format: Format): string {
  return format === 'json' ? `${JSON.stringify(content, null, 2)}\n` : stringify(content, { lineWidth: 0 });
}

/**
 * The whole document as YAML or JSON text. Every edit that parses replaces the document, so the
 * form tabs and the live validation follow; a syntax error is shown and changes nothing.
 */
export function RawTab() {
  const { content, replace, byField } = useEditor();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [format, setFormat] = useState<Format>('yaml');
  const [text, setText] = useState(() => formatContent(content, 'yaml'));
  const [syntax, setSyntax] = useState<Issue[]>([]);
  const engine = useEngine();
  const change = (next: string) => {
    setText(next);
    if (!engine) return;
    const parsed = engine.parseDocumentText(next);
    if (!parsed.ok) {
      const language = engine.messageLanguage(locale);
      setSyntax(parsed.issues.map((issue) => engine.localizeIssue(issue, language)));
      return;
    }
    setSyntax([]);
    if (parsed.value !== null && typeof parsed.value === 'object' && !Array.isArray(parsed.value)) replace(parsed.value as Record<string, unknown>);
    else setSyntax([{ path: '', message: translate('carescore.scheme_editor.raw.not_object') }]);
  };
  const issues = [...byField.entries()].flatMap(([field, messages]) => messages.map((message) => ({ field, message })));
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ mb: 1, alignItems: 'center' }}>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={format}
          onChange={(_, next: Format | null) => {
            if (!next || syntax.length > 0) return;
            setFormat(next);
            setText(formatContent(content, next));
          }}
        >
          <ToggleButton value="yaml">YAML</ToggleButton>
          <ToggleButton value="json">JSON</ToggleButton>
        </ToggleButtonGroup>
        <Box sx={{ typography: 'body2', color: 'text.secondary' }}>{translate('carescore.scheme_editor.raw.hint')}</Box>
      </Stack>
      {syntax.length > 0 ? (
        <Alert severity="error" sx={{ mb: 1 }} data-testid="raw-syntax">
          {syntax.map((issue) => issue.message).join('; ')}
        </Alert>
      ) : null}
      <TextField
        fullWidth
        multiline
        minRows={24}
        maxRows={48}
        value={text}
        onChange={(event) => change(event.target.value)}
        disabled={!engine}
        slotProps={{ htmlInput: { 'data-testid': 'raw-text', spellCheck: false, style: { fontFamily: 'monospace', fontSize: 13 } } }}
      />
      {syntax.length === 0 && issues.length > 0 ? (
        <Alert severity="warning" sx={{ mt: 1 }} data-testid="raw-issues">
          {issues.map((issue, index) => (
            <div key={index}>
              <code>{issue.field || '—'}</code>: {issue.message}
            </div>
          ))}
        </Alert>
      ) : null}
    </Box>
  );
}
