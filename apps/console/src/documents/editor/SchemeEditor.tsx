import ArrowBackIcon from '@mui/icons-material/ArrowBack';
import SaveIcon from '@mui/icons-material/Save';
import { Alert, Badge, Box, Button, Card, CardContent, CircularProgress, Stack, Tab, Tabs, Typography } from '@mui/material';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Loading, Title, useCanAccess, useGetOne, useNotify, useTranslate } from 'react-admin';
import { Link, useParams } from 'react-router-dom';
import { useLocalized } from '../../common/localized';
import { StatusChip } from '../../common/StatusChip';
import type { DocumentDetail } from '../../providers/dataProvider';
import { DimensionsSection } from './DimensionsSection';
import { apiProblem, saveDraft } from './editorApi';
import { loadEngine } from './engineLoader';
import { EditorProvider, type SchemeContent, useEditor, useEditorStateValue } from './editorState';
import { GeneralSection } from './GeneralSection';
import { IndicatorsSection } from './IndicatorsSection';
import { OutcomeSection } from './OutcomeSection';
import { countWithin } from './paths';
import { PreviewTab } from './PreviewTab';
import { RawTab } from './RawTab';
import { RulesSection } from './RulesSection';
import { AwardsSection } from './AwardsSection';
import { SurveyPreviewTab } from './SurveyPreviewTab';
import { TiersSection } from './TiersSection';

/** The editor's tabs and the parts of the document each one edits (for its problem count). */
const SCHEME_TABS = [
  { id: 'general', sections: ['key', 'kind', 'name', 'description', 'period', 'inputs'] },
  { id: 'indicators', sections: ['indicators'] },
  { id: 'dimensions', sections: ['dimensions'] },
  { id: 'outcome', sections: ['adjustments', 'composite', 'bands'] },
  { id: 'tiers', sections: ['tiers'] },
  { id: 'rules', sections: ['zones', 'hints', 'reminders'] },
  { id: 'awards', sections: ['awards'] },
  { id: 'raw', sections: [''] },
  { id: 'preview', sections: [] },
] as const;
/** A survey is edited as text, beside a preview of the page clients answer. */
const SURVEY_TABS = [
  { id: 'raw', sections: [''] },
  { id: 'survey_preview', sections: [] },
] as const;
type TabId = (typeof SCHEME_TABS)[number]['id'] | (typeof SURVEY_TABS)[number]['id'];

function tabsOf(kind: DocumentDetail['kind']): ReadonlyArray<{ id: TabId; sections: readonly string[] }> {
  if (kind === 'scheme') return SCHEME_TABS;
  if (kind === 'survey') return SURVEY_TABS;
  return SCHEME_TABS.filter((candidate) => candidate.id === 'raw');
}

// Fetch the validator's chunk while the document loads.
void loadEngine();

/** `version` and `status` are columns, not content: the editor leaves them out. */
function editableContent(content: Record<string, unknown>): SchemeContent {
  const { version: _version, status: _status, ...rest } = content;
  return rest;
}

/** `/documents/:id`: edits the draft of a rule document (schemes in forms, any document as text). */
export function SchemeEditor() {
  const { id } = useParams<{ id: string }>();
  const { data, isPending, error } = useGetOne<DocumentDetail>('documents', { id: id as string }, { enabled: id !== undefined, refetchOnWindowFocus: false });
  const { canAccess, isPending: checking } = useCanAccess({ resource: 'documents', action: 'edit', record: data });
  const translate = useTranslate();
  if (isPending || checking) return <Loading />;
  if (error || !data) return <Alert severity="error">{error instanceof Error ? error.message : translate('ra.notification.item_doesnt_exist')}</Alert>;
  if (!canAccess) return <Alert severity="warning">{translate('carescore.scheme_editor.not_allowed')}</Alert>;
  return <EditorBody key={`${data.id}:${data.version}`} record={data} />;
}

