import type { Difficulty, Question } from './schema.js';

export interface QuestionFilter {
  /** A bank topic or a pack's name. */
  topic?: string | undefined;
  difficulty?: Difficulty | undefined;
}

/** The validated, read-only question bank with the look-ups the core needs. */
export class QuestionBank {
  private readonly byId: ReadonlyMap<string, Question>;

  constructor(readonly questions: readonly Question[]) {
    this.byId = new Map(questions.map((q) => [q.id, q]));
  }

  get size(): number {
    return this.questions.length;
  }

  get(id: string): Question | undefined {
    return this.byId.get(id);
  }

  /** Topics that have at least one question, in bank order. */
  topics(): string[] {
    return [...new Set(this.questions.map((q) => q.topic))];
  }

  filter(f: QuestionFilter): Question[] {
    return this.questions.filter(
      (q) => (f.topic === undefined || q.topic === f.topic) && (f.difficulty === undefined || q.difficulty === f.difficulty),
    );
  }
}
