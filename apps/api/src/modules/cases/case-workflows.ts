import { Inject, Injectable, Logger } from '@nestjs/common';
import { type CompiledCondition, compileCondition, type LocalizedText, type Stage, validateWorkflow, type WorkflowDocument, type WorkflowTriggerEvent } from '@carescore/engine';
import type { Tx } from '../../database/transaction';
import { CasesRepository, type WorkflowVersionRow } from './cases.repository';

/** A workflow version ready to use: validated (defaults filled in) with its trigger compiled. */
export interface LoadedWorkflow {
  documentId: string;
  key: string;
  name: LocalizedText | Record<string, never>;
  versionId: string;
  version: number;
  document: WorkflowDocument;
  /** null when the workflow has no trigger. */
  trigger: CompiledCondition | null;
  /** The event that opens its cases (`appeal`), when it has one instead of a condition. */
  event: WorkflowTriggerEvent | null;
}

export function stageOf(workflow: LoadedWorkflow, index: number): Stage {
  const stage = workflow.document.stages[index];
  if (!stage) throw new Error(`workflow ${workflow.key} v${workflow.version} has no stage ${index}`);
  return stage;
}

/**
 * Workflow versions for cases. Versions are immutable once published, so each is validated and
 * its trigger compiled once per process, by version id.
 */
@Injectable()
export class CaseWorkflows {
  private readonly logger = new Logger('CaseWorkflows');
  private readonly loaded = new Map<string, LoadedWorkflow | null>();

  constructor(@Inject(CasesRepository) private readonly repository: CasesRepository) {}

  /** The newest published version of each workflow document of the institution. */
  async published(institutionId: string, tx?: Tx): Promise<LoadedWorkflow[]> {
    const rows = await this.repository.publishedWorkflows(institutionId, tx);
    return rows.map((row) => this.load(row)).filter((workflow): workflow is LoadedWorkflow => workflow !== null);
  }

  /** Versions by id (cases keep the version they started on). */
  async pinned(versionIds: readonly string[], tx?: Tx): Promise<Map<string, LoadedWorkflow>> {
    const missing = [...new Set(versionIds)].filter((id) => !this.loaded.has(id));
    if (missing.length > 0) for (const row of await this.repository.workflowVersions(missing, tx)) this.load(row);
    const result = new Map<string, LoadedWorkflow>();
    for (const id of versionIds) {
      const workflow = this.loaded.get(id);
      if (workflow) result.set(id, workflow);
    }
    return result;
  }

  async pinnedOne(versionId: string, tx?: Tx): Promise<LoadedWorkflow> {
    const workflow = (await this.pinned([versionId], tx)).get(versionId);
    if (!workflow) throw new Error(`workflow version ${versionId} cannot be read`);
    return workflow;
  }

  private load(row: WorkflowVersionRow): LoadedWorkflow | null {
    const cached = this.loaded.get(row.versionId);
    if (cached !== undefined) return cached;
    const validated = validateWorkflow(row.content);
    let workflow: LoadedWorkflow | null = null;
    if (validated.ok) {
      const document = validated.value;
      workflow = { documentId: row.documentId, key: row.key, name: row.name, versionId: row.versionId, version: row.version, document, trigger: document.trigger && 'when' in document.trigger ? compileCondition(document.trigger.when) : null, event: document.trigger && 'on' in document.trigger ? document.trigger.on : null };
    } else {
      this.logger.warn(`workflow ${row.key} v${row.version} does not validate and opens no cases: ${JSON.stringify(validated.issues)}`);
    }
    this.loaded.set(row.versionId, workflow);
    return workflow;
  }
}
