import { defineCommand } from '../src/registry/command.js';
import { topicsReply } from '../src/views/profile-views.js';

export default defineCommand({
  name: 'topics',
  description: 'The topics you can quiz on, with how many questions each has',
  async run(ctx) {
    const counts = new Map<string, number>();
    for (const q of ctx.core.bank.questions) counts.set(q.topic, (counts.get(q.topic) ?? 0) + 1);
    return topicsReply(counts);
  },
});
