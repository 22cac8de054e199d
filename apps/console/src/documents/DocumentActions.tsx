import DeleteSweepIcon from '@mui/icons-material/DeleteSweep';
import PublishIcon from '@mui/icons-material/Publish';
import EditIcon from '@mui/icons-material/Edit';
import { Button, TopToolbar, useCanAccess, useDataProvider, useRecordContext } from 'react-admin';
import { Link } from 'react-router-dom';
import { ConfirmButton } from '../common/ConfirmButton';
import type { CareScoreDataProvider, DocumentDetail } from '../providers/dataProvider';

/** Publish or discard the draft; shown only to roles that may write this document. */
export function DocumentActions() {
  const record = useRecordContext<DocumentDetail>();
  const dataProvider = useDataProvider<CareScoreDataProvider>();
  const { canAccess: canPublish } = useCanAccess({ resource: 'documents', action: 'publish', record });
  const { canAccess: canDiscard } = useCanAccess({ resource: 'documents', action: 'discard', record });
  const { canAccess: canEdit } = useCanAccess({ resource: 'documents', action: 'edit', record });
  if (!record) return <TopToolbar />;
  const edit = canEdit ? (
    <Button component={Link} to={`/documents/${record.id}`} label={record.draftVersion === null ? 'carescore.scheme_editor.edit_new_draft' : 'carescore.scheme_editor.edit_draft'} data-testid="edit-draft">
      <EditIcon />
    </Button>
  ) : null;
  if (record.draftVersion === null) return <TopToolbar>{edit}</TopToolbar>;
  const args = { version: record.draftVersion };
  return (
    <TopToolbar>
      {edit}
      {canDiscard && record.draftVersion > 1 ? (
        <ConfirmButton
          label="carescore.documents.discard"
          title="carescore.documents.discard_title"
          content="carescore.documents.discard_content"
          args={args}
          success="carescore.documents.discarded"
          color="warning"
          icon={<DeleteSweepIcon />}
          run={() => dataProvider.discardDraft(record.id, record.revision)}
        />
      ) : null}
      {canPublish ? (
        <ConfirmButton
          label="carescore.documents.publish"
          title="carescore.documents.publish_title"
          content="carescore.documents.publish_content"
          args={args}
          success="carescore.documents.published"
          variant="contained"
          icon={<PublishIcon />}
          run={() => dataProvider.publishDocument(record.id, record.revision)}
        />
      ) : null}
    </TopToolbar>
  );
}
