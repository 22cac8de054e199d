import { Alert, Box, Chip, MenuItem, Stack, Table, TableBody, TableCell, TableHead, TableRow, TextField, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { useDataProvider, useRecordContext, useTranslate } from 'react-admin';
import { useLocalized } from '../common/localized';
import { useSearchParams } from 'react-router-dom';
import type { CareScoreDataProvider, DocumentChange, DocumentDetail } from '../providers/dataProvider';
import { describeChange, namesOf } from './describeChange';
import { useVersions } from './VersionHistory';

const KIND_COLOR = { added: 'success', removed: 'error', changed: 'info' } as const;

function Value({ value }: { value: unknown }) {
  if (value === undefined) return <>—</>;
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return (
    <Box component="code" sx={{ fontSize: 12, wordBreak: 'break-word' }}>
      {text.length > 160 ? `${text.slice(0, 160)}…` : text}
    </Box>
  );
}

function toRef(value: string | null): number | undefined {
  return value !== null && /^[1-9]\d*$/.test(value) ? Number(value) : undefined;
}

/**
 * Any two versions side by side through `GET /api/documents/:id/diff?from=&to=`: each change with
 * where it is, what it was and what it became. The pair lives in the URL (?from=2&to=4).
 */
export function DiffView() {
  const record = useRecordContext<DocumentDetail>();
  const translate = useTranslate();
  const localized = useLocalized();
  const dataProvider = useDataProvider<CareScoreDataProvider>();
  const [params, setParams] = useSearchParams();
  const { data: versions } = useVersions(record?.id);
  const numbers = (versions ?? []).map((version) => version.version).sort((a, b) => a - b);
  const latest = numbers[numbers.length - 1];
  const draftVersion = record?.draftVersion ?? null;
  const to = params.get('to') === 'draft' ? (draftVersion ?? latest) : (toRef(params.get('to')) ?? latest);
  const from = toRef(params.get('from')) ?? (to !== undefined && to > 1 ? to - 1 : to);
  const diff = useQuery({
    queryKey: ['documents', 'diff', record?.id, from, to],
    queryFn: () => dataProvider.documentDiff(record?.id as string, from, to),
    enabled: record !== undefined && from !== undefined && to !== undefined,
  });
  if (!record) return null;

  const select = (name: 'from' | 'to', value: number | undefined) => (
    <TextField
      select
      size="small"
      label={translate(`carescore.documents.diff.${name}`)}
      value={value ?? ''}
      sx={{ width: 180 }}
      slotProps={{ htmlInput: { 'data-testid': `diff-${name}` } }}
      onChange={(event) => {
        const next = new URLSearchParams(params);
        next.set(name, String(event.target.value));
        setParams(next, { replace: true });
      }}
    >
      {numbers.map((version) => (
        <MenuItem key={version} value={version}>
          v{version}
          {version === draftVersion ? ` (${translate('carescore.documents.diff.draft')})` : ''}
        </MenuItem>
      ))}
    </TextField>
  );

  const changes: DocumentChange[] = diff.data?.changes ?? [];
  // Member names come from the document as loaded (its draft or latest version); an id stands in for one it no longer has.
  const names = namesOf(record.content);
  return (
    <Box>
      <Stack direction="row" spacing={2} sx={{ mb: 2, alignItems: 'center' }}>
        {select('from', from)}
        {select('to', to)}
        {diff.data ? (
          <Typography variant="body2" data-testid="diff-summary">
            {translate('carescore.documents.diff.summary', { from: diff.data.from, to: diff.data.to, smart_count: changes.length })}
          </Typography>
        ) : null}
      </Stack>
      {diff.error ? <Alert severity="error">{diff.error instanceof Error ? diff.error.message : String(diff.error)}</Alert> : null}
      {diff.data && changes.length === 0 ? <Alert severity="info">{translate('carescore.documents.diff.none')}</Alert> : null}
      {changes.length > 0 ? (
        <Table size="small" data-testid="diff-table">
          <TableHead>
            <TableRow>
              <TableCell>{translate('carescore.documents.diff.path')}</TableCell>
              <TableCell>{translate('carescore.documents.diff.change')}</TableCell>
              <TableCell>{translate('carescore.documents.diff.before')}</TableCell>
              <TableCell>{translate('carescore.documents.diff.after')}</TableCell>
              <TableCell>{translate('carescore.documents.diff.description')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {changes.map((change) => (
              <TableRow key={`${change.kind}:${change.path}`}>
                <TableCell sx={{ fontFamily: 'monospace', fontSize: 12 }}>{change.path}</TableCell>
                <TableCell>
                  <Chip size="small" color={KIND_COLOR[change.kind]} label={translate(`carescore.documents.diff.kinds.${change.kind}`)} />
                </TableCell>
                <TableCell>
                  <Value value={change.before} />
                </TableCell>
                <TableCell>
                  <Value value={change.after} />
                </TableCell>
                <TableCell title={change.text}>{describeChange(change, names, translate, (text, fallback) => localized(text, fallback))}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : null}
    </Box>
  );
}
