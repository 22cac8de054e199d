import { Box, Checkbox, FormControlLabel, FormGroup, FormLabel } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useLocalized } from '../../common/localized';
import type { LocalizedText } from '../../providers/dataProvider';
import { ConditionBuilder } from './ConditionBuilder';
import { useEditor } from './editorState';
import { IssuesAt, LocalizedAt, SelectAt, TextAt } from './fields';
import { AddButton, freshId, ItemCard, Row, SectionTitle } from './layout';

interface RuleLike {
  id?: string;
  name?: LocalizedText;
  zone?: string;
  to?: string[];
}

const RECIPIENTS = ['staff', 'manager'] as const;

/** Who hears a reminder: the staff member, their manager, or both (staff when none is written). */
function RecipientsAt({ index, to }: { index: number; to: string[] | undefined }) {
  const { set } = useEditor();
  const translate = useTranslate();
  const chosen = to ?? ['staff'];
  return (
    <Box sx={{ minWidth: 200 }}>
      <FormLabel sx={{ fontSize: 12 }}>{translate('carescore.scheme_editor.fields.reminder_to')}</FormLabel>
      <FormGroup row>
        {RECIPIENTS.map((recipient) => (
          <FormControlLabel
            key={recipient}
            control={
              <Checkbox
                size="small"
                checked={chosen.includes(recipient)}
                onChange={(event) => set(['reminders', index, 'to'], event.target.checked ? RECIPIENTS.filter((r) => r === recipient || chosen.includes(r)) : chosen.filter((r) => r !== recipient))}
                slotProps={{ input: { ...({ 'data-testid': `reminder-${index}-to-${recipient}` } as object) } }}
              />
            }
            label={translate(`carescore.scheme_editor.fields.recipients.${recipient}`)}
          />
        ))}
      </FormGroup>
    </Box>
  );
}

const listOf = (value: unknown): RuleLike[] => (Array.isArray(value) ? (value as RuleLike[]) : []);
const ZONE_ACTIONS = ['suspend_and_train', 'assign_mentor', 'process_improvement'];
const NEW_CONDITION = { all: [{ fact: 'composite', operator: 'lessThan', value: 60 }] };

/** Red / yellow / blue zones, hints and reminders, each with its condition built in the condition builder. */
export function RulesSection() {
  const { content } = useEditor();
  const translate = useTranslate();
  const localized = useLocalized();
  const zones = listOf(content.zones);
  const hints = listOf(content.hints);
  const reminders = listOf(content.reminders);
  return (
    <Box>
      <SectionTitle title="carescore.scheme_editor.sections.zones" hint="carescore.scheme_editor.help.zones" />
      <IssuesAt path={['zones']} />
      {zones.map((zone, index) => (
        <ItemCard key={index} path={['zones', index]} title={`${localized(zone.name, zone.id ?? '')} (${zone.id ?? '?'}) · ${zone.zone ? translate(`carescore.scheme_editor.zones.${zone.zone}`) : '?'}`}>
          <Row>
            <TextAt path={['zones', index, 'id']} label="carescore.scheme_editor.fields.id" monospace />
            <SelectAt path={['zones', index, 'zone']} label="carescore.scheme_editor.fields.zone" width={130} choices={['red', 'yellow', 'blue'].map((id) => ({ id, name: translate(`carescore.scheme_editor.zones.${id}`) }))} />
            <SelectAt path={['zones', index, 'action']} label="carescore.scheme_editor.fields.action" width={220} allowEmpty choices={ZONE_ACTIONS.map((id) => ({ id, name: translate(`carescore.zone_actions.${id}`) }))} />
            <LocalizedAt path={['zones', index, 'name']} label="carescore.scheme_editor.fields.name" width={170} />
          </Row>
          <ConditionBuilder path={['zones', index, 'when']} />
        </ItemCard>
      ))}
      <AddButton path={['zones']} item={() => ({ id: freshId(zones, 'zone'), zone: 'yellow', when: NEW_CONDITION })} label="carescore.scheme_editor.add.zone" />

      <Box sx={{ mt: 3 }} />
      <SectionTitle title="carescore.scheme_editor.sections.hints" hint="carescore.scheme_editor.help.hints" />
      <IssuesAt path={['hints']} />
      {hints.map((hint, index) => (
        <ItemCard key={index} path={['hints', index]} title={`${localized(hint.name, hint.id ?? '')} (${hint.id ?? '?'})`}>
          <Row>
            <TextAt path={['hints', index, 'id']} label="carescore.scheme_editor.fields.id" monospace />
            <LocalizedAt path={['hints', index, 'text']} label="carescore.scheme_editor.fields.text" width={320} />
          </Row>
          <ConditionBuilder path={['hints', index, 'when']} />
        </ItemCard>
      ))}
      <AddButton path={['hints']} item={() => ({ id: freshId(hints, 'hint'), when: NEW_CONDITION, text: { en: 'Hint' } })} label="carescore.scheme_editor.add.hint" />

      <Box sx={{ mt: 3 }} />
      <SectionTitle title="carescore.scheme_editor.sections.reminders" hint="carescore.scheme_editor.help.reminders" />
      <IssuesAt path={['reminders']} />
      {reminders.map((reminder, index) => (
        <ItemCard key={index} path={['reminders', index]} title={`${localized(reminder.name, reminder.id ?? '')} (${reminder.id ?? '?'})`}>
          <Row>
            <TextAt path={['reminders', index, 'id']} label="carescore.scheme_editor.fields.id" monospace />
            <LocalizedAt path={['reminders', index, 'name']} label="carescore.scheme_editor.fields.name" width={170} />
            <LocalizedAt path={['reminders', index, 'text']} label="carescore.scheme_editor.fields.text" width={320} />
            <RecipientsAt index={index} to={reminder.to} />
          </Row>
          <IssuesAt path={['reminders', index, 'to']} />
          <ConditionBuilder path={['reminders', index, 'when']} />
        </ItemCard>
      ))}
      <AddButton path={['reminders']} item={() => ({ id: freshId(reminders, 'reminder'), when: NEW_CONDITION, text: { zh: '提醒', en: 'Reminder' }, to: ['staff'] })} label="carescore.scheme_editor.add.reminder" />
    </Box>
  );
}
