import CompareArrowsIcon from '@mui/icons-material/CompareArrows';
import HistoryIcon from '@mui/icons-material/History';
import BlockIcon from '@mui/icons-material/Block';
import { Stack, Table, TableBody, TableCell, TableHead, TableRow, Tooltip } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Button, useCanAccess, useDataProvider, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { Link } from 'react-router-dom';
import { ConfirmButton } from '../common/ConfirmButton';
import { StatusChip } from '../common/StatusChip';
import type { CareScoreDataProvider, DocumentDetail, VersionRecord } from '../providers/dataProvider';

export function useVersions(id: string | undefined) {
  const dataProvider = useDataProvider<CareScoreDataProvider>();
  return useQuery({ queryKey: ['documents', 'versions', id], queryFn: () => dataProvider.documentVersions(id as string), enabled: id !== undefined });
}

function When({ value }: { value: string | null }) {
  const [locale] = useLocaleState();
  if (!value) return <>—</>;
  return <>{new Date(value).toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' })}</>;
}

/** Every version, newest first, with retire / roll back per version and a link to compare it with the one before. */
export function VersionHistory() {
  const record = useRecordContext<DocumentDetail>();
  const translate = useTranslate();
  const dataProvider = useDataProvider<CareScoreDataProvider>();
  const { data: versions } = useVersions(record?.id);
  const { canAccess: canRetire } = useCanAccess({ resource: 'documents', action: 'retire', record });
  const { canAccess: canRollback } = useCanAccess({ resource: 'documents', action: 'rollback', record });
  if (!record) return null;
  const latest = record.latestVersion;
  const row = (version: VersionRecord) => (
    <TableRow key={version.id} data-testid={`version-${version.version}`}>
      <TableCell>v{version.version}</TableCell>
      <TableCell>
        <StatusChip status={version.status} />
      </TableCell>
      <TableCell sx={{ fontFamily: 'monospace' }}>
        {version.contentHash ? (
          <Tooltip title={version.contentHash}>
            <span>{version.contentHash.slice(0, 12)}</span>
          </Tooltip>
        ) : (
          '—'
        )}
      </TableCell>
      <TableCell>
        <When value={version.createdAt} />
      </TableCell>
      <TableCell>
        <When value={version.publishedAt} />
      </TableCell>
      <TableCell>
        <When value={version.retiredAt} />
      </TableCell>
      <TableCell align="right">
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'flex-end' }}>
          {version.version > 1 ? (
            <Button component={Link} to={`/documents/${record.id}/show/diff?from=${version.version - 1}&to=${version.status === 'draft' ? 'draft' : version.version}`} label="carescore.documents.compare" size="small">
              <CompareArrowsIcon />
            </Button>
          ) : null}
          {canRetire && version.status === 'published' ? (
            <ConfirmButton
              label="carescore.documents.retire"
              title="carescore.documents.retire_title"
              content="carescore.documents.retire_content"
              args={{ version: version.version }}
              success="carescore.documents.retired"
              color="warning"
              icon={<BlockIcon />}
              run={() => dataProvider.retireVersion(record.id, version.version, record.revision)}
            />
          ) : null}
          {canRollback && version.status !== 'draft' && version.version !== latest && record.draftVersion === null ? (
            <ConfirmButton
              label="carescore.documents.rollback"
              title="carescore.documents.rollback_title"
              content="carescore.documents.rollback_content"
              args={{ version: version.version }}
              success={(result) => ({ message: 'carescore.documents.rolled_back', args: { version: (result as DocumentDetail).version, from: version.version } })}
              icon={<HistoryIcon />}
              run={() => dataProvider.rollbackDocument(record.id, version.version, record.revision)}
            />
          ) : null}
        </Stack>
      </TableCell>
    </TableRow>
  );
  return (
    <Table size="small" data-testid="versions">
      <TableHead>
        <TableRow>
          <TableCell>{translate('carescore.documents.versions.version')}</TableCell>
          <TableCell>{translate('carescore.documents.versions.status')}</TableCell>
          <TableCell>{translate('carescore.documents.versions.hash')}</TableCell>
          <TableCell>{translate('carescore.documents.versions.created')}</TableCell>
          <TableCell>{translate('carescore.documents.versions.published')}</TableCell>
          <TableCell>{translate('carescore.documents.versions.retired')}</TableCell>
          <TableCell align="right">{translate('carescore.documents.versions.actions')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>{(versions ?? []).map(row)}</TableBody>
    </Table>
  );
}
