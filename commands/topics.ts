import { TOPIC_IDS } from '../src/core/bank/schema.js';
import { defineCommand } from '../src/registry/command.js';
import { topicsReply } from '../src/views/profile-views.js';

export default defineCommand({
  name: 'topics',
  description: 'The topics you can quiz on, with how many questions each has',
  async run(ctx) {
    const counts = new Map<string, number>();
    for (const topic of TOPIC_IDS) {
      const n = ctx.core.bank.filter({ topic }).length;
      if (n > 0) counts.set(topic, n);
    }
    return topicsReply(counts, ctx.invocation);
  },
});
