import AddIcon from '@mui/icons-material/Add';
import { Box, Button, Stack, TextField } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useEditor, useFieldError } from './editorState';
import { IssuesAt, LocalizedAt, NumberAt, SelectAt, TextAt } from './fields';
import { ItemCard, Row, SectionTitle } from './layout';

type Inputs = Record<string, Record<string, unknown>>;

/** Renames a member of a record keeping its place (inputs are a record keyed by name). */
function renameKey(record: Inputs, from: string, to: string): Inputs {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key === from ? to : key, value]));
}

function InputName({ name, inputs }: { name: string; inputs: Inputs }) {
  const { set } = useEditor();
  const translate = useTranslate();
  const error = useFieldError(['inputs', name]);
  return (
    <Box sx={{ width: 220 }} data-testid={`field-inputs.${name}`}>
      <TextField
        size="small"
        fullWidth
        label={translate('carescore.scheme_editor.fields.input_name')}
        value={name}
        onChange={(event) => {
          const next = event.target.value;
          if (next !== '' && !Object.hasOwn(inputs, next)) set(['inputs'], renameKey(inputs, name, next));
        }}
        error={error !== undefined}
        helperText={error}
        slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
      />
    </Box>
  );
}

/** Key, name, period kind and the declared inputs every formula and condition may read. */
export function GeneralSection() {
  const { content, set } = useEditor();
  const translate = useTranslate();
  const inputs = (content.inputs ?? {}) as Inputs;
  const names = Object.keys(inputs);
  const addInput = () => {
    let n = names.length + 1;
    while (Object.hasOwn(inputs, `input_${n}`)) n += 1;
    set(['inputs'], { ...inputs, [`input_${n}`]: { type: 'number', min: 0 } });
  };
  const removeInput = (name: string) => set(['inputs'], Object.fromEntries(Object.entries(inputs).filter(([key]) => key !== name)));
  return (
    <Box>
      <SectionTitle title="carescore.scheme_editor.sections.general" />
      <Row>
        <TextAt path={['key']} label="carescore.scheme_editor.fields.key" helper="carescore.scheme_editor.help.key" width={260} monospace />
        <SelectAt
          path={['period']}
          label="carescore.scheme_editor.fields.period"
          choices={['month', 'quarter'].map((id) => ({ id, name: translate(`carescore.scheme_editor.period_kinds.${id}`) }))}
        />
      </Row>
      <Row>
        <LocalizedAt path={['name']} label="carescore.scheme_editor.fields.name" width={280} />
      </Row>
      <Row>
        <LocalizedAt path={['description']} label="carescore.scheme_editor.fields.description" width={280} />
      </Row>
      <SectionTitle title="carescore.scheme_editor.sections.inputs" hint="carescore.scheme_editor.help.inputs" />
      <IssuesAt path={['inputs']} />
      {names.map((name, index) => (
        // Keyed by place: a rename keeps the input's place, so the field being typed in keeps focus.
        <ItemCard key={index} path={['inputs', name]} title={<code>{name}</code>} onRemove={() => removeInput(name)}>
          <Stack direction="row" useFlexGap spacing={1.5} sx={{ flexWrap: 'wrap' }}>
            <InputName name={name} inputs={inputs} />
            <SelectAt
              path={['inputs', name, 'type']}
              label="carescore.scheme_editor.fields.input_type"
              width={130}
              choices={[
                { id: 'number', name: translate('carescore.scheme_editor.input_types.number') },
                { id: 'number[]', name: translate('carescore.scheme_editor.input_types.number_list') },
              ]}
            />
            <NumberAt path={['inputs', name, 'min']} label="carescore.scheme_editor.fields.min" />
            <NumberAt path={['inputs', name, 'max']} label="carescore.scheme_editor.fields.max" />
            <TextAt path={['inputs', name, 'unit']} label="carescore.scheme_editor.fields.unit" width={90} optional />
            <LocalizedAt path={['inputs', name, 'name']} label="carescore.scheme_editor.fields.name" width={170} />
          </Stack>
        </ItemCard>
      ))}
      <AddInputButton onAdd={addInput} />
    </Box>
  );
}

function AddInputButton({ onAdd }: { onAdd: () => void }) {
  const translate = useTranslate();
  return (
    <Button size="small" startIcon={<AddIcon />} onClick={onAdd} data-testid="add-inputs">
      {translate('carescore.scheme_editor.add.input')}
    </Button>
  );
}
