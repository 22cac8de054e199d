import { Alert, Stack, TextField } from '@mui/material';
import { useState } from 'react';
import { Button, HttpError, useNotify, useRefresh, useTranslate } from 'react-admin';
import { isApiErrorBody } from '../providers/httpClient';
import { casesApi } from './casesApi';

/** A comment on the timeline; allowed at any time, also on a closed case. */
export function CommentBox({ caseId }: { caseId: string }) {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = async () => {
    setBusy(true);
    setProblem(null);
    try {
      await casesApi.comment(caseId, text);
      setText('');
      notify('carescore.cases.show.comment_added', { type: 'success' });
      refresh();
    } catch (error) {
      setProblem(error instanceof HttpError && isApiErrorBody(error.body) ? error.body.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack spacing={1} data-testid="comment-box">
      {problem && <Alert severity="error">{problem}</Alert>}
      <TextField
        label={translate('carescore.cases.show.comments')}
        placeholder={translate('carescore.cases.show.comment_placeholder')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        multiline
        minRows={2}
        slotProps={{ htmlInput: { 'data-testid': 'comment-input' } }}
      />
      <div>
        <Button label="carescore.cases.show.comment_send" variant="outlined" disabled={busy || text.trim() === ''} onClick={() => void send()} data-testid="comment-send" />
      </div>
    </Stack>
  );
}
