import { Box } from '@mui/material';
import { useLocalized } from '../../common/localized';
import type { LocalizedText } from '../../providers/dataProvider';
import { useEditor } from './editorState';
import { IssuesAt, LocalizedAt, NumberAt, TextAt } from './fields';
import { AddButton, freshId, ItemCard, Row, SectionTitle } from './layout';

interface Named {
  id?: string;
  name?: LocalizedText;
}

const listOf = (value: unknown): Named[] => (Array.isArray(value) ? (value as Named[]) : []);

/** Adjustments (points after weighting), the composite's range, and the bands (highest min first). */
export function OutcomeSection() {
  const { content } = useEditor();
  const localized = useLocalized();
  const adjustments = listOf(content.adjustments);
  const bands = listOf(content.bands);
  return (
    <Box>
      <SectionTitle title="carescore.scheme_editor.sections.adjustments" hint="carescore.scheme_editor.help.adjustments" />
      <IssuesAt path={['adjustments']} />
      {adjustments.map((adjustment, index) => (
        <ItemCard key={index} path={['adjustments', index]} title={`${localized(adjustment.name, adjustment.id ?? '')} (${adjustment.id ?? '?'})`}>
          <Row>
            <TextAt path={['adjustments', index, 'id']} label="carescore.scheme_editor.fields.id" monospace />
            <LocalizedAt path={['adjustments', index, 'name']} label="carescore.scheme_editor.fields.name" />
          </Row>
          <Row>
            <TextAt path={['adjustments', index, 'formula']} label="carescore.scheme_editor.fields.formula" width={420} monospace />
            <NumberAt path={['adjustments', index, 'min']} label="carescore.scheme_editor.fields.min" />
            <NumberAt path={['adjustments', index, 'max']} label="carescore.scheme_editor.fields.max" />
          </Row>
        </ItemCard>
      ))}
      <AddButton path={['adjustments']} item={() => ({ id: freshId(adjustments, 'adjustment'), formula: '0' })} label="carescore.scheme_editor.add.adjustment" />

      <Box sx={{ mt: 3 }} />
      <SectionTitle title="carescore.scheme_editor.sections.composite" />
      <Row>
        <NumberAt path={['composite', 'min']} label="carescore.scheme_editor.fields.min" helper="0" />
        <NumberAt path={['composite', 'max']} label="carescore.scheme_editor.fields.max" helper="100" />
      </Row>

      <SectionTitle title="carescore.scheme_editor.sections.bands" hint="carescore.scheme_editor.help.bands" />
      <IssuesAt path={['bands']} />
      {bands.map((band, index) => (
        <ItemCard key={index} path={['bands', index]} title={`${band.id ?? '?'} · ${localized(band.name, '')}`}>
          <Row>
            <TextAt path={['bands', index, 'id']} label="carescore.scheme_editor.fields.id" width={100} />
            <NumberAt path={['bands', index, 'min']} label="carescore.scheme_editor.fields.band_min" optional={false} />
            <LocalizedAt path={['bands', index, 'name']} label="carescore.scheme_editor.fields.name" width={160} />
          </Row>
        </ItemCard>
      ))}
      <AddButton path={['bands']} item={() => ({ id: `B${bands.length + 1}`, min: 0 })} label="carescore.scheme_editor.add.band" />
    </Box>
  );
}