function EditorBody({ record: loaded }: { record: DocumentDetail }) {
  const translate = useTranslate();
  const localized = useLocalized();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const [record, setRecord] = useState(loaded);
  const state = useEditorStateValue(editableContent(loaded.content));
  const [tab, setTab] = useState<TabId>(loaded.kind === 'scheme' ? 'general' : 'raw');
  const [saving, setSaving] = useState(false);
  const [serverMessage, setServerMessage] = useState<string | null>(null);
  const tabs = tabsOf(loaded.kind);
  const blocked = state.checking || state.localIssues.length > 0;

  const save = async () => {
    setSaving(true);
    setServerMessage(null);
    try {
      const saved = await saveDraft(record.id, state.content, record.revision);
      setRecord(saved);
      state.setServerIssues([]);
      state.markSaved(editableContent(saved.content));
      notify('carescore.scheme_editor.saved', { type: 'success', messageArgs: { version: saved.version } });
      await queryClient.invalidateQueries({ queryKey: ['documents'] });
    } catch (error) {
      const problem = apiProblem(error);
      state.setServerIssues(problem.issues);
      setServerMessage(problem.message);
    } finally {
      setSaving(false);
    }
  };

  const editing =
    record.draftVersion !== null
      ? translate('carescore.scheme_editor.editing_draft', { version: record.draftVersion })
      : translate('carescore.scheme_editor.editing_new_draft', { version: (record.latestVersion ?? 0) + 1, from: record.latestVersion ?? 0 });

  return (
    <EditorProvider value={state}>
      <Title title={translate('carescore.scheme_editor.title', { name: localized(record.name, record.key) })} />
      <Card sx={{ mt: 2 }}>
        <CardContent>
          <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 1 }}>
            <Typography variant="h6" data-testid="editor-title">
              {localized(record.name, record.key)}
            </Typography>
            <StatusChip status={record.draftVersion !== null ? 'draft' : record.status} />
            <Typography variant="body2" color="text.secondary" data-testid="editor-version">
              {editing}
            </Typography>
            <Box sx={{ flexGrow: 1 }} />
            <Button component={Link} to={`/documents/${record.id}/show`} startIcon={<ArrowBackIcon />} data-testid="editor-back">
              {translate('carescore.scheme_editor.back')}
            </Button>
            <Button variant="contained" startIcon={saving ? <CircularProgress size={16} /> : <SaveIcon />} disabled={saving || !state.dirty || blocked} onClick={save} data-testid="editor-save">
              {translate('carescore.scheme_editor.save')}
            </Button>
          </Stack>
          <ProblemSummary blocked={blocked} serverMessage={serverMessage} dirty={state.dirty} />
          <Tabs value={tab} onChange={(_, next: TabId) => setTab(next)} variant="scrollable" sx={{ borderBottom: 1, borderColor: 'divider', mb: 2 }}>
            {tabs.map((candidate) => {
              const count = countWithin(state.byField, candidate.sections);
              return (
                <Tab
                  key={candidate.id}
                  value={candidate.id}
                  data-testid={`tab-${candidate.id}`}
                  label={
                    <Badge color="error" badgeContent={count} invisible={count === 0 || candidate.id === 'raw'}>
                      <Box sx={{ pr: count > 0 && candidate.id !== 'raw' ? 1.5 : 0 }}>{translate(candidate.id === 'survey_preview' ? 'carescore.surveys.preview.tab' : `carescore.scheme_editor.tabs.${candidate.id}`)}</Box>
                    </Badge>
                  }
                />
              );
            })}
          </Tabs>
          {tab === 'general' ? <GeneralSection /> : null}
          {tab === 'indicators' ? <IndicatorsSection /> : null}
          {tab === 'dimensions' ? <DimensionsSection /> : null}
          {tab === 'outcome' ? <OutcomeSection /> : null}
          {tab === 'tiers' ? <TiersSection /> : null}
          {tab === 'rules' ? <RulesSection /> : null}
          {tab === 'awards' ? <AwardsSection /> : null}
          {tab === 'raw' ? <RawTab /> : null}
          {tab === 'preview' ? <PreviewTab record={record} /> : null}
          {tab === 'survey_preview' ? <SurveyPreviewTab /> : null}
        </CardContent>
      </Card>
    </EditorProvider>
  );
}

/** What stands between the edits and a saved draft: the engine's problems, or the server's answer. */
function ProblemSummary({ blocked, serverMessage, dirty }: { blocked: boolean; serverMessage: string | null; dirty: boolean }) {
  const translate = useTranslate();
  const { localIssues, serverIssues } = useEditor();
  if (serverMessage) {
    return (
      <Alert severity="error" sx={{ mb: 2 }} data-testid="server-error">
        {translate('carescore.scheme_editor.server_rejected', { message: serverMessage })}
        {serverIssues.map((issue, index) => (
          <div key={index}>
            <code>{issue.path || '—'}</code>: {issue.message}
          </div>
        ))}
      </Alert>
    );
  }
  if (blocked && localIssues.length > 0) {
    return (
      <Alert severity="warning" sx={{ mb: 2 }} data-testid="local-issues">
        {translate('carescore.scheme_editor.problems', { smart_count: localIssues.length })}
        {localIssues.slice(0, 6).map((issue, index) => (
          <div key={index}>
            <code>{issue.path || '—'}</code>: {issue.message}
          </div>
        ))}
      </Alert>
    );
  }
  if (blocked) return <Alert severity="info" sx={{ mb: 2 }}>{translate('carescore.scheme_editor.checking')}</Alert>;
  return (
    <Alert severity={dirty ? 'info' : 'success'} sx={{ mb: 2 }} data-testid="editor-status">
      {translate(dirty ? 'carescore.scheme_editor.valid_unsaved' : 'carescore.scheme_editor.valid_saved')}
    </Alert>
  );
}
