import EmojiEventsIcon from '@mui/icons-material/EmojiEvents';
import PlayArrowIcon from '@mui/icons-material/PlayArrow';
import StopIcon from '@mui/icons-material/Stop';
import { EditButton, TopToolbar, useCanAccess, useRecordContext } from 'react-admin';
import { ConfirmButton } from '../common/ConfirmButton';
import { apiErrorText, experimentsApi } from './experimentsApi';
import { nextPeriod } from './periods';
import type { ExperimentRecord } from './types';

/** The API's message (and the issue it names) as the notification when an action is refused. */
const withApiMessage = (action: Promise<unknown>) =>
  action.catch((error: unknown) => {
    throw new Error(apiErrorText(error));
  });

/** Start (draft), stop (draft or running) and promote (running or stopped), each after a confirmation; admins only. */
export function ExperimentActions() {
  const record = useRecordContext<ExperimentRecord>();
  const { canAccess } = useCanAccess({ resource: 'experiments', action: 'edit', record });
  if (!record || !canAccess) return <TopToolbar />;
  const args = { key: record.key, period: nextPeriod(record.periods[record.periods.length - 1] ?? ''), challenger: `${record.challenger.documentKey} v${record.challenger.version}` };
  return (
    <TopToolbar>
      {record.status === 'draft' || record.status === 'running' ? <EditButton /> : null}
      {record.status === 'draft' ? (
        <ConfirmButton
          label="carescore.experiments.actions.start"
          title="carescore.experiments.actions.start_title"
          content={`carescore.experiments.actions.start_content_${record.mode}`}
          args={args}
          success="carescore.experiments.actions.started"
          variant="contained"
          icon={<PlayArrowIcon />}
          run={() => withApiMessage(experimentsApi.start(record.id))}
        />
      ) : null}
      {record.status === 'draft' || record.status === 'running' ? (
        <ConfirmButton
          label="carescore.experiments.actions.stop"
          title="carescore.experiments.actions.stop_title"
          content="carescore.experiments.actions.stop_content"
          args={args}
          success="carescore.experiments.actions.stopped"
          color="warning"
          icon={<StopIcon />}
          run={() => withApiMessage(experimentsApi.stop(record.id))}
        />
      ) : null}
      {record.status === 'running' || record.status === 'stopped' ? (
        <ConfirmButton
          label="carescore.experiments.actions.promote"
          title="carescore.experiments.actions.promote_title"
          content="carescore.experiments.actions.promote_content"
          args={args}
          success="carescore.experiments.actions.promoted"
          color="success"
          icon={<EmojiEventsIcon />}
          run={() => withApiMessage(experimentsApi.promote(record.id))}
        />
      ) : null}
    </TopToolbar>
  );
}
