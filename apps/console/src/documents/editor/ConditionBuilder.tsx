import AddIcon from '@mui/icons-material/Add';
import DeleteOutlineIcon from '@mui/icons-material/DeleteOutlined';
import { Autocomplete, Box, Button, IconButton, MenuItem, Paper, Stack, TextField, ToggleButton, ToggleButtonGroup, Tooltip } from '@mui/material';
import { useState } from 'react';
import { useTranslate } from 'react-admin';
import {
  type ConditionNode,
  type GroupMode,
  type GroupNode,
  jsonValue,
  KEYED_FACT_HINTS,
  kindForOperator,
  type LeafNode,
  type LeafValue,
  newGroup,
  newLeaf,
  toCondition,
  toNode,
  type ValueKind,
  withMode,
} from './conditions';
import { useEditor, useFieldError } from './editorState';
import { useEngine } from './engineLoader';
import { type DocPath, fieldOf, getIn } from './paths';

const VALUE_KINDS: ValueKind[] = ['number', 'text', 'boolean', 'list', 'fact'];

function useFacts(): string[] {
  const { content } = useEditor();
  const engine = useEngine();
  return [...Object.keys((content.inputs ?? {}) as Record<string, unknown>), ...(engine?.SCHEME_CONDITION_FACTS ?? [])];
}

function useOperators(): readonly string[] {
  return useEngine()?.CONDITION_OPERATORS ?? [];
}

function ErrorText({ path }: { path: DocPath }) {
  const error = useFieldError(path);
  return error ? <Box sx={{ color: 'error.main', typography: 'caption' }}>{error}</Box> : null;
}

function FactInput({ value, onChange, path, label }: { value: string; onChange: (fact: string) => void; path: DocPath; label: string }) {
  const facts = useFacts();
  const translate = useTranslate();
  const error = useFieldError(path);
  return (
    <Box sx={{ width: 200 }} data-testid={`field-${fieldOf(path)}`}>
      <Autocomplete
        freeSolo
        size="small"
        options={facts}
        inputValue={value}
        onInputChange={(_, next) => onChange(next)}
        renderInput={(params) => <TextField {...params} label={translate(label)} error={error !== undefined} helperText={error} />}
      />
    </Box>
  );
}

function PathInput({ fact, value, onChange, path }: { fact: string; value: string; onChange: (path: string) => void; path: DocPath }) {
  const translate = useTranslate();
  const error = useFieldError(path);
  return (
    <Box sx={{ width: 210 }} data-testid={`field-${fieldOf(path)}`}>
      <TextField fullWidth size="small" label={translate('carescore.scheme_editor.condition.path')} value={value} placeholder={KEYED_FACT_HINTS[fact] ?? '$.…'} onChange={(event) => onChange(event.target.value)} error={error !== undefined} helperText={error} slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }} />
    </Box>
  );
}

/** A literal value as typed; kept locally so "8." or "-" can be typed on the way to a number. */
function LiteralInput({ value, onChange, path }: { value: LeafValue; onChange: (value: LeafValue) => void; path: DocPath }) {
  const translate = useTranslate();
  const error = useFieldError(path);
  // The text as typed while it still stands for the stored value ("8." on the way to 8.5).
  const [typed, setTyped] = useState<string | null>(null);
  const text = typed !== null && JSON.stringify(jsonValue({ ...value, text: typed })) === JSON.stringify(jsonValue(value)) ? typed : value.text;
  if (value.kind === 'boolean') {
    return (
      <Box sx={{ width: 120 }} data-testid={`field-${fieldOf(path)}`}>
        <TextField select fullWidth size="small" label={translate('carescore.scheme_editor.condition.value')} value={value.text === 'true' ? 'true' : 'false'} onChange={(event) => onChange({ ...value, text: event.target.value })} error={error !== undefined} helperText={error}>
          <MenuItem value="true">true</MenuItem>
          <MenuItem value="false">false</MenuItem>
        </TextField>
      </Box>
    );
  }
  return (
    <Box sx={{ width: 180 }} data-testid={`field-${fieldOf(path)}`}>
      <TextField
        fullWidth
        size="small"
        label={translate('carescore.scheme_editor.condition.value')}
        value={text}
        placeholder={value.kind === 'list' ? 'A, B' : undefined}
        onChange={(event) => {
          setTyped(event.target.value);
          onChange({ ...value, text: event.target.value });
        }}
        error={error !== undefined}
        helperText={error}
        slotProps={{ htmlInput: { 'data-testid': `input-${fieldOf(path)}` } }}
      />
    </Box>
  );
}

