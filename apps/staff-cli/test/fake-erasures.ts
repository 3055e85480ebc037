import { FakeAnswer, problem } from './fake-http';

/** The fake intake's erasure tombstones: enough for `case erase` and `case erasure-status`. */
export class FakeErasures {
  private readonly tombstones = new Map<string, { legalBasis: string; erasedAt: string }>();

  get size(): number {
    return this.tombstones.size;
  }

  has(caseId: string): boolean {
    return this.tombstones.has(caseId);
  }

  erase(caseId: string, body: unknown): FakeAnswer {
    if (this.tombstones.has(caseId)) throw problem(409, 'CASE.ALREADY_ERASED');
    const { legalBasis } = body as { legalBasis: string };
    this.tombstones.set(caseId, { legalBasis, erasedAt: new Date().toISOString() });
    return new FakeAnswer(202, this.view(caseId));
  }

  view(caseId: string): unknown {
    const erased = this.tombstones.get(caseId);
    if (!erased) throw problem(404, 'CASE.NOT_FOUND');
    return { caseId, ...erased, confirmations: {}, complete: false };
  }
}
