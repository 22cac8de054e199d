import { Create } from 'react-admin';
import { ExperimentForm } from './ExperimentForm';
import { type ExperimentFormValues, toRequestBody } from './requestBody';

export function ExperimentCreate() {
  return (
    <Create transform={(data: ExperimentFormValues) => toRequestBody(data, 'create')} redirect="show">
      <ExperimentForm action="create" />
    </Create>
  );
}