function LeafEditor({ node, path, onChange, onRemove }: { node: LeafNode; path: DocPath; onChange: (node: LeafNode) => void; onRemove: () => void }) {
  const translate = useTranslate();
  const operatorError = useFieldError([...path, 'operator']);
  const operators = useOperators();
  const valuePath = [...path, 'value'];
  return (
    <Stack direction="row" useFlexGap spacing={1} sx={{ flexWrap: 'wrap', alignItems: 'flex-start', py: 0.5 }} data-testid={`condition-${fieldOf(path)}`}>
      <FactInput value={node.fact} onChange={(fact) => onChange({ ...node, fact })} path={[...path, 'fact']} label="carescore.scheme_editor.condition.fact" />
      <PathInput fact={node.fact} value={node.path} onChange={(next) => onChange({ ...node, path: next })} path={[...path, 'path']} />
      <Box sx={{ width: 190 }} data-testid={`field-${fieldOf([...path, 'operator'])}`}>
        <TextField
          select
          fullWidth
          size="small"
          label={translate('carescore.scheme_editor.condition.operator')}
          value={node.operator}
          onChange={(event) => onChange({ ...node, operator: event.target.value, value: { ...node.value, kind: kindForOperator(event.target.value, node.value.kind) } })}
          error={operatorError !== undefined}
          helperText={operatorError}
        >
          {operators.includes(node.operator) ? null : <MenuItem value={node.operator}>{node.operator}</MenuItem>}
          {operators.map((operator) => (
            <MenuItem key={operator} value={operator}>
              {translate(`carescore.scheme_editor.operators.${operator}`)}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      <Box sx={{ width: 130 }}>
        <TextField select fullWidth size="small" label={translate('carescore.scheme_editor.condition.value_kind')} value={node.value.kind} onChange={(event) => onChange({ ...node, value: { ...node.value, kind: event.target.value as ValueKind } })}>
          {VALUE_KINDS.map((kind) => (
            <MenuItem key={kind} value={kind}>
              {translate(`carescore.scheme_editor.value_kinds.${kind}`)}
            </MenuItem>
          ))}
        </TextField>
      </Box>
      {node.value.kind === 'fact' ? (
        <>
          <FactInput value={node.value.fact} onChange={(fact) => onChange({ ...node, value: { ...node.value, fact } })} path={[...valuePath, 'fact']} label="carescore.scheme_editor.condition.value_fact" />
          <PathInput fact={node.value.fact} value={node.value.path} onChange={(next) => onChange({ ...node, value: { ...node.value, path: next } })} path={[...valuePath, 'path']} />
          <ErrorText path={valuePath} />
        </>
      ) : (
        <LiteralInput value={node.value} onChange={(value) => onChange({ ...node, value })} path={valuePath} />
      )}
      <Tooltip title={translate('carescore.scheme_editor.remove')}>
        <IconButton size="small" aria-label={translate('carescore.scheme_editor.remove')} onClick={onRemove}>
          <DeleteOutlineIcon fontSize="small" />
        </IconButton>
      </Tooltip>
    </Stack>
  );
}

function RawEditor({ json, path, onChange, onRemove }: { json: unknown; path: DocPath; onChange: (json: unknown) => void; onRemove?: () => void }) {
  const translate = useTranslate();
  const error = useFieldError(path);
  const [text, setText] = useState(() => JSON.stringify(json));
  const [syntax, setSyntax] = useState<string | null>(null);
  return (
    <Stack direction="row" spacing={1} sx={{ py: 0.5 }}>
      <TextField
        fullWidth
        size="small"
        label={translate('carescore.scheme_editor.condition.raw')}
        value={text}
        onChange={(event) => {
          setText(event.target.value);
          try {
            onChange(JSON.parse(event.target.value));
            setSyntax(null);
          } catch (problem) {
            setSyntax(problem instanceof Error ? problem.message : String(problem));
          }
        }}
        error={error !== undefined || syntax !== null}
        helperText={syntax ?? error}
        slotProps={{ htmlInput: { style: { fontFamily: 'monospace' } } }}
      />
      {onRemove ? (
        <IconButton size="small" aria-label={translate('carescore.scheme_editor.remove')} onClick={onRemove}>
          <DeleteOutlineIcon fontSize="small" />
        </IconButton>
      ) : null}
    </Stack>
  );
}

function GroupEditor({ node, path, onChange, onRemove }: { node: GroupNode; path: DocPath; onChange: (node: GroupNode) => void; onRemove?: () => void }) {
  const translate = useTranslate();
  const childPath = (index: number): DocPath => (node.mode === 'not' ? [...path, 'not'] : [...path, node.mode, index]);
  const replaceChild = (index: number, child: ConditionNode) => onChange({ ...node, children: node.children.map((current, i) => (i === index ? child : current)) });
  const removeChild = (index: number) => onChange({ ...node, children: node.children.filter((_, i) => i !== index) });
  return (
    <Paper variant="outlined" sx={{ p: 1, pl: 1.5, my: 0.5, bgcolor: 'action.hover' }} data-testid={`group-${fieldOf(path)}`}>
      <Stack direction="row" spacing={1} sx={{ alignItems: 'center', mb: 0.5 }}>
        <ToggleButtonGroup size="small" exclusive value={node.mode} onChange={(_, mode: GroupMode | null) => mode && onChange(withMode(node, mode))}>
          {(['all', 'any', 'not'] as const).map((mode) => (
            <ToggleButton key={mode} value={mode}>
              {translate(`carescore.scheme_editor.condition.${mode}`)}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        <Box sx={{ flexGrow: 1 }} />
        {onRemove ? (
          <IconButton size="small" aria-label={translate('carescore.scheme_editor.remove')} onClick={onRemove}>
            <DeleteOutlineIcon fontSize="small" />
          </IconButton>
        ) : null}
      </Stack>
      <ErrorText path={node.mode === 'not' ? path : [...path, node.mode]} />
      {node.children.map((child, index) => {
        const at = childPath(index);
        if (child.type === 'leaf') return <LeafEditor key={index} node={child} path={at} onChange={(next) => replaceChild(index, next)} onRemove={() => removeChild(index)} />;
        if (child.type === 'group') return <GroupEditor key={index} node={child} path={at} onChange={(next) => replaceChild(index, next)} onRemove={() => removeChild(index)} />;
        return <RawEditor key={index} json={child.json} path={at} onChange={(json) => replaceChild(index, { type: 'raw', json })} onRemove={() => removeChild(index)} />;
      })}
      {node.mode !== 'not' || node.children.length === 0 ? (
        <Stack direction="row" spacing={1}>
          <Button size="small" startIcon={<AddIcon />} onClick={() => onChange({ ...node, children: [...node.children, newLeaf()] })} data-testid={`add-condition-${fieldOf(path)}`}>
            {translate('carescore.scheme_editor.condition.add_condition')}
          </Button>
          <Button size="small" startIcon={<AddIcon />} onClick={() => onChange({ ...node, children: [...node.children, newGroup(node.mode === 'all' ? 'any' : 'all')] })}>
            {translate('carescore.scheme_editor.condition.add_group')}
          </Button>
        </Stack>
      ) : null}
    </Paper>
  );
}

/** Edits the json-rules-engine condition at `path` (a zone's, hint's or promotion's `when`). */
export function ConditionBuilder({ path }: { path: DocPath }) {
  const { content, set } = useEditor();
  const json = getIn(content, path);
  const node = json === undefined ? newGroup() : toNode(json);
  const change = (next: ConditionNode) => set(path, toCondition(next));
  return (
    <Box data-testid={`when-${fieldOf(path)}`}>
      <ErrorText path={path} />
      {node.type === 'group' ? <GroupEditor node={node} path={path} onChange={change} /> : node.type === 'raw' ? <RawEditor json={node.json} path={path} onChange={(next) => set(path, next)} /> : <GroupEditor node={{ type: 'group', mode: 'all', children: [node] }} path={path} onChange={change} />}
    </Box>
  );
}

