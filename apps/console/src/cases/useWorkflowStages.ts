import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { DocumentDetail, DocumentRecord, LocalizedText } from '../providers/dataProvider';

export interface StageChoice {
  id: string;
  name: LocalizedText | null;
}

/** Every stage id of the institution's workflow documents (for the stage filter), each once, in document order. */
export function useWorkflowStages(enabled = true): StageChoice[] {
  const dataProvider = useDataProvider();
  const { data } = useQuery({
    queryKey: ['cases', 'workflow-stages'],
    enabled,
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const { data: documents } = await dataProvider.getList<DocumentRecord>('documents', { filter: { kind: 'workflow' }, pagination: { page: 1, perPage: 100 }, sort: { field: 'key', order: 'ASC' } });
      const details = await Promise.all(documents.map((document) => dataProvider.getOne<DocumentDetail>('documents', { id: document.id }).then((result) => result.data)));
      const stages = new Map<string, StageChoice>();
      for (const detail of details) {
        const content = detail.content as { stages?: Array<{ id?: unknown; name?: LocalizedText }> };
        for (const stage of content.stages ?? []) {
          if (typeof stage.id === 'string' && !stages.has(stage.id)) stages.set(stage.id, { id: stage.id, name: stage.name ?? null });
        }
      }
      return [...stages.values()];
    },
  });
  return data ?? [];
}
