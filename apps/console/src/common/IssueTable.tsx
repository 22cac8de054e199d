import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { ApiIssue } from '../providers/httpClient';

/** `rows[12].followups_done` → row 12, column followups_done; other paths keep their text. */
export function parseRowPath(path: string): { row: number | null; column: string } {
  const match = /^rows\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (match) return { row: Number(match[1]), column: match[2] ?? '' };
  const json = /^\[(\d+)\](?:\.(.*))?$/.exec(path);
  if (json) return { row: Number(json[1]), column: json[2] ?? '' };
  return { row: null, column: path };
}

/** A row-level error report: spreadsheet row, column, and what is wrong with it. */
export function IssueTable({ issues }: { issues: ApiIssue[] }) {
  const translate = useTranslate();
  return (
    <Table size="small" data-testid="issue-table">
      <TableHead>
        <TableRow>
          <TableCell sx={{ width: 80 }}>{translate('carescore.facts.row')}</TableCell>
          <TableCell sx={{ width: 220 }}>{translate('carescore.facts.column')}</TableCell>
          <TableCell>{translate('carescore.facts.problem')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {issues.map((issue, index) => {
          const { row, column } = parseRowPath(issue.path);
          return (
            <TableRow key={`${issue.path}-${index}`}>
              <TableCell>{row ?? '—'}</TableCell>
              <TableCell sx={{ fontFamily: 'monospace' }}>{column || '—'}</TableCell>
              <TableCell>{issue.message}</TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
