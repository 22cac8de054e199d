import { Table, TableBody, TableCell, TableHead, TableRow } from '@mui/material';
import { useRecordContext, useTranslate } from 'react-admin';

type FactValue = number | number[];

const show = (value: FactValue) => (Array.isArray(value) ? value.join('; ') : String(value));

/** Number of inputs, for the list column. */
export function InputCountField(_props: { label?: string }) {
  const record = useRecordContext<{ id: string; inputs: Record<string, FactValue> }>();
  const translate = useTranslate();
  if (!record) return null;
  return <span>{translate('carescore.facts.inputs_count', { smart_count: Object.keys(record.inputs).length })}</span>;
}

/** Every input of one staff member's period, in the list's expand panel. */
export function FactInputs() {
  const record = useRecordContext<{ id: string; inputs: Record<string, FactValue> }>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Table size="small" sx={{ maxWidth: 640 }}>
      <TableHead>
        <TableRow>
          <TableCell>{translate('carescore.facts.column')}</TableCell>
          <TableCell>{translate('resources.facts.fields.inputs')}</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {Object.entries(record.inputs)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, value]) => (
            <TableRow key={name}>
              <TableCell sx={{ fontFamily: 'monospace' }}>{name}</TableCell>
              <TableCell>{show(value)}</TableCell>
            </TableRow>
          ))}
      </TableBody>
    </Table>
  );
}
