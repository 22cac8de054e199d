import { Edit } from 'react-admin';
import { ExperimentForm } from './ExperimentForm';
import { type ExperimentFormValues, toRequestBody } from './requestBody';

export function ExperimentEdit() {
  return (
    <Edit transform={(data: ExperimentFormValues) => toRequestBody(data, 'update')} mutationMode="pessimistic" redirect="show">
      <ExperimentForm action="update" />
    </Edit>
  );
}
