import { INTERVIEW_LENGTH } from '../src/core/interview/interview.js';
import { onAction, onSubmit } from '../src/registry/action.js';
import { defineCommand } from '../src/registry/command.js';
import { interviewAnswerPrompt, interviewQuestionCard, interviewStatusReply, interviewStepReply, interviewStopped } from '../src/views/interview-views.js';
import { interviewActions } from './interview.actions.js';
import { respond } from './shared/respond.js';
import { difficultyOption, topicOption } from './shared/options.js';

export default defineCommand({
  name: 'interview',
  description: 'A mock interview: several open questions in a row, graded, with a report at the end',
  textDefault: 'start',
  subcommands: [
    {
      name: 'start',
      description: 'Start a mock interview, or continue the one you have running',
      options: [
        { name: 'length', description: `Number of questions, ${INTERVIEW_LENGTH.min}–${INTERVIEW_LENGTH.max} (default ${INTERVIEW_LENGTH.default})`, type: 'integer', minValue: INTERVIEW_LENGTH.min, maxValue: INTERVIEW_LENGTH.max },
        topicOption(),
        difficultyOption(),
      ],
    },
    { name: 'status', description: 'Where you are in your interview, or its report when it is over' },
    { name: 'stop', description: 'End your interview now' },
  ],
  async run(ctx, input) {
    const interview = ctx.core.interview;
    switch (input.subcommand) {
      case 'start': {
        const { length, topic, difficulty } = input.options;
        return respond(await interview.start({ user: ctx.user, length, topic, difficulty }), (q) => interviewQuestionCard(q));
      }
      case 'status':
        return respond(await interview.status(ctx.user), (s) => interviewStatusReply(s, ctx.invocation));
      default:
        return respond(await interview.stop(ctx.user), (s) => interviewStopped(s, ctx.invocation));
    }
  },
  actions: [
    onAction(interviewActions.answer, async (ctx, { interviewId, index }) => respond(await ctx.core.interview.question(ctx.user, interviewId, index), interviewAnswerPrompt)),
    onAction(interviewActions.stop, async (ctx) => respond(await ctx.core.interview.stop(ctx.user), (s) => ({ ...interviewStopped(s, ctx.invocation), update: true }))),
  ],
  prompts: [
    onSubmit(interviewActions.submit, async (ctx, { interviewId, index }, text) =>
      respond(await ctx.core.interview.answer(ctx.user, interviewId, index, text), (step) => interviewStepReply(step, ctx.invocation)),
    ),
  ],
});
