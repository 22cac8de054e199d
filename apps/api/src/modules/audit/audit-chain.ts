/** One entry of a chain as verification reads it: what is stored, and the hash its stored content has now. */
export interface ChainLink {
  id: string;
  seq: number;
  prevHash: string | null;
  hash: string | null;
  /** audit_log_entry_hash over the entry as it is stored now. */
  recomputed: string;
}

/**
 * How a link is broken: `entries_missing` (the sequence jumps: entries before this one were deleted),
 * `sequence_out_of_order` (a sequence number repeats or goes back), `link_broken` (the entry does not name the
 * previous entry's hash), `content_changed` (the entry's content no longer has its hash).
 */
export type ChainProblem = 'entries_missing' | 'sequence_out_of_order' | 'link_broken' | 'content_changed';

export interface ChainBreak {
  entryId: string;
  sequence: number;
  problem: ChainProblem;
  /** A sequence number for the sequence problems, a hash (or 'none') for the others. */
  expected: string;
  found: string;
}

export interface ChainReport {
  institutionId: string | null;
  entries: number;
  /** The last entry (its hash, recorded outside the database, also proves that nothing was cut off the end later). */
  head: { sequence: number; hash: string | null } | null;
  /** The first broken link, or null when the chain is intact. */
  broken: ChainBreak | null;
}

/** Walks one chain in sequence order, page by page; stops at the first broken link. */
export class ChainWalk {
  private expectedSeq = 1;
  private previousHash: string | null = null;
  private count = 0;
  private last: ChainLink | null = null;
  private firstBreak: ChainBreak | null = null;

  constructor(private readonly institutionId: string | null) {}

  /** Takes the next link; false once the chain is broken (later links are not looked at). */
  push(link: ChainLink): boolean {
    if (this.firstBreak) return false;
    this.count += 1;
    this.last = link;
    this.firstBreak = this.check(link);
    this.expectedSeq = link.seq + 1;
    this.previousHash = link.hash;
    return this.firstBreak === null;
  }

  report(): ChainReport {
    return {
      institutionId: this.institutionId,
      entries: this.count,
      head: this.last ? { sequence: this.last.seq, hash: this.last.hash } : null,
      broken: this.firstBreak,
    };
  }

  private check(link: ChainLink): ChainBreak | null {
    const at = { entryId: link.id, sequence: link.seq };
    if (link.seq > this.expectedSeq) return { ...at, problem: 'entries_missing', expected: String(this.expectedSeq), found: String(link.seq) };
    if (link.seq < this.expectedSeq) return { ...at, problem: 'sequence_out_of_order', expected: String(this.expectedSeq), found: String(link.seq) };
    if (link.prevHash !== this.previousHash) return { ...at, problem: 'link_broken', expected: this.previousHash ?? 'none', found: link.prevHash ?? 'none' };
    if (link.hash !== link.recomputed) return { ...at, problem: 'content_changed', expected: link.recomputed, found: link.hash ?? 'none' };
    return null;
  }
}

/** One line for people (the CLI): where the chain breaks and how. */
export function describeBreak(broken: ChainBreak): string {
  const what: Record<ChainProblem, string> = {
    entries_missing: 'entries before it are missing (deleted)',
    sequence_out_of_order: 'its sequence number repeats or goes back',
    link_broken: "it does not carry the previous entry's hash",
    content_changed: 'its content was changed after it was written',
  };
  const unit = broken.problem === 'entries_missing' || broken.problem === 'sequence_out_of_order' ? 'sequence ' : '';
  return `entry id ${broken.entryId} (sequence ${broken.sequence}): ${what[broken.problem]}; expected ${unit}${broken.expected}, found ${unit}${broken.found}`;
}
