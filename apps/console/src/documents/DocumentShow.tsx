import { Box, Stack, Typography } from '@mui/material';
import { Show, TabbedShowLayout, useRecordContext, useTranslate } from 'react-admin';
import { PendingRequestNotice } from '../change-requests/PendingRequestNotice';
import { JsonBlock } from '../common/JsonBlock';
import { useLocalized } from '../common/localized';
import { StatusChip } from '../common/StatusChip';
import type { DocumentDetail } from '../providers/dataProvider';
import { ContentOverview } from './ContentOverview';
import { DiffView } from './DiffView';
import { DocumentActions } from './DocumentActions';
import { KindChip } from './DocumentList';
import { VersionHistory } from './VersionHistory';

function DocumentTitle() {
  const record = useRecordContext<DocumentDetail>();
  const localized = useLocalized();
  return <>{record ? `${localized(record.name, record.key)} (${record.key})` : ''}</>;
}

function Header() {
  const record = useRecordContext<DocumentDetail>();
  const localized = useLocalized();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box sx={{ px: 2, pt: 2 }}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center' }}>
        <Typography variant="h6" data-testid="document-name">
          {localized(record.name, record.key)}
        </Typography>
        <KindChip />
        <StatusChip status={record.status} />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {record.key} · {translate('resources.documents.fields.publishedVersion')}: {record.publishedVersion ?? '—'} · {translate('resources.documents.fields.draftVersion')}:{' '}
        {record.draftVersion ?? '—'} · {translate('resources.documents.fields.revision')}: {record.revision}
      </Typography>
      <Box sx={{ mt: 1 }}>
        <PendingRequestNotice targetType="document" targetId={record.id} />
      </Box>
    </Box>
  );
}

export function DocumentShow() {
  return (
    <Show actions={<DocumentActions />} title={<DocumentTitle />}>
      <Header />
      <TabbedShowLayout>
        <TabbedShowLayout.Tab label="carescore.documents.tabs.overview">
          <ContentOverview />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="carescore.documents.tabs.versions" path="versions">
          <VersionHistory />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="carescore.documents.tabs.diff" path="diff">
          <DiffView />
        </TabbedShowLayout.Tab>
        <TabbedShowLayout.Tab label="carescore.documents.tabs.content" path="content">
          <DocumentContent />
        </TabbedShowLayout.Tab>
      </TabbedShowLayout>
    </Show>
  );
}

function DocumentContent() {
  const record = useRecordContext<DocumentDetail>();
  const translate = useTranslate();
  if (!record?.content) return null;
  return (
    <Box>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {translate('carescore.documents.content_version', { version: record.version })}
      </Typography>
      <JsonBlock value={record.content} maxHeight={640} />
    </Box>
  );
}
