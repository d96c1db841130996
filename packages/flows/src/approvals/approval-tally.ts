import type { TaskState } from '../core/instance-state';

export type ApprovalMode = 'any' | 'all' | 'sequential' | 'vote';
export type TallyResult = 'pending' | 'approved' | 'rejected';

const GONE = new Set(['cancelled', 'transferred', 'returned']);
const yes = (t: TaskState) => t.status === 'approved' || t.status === 'done';
const no = (t: TaskState) => t.status === 'rejected';

/**
 * Decides an approval node from its tasks. The mode counts the base tasks — any (或签): the
 * first to act decides; all (会签) and sequential (依次): everyone approves, one reject rejects;
 * vote: approvals / assignees ≥ passRatio passes, and fails as soon as it no longer can.
 * Signers added with 加签 must approve in every mode.
 */
export function tally(mode: ApprovalMode, passRatio: number, tasks: readonly TaskState[]): TallyResult {
  const live = tasks.filter((t) => !GONE.has(t.status));
  const base = live.filter((t) => t.role === 'base');
  const added = live.filter((t) => t.role !== 'base');
  if (added.some(no)) return 'rejected';
  const result = baseResult(mode, passRatio, base);
  if (result === 'approved' && !added.every(yes)) return 'pending';
  return result;
}

function baseResult(mode: ApprovalMode, passRatio: number, base: readonly TaskState[]): TallyResult {
  switch (mode) {
    case 'any':
      if (base.some(yes)) return 'approved';
      return base.some(no) ? 'rejected' : 'pending';
    case 'all':
    case 'sequential':
      if (base.some(no)) return 'rejected';
      return base.length > 0 && base.every(yes) ? 'approved' : 'pending';
    case 'vote': {
      const n = base.length;
      if (n === 0) return 'pending';
      if (base.filter(yes).length / n >= passRatio - 1e-9) return 'approved';
      if ((n - base.filter(no).length) / n < passRatio - 1e-9) return 'rejected';
      return 'pending';
    }
    default: {
      const never: never = mode;
      throw new Error(`unknown mode ${String(never)}`);
    }
  }
}
