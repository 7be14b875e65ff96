/**
 * Platforms want a first response within 3 seconds. Races work against a deadline: the result if
 * it comes in time, else `late` so the adapter can acknowledge (defer) and deliver the result after.
 */
export type Raced<T> = { inTime: true; value: T } | { inTime: false; later: Promise<T> };

export const FIRST_RESPONSE_BUDGET_MS = 2000;

export async function raceDeadline<T>(work: Promise<T>, ms: number = FIRST_RESPONSE_BUDGET_MS): Promise<Raced<T>> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), ms);
  });
  try {
    const first = await Promise.race([work.then((value) => ({ value })), late]);
    return first === 'late' ? { inTime: false, later: work } : { inTime: true, value: first.value };
  } finally {
    clearTimeout(timer);
  }
}
