import { Box } from '@mui/material';
import { useLocalized } from '../../common/localized';
import type { LocalizedText } from '../../providers/dataProvider';
import { ConditionBuilder } from './ConditionBuilder';
import { useEditor } from './editorState';
import { IssuesAt, LocalizedAt, TextAt } from './fields';
import { AddButton, freshId, ItemCard, Row, SectionTitle } from './layout';

interface AwardLike {
  id?: string;
  name?: LocalizedText;
}

const listOf = (value: unknown): AwardLike[] => (Array.isArray(value) ? (value as AwardLike[]) : []);
/** A new award starts as the seeds' 进步奖: composite up 10 or more on the previous period. */
const NEW_CONDITION = { all: [{ fact: 'change', path: '$.composite', operator: 'greaterThanInclusive', value: 10 }] };

/** 奖项 / Awards (SPEC §6): non-ranking recognitions, each a name, a description and a condition (which may read `previous` and `change`). */
export function AwardsSection() {
  const { content } = useEditor();
  const localized = useLocalized();
  const awards = listOf(content.awards);
  return (
    <Box>
      <SectionTitle title="carescore.scheme_editor.sections.awards" hint="carescore.scheme_editor.help.awards" />
      <IssuesAt path={['awards']} />
      {awards.map((award, index) => (
        <ItemCard key={index} path={['awards', index]} title={`${localized(award.name, award.id ?? '')} (${award.id ?? '?'})`}>
          <Row>
            <TextAt path={['awards', index, 'id']} label="carescore.scheme_editor.fields.id" monospace />
            <LocalizedAt path={['awards', index, 'name']} label="carescore.scheme_editor.fields.name" width={200} />
            <LocalizedAt path={['awards', index, 'description']} label="carescore.scheme_editor.fields.description" width={320} />
          </Row>
          <ConditionBuilder path={['awards', index, 'when']} />
        </ItemCard>
      ))}
      <AddButton path={['awards']} item={() => ({ id: freshId(awards, 'award'), name: { zh: '进步奖', en: 'Progress award' }, when: NEW_CONDITION })} label="carescore.scheme_editor.add.award" />
    </Box>
  );
}
