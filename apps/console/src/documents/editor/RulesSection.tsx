import { Box } from '@mui/material';
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
}

const listOf = (value: unknown): RuleLike[] => (Array.isArray(value) ? (value as RuleLike[]) : []);
const ZONE_ACTIONS = ['suspend_and_train', 'assign_mentor', 'process_improvement'];
const NEW_CONDITION = { all: [{ fact: 'composite', operator: 'lessThan', value: 60 }] };

/** Red / yellow / blue zones and hints, each with its condition built in the condition builder. */
export function RulesSection() {
  const { content } = useEditor();
  const translate = useTranslate();
  const localized = useLocalized();
  const zones = listOf(content.zones);
  const hints = listOf(content.hints);
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
    </Box>
  );
}
