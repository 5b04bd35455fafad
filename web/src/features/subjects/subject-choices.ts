import type { CaseDetail } from '@samenspel/contracts';
import type { SelectChoice } from '../../components/select-field.js';
import { type MessageKey, t } from '../../i18n/i18n.js';

/**
 * A case's subjects as choices of a select: each by its label, and where two have the same
 * label (one person in the case twice, as main subject and as facilitator, say) with its role,
 * numbered when even that is alike, so that no two options read the same.
 */
export function subjectChoices(subjects: CaseDetail['subjects']): SelectChoice[] {
  const times = new Map<string, number>();
  for (const s of subjects) times.set(s.label, (times.get(s.label) ?? 0) + 1);
  const named = subjects.map((s) => ({
    id: s.id,
    label:
      (times.get(s.label) ?? 0) > 1 ? `${s.label} — ${t(`subjectRole.${s.role}` as MessageKey)}` : s.label,
  }));
  const still = new Map<string, number>();
  for (const s of named) still.set(s.label, (still.get(s.label) ?? 0) + 1);
  const seen = new Map<string, number>();
  return named.map((s) => {
    if ((still.get(s.label) ?? 0) < 2) return [s.id, s.label] as const;
    const n = (seen.get(s.label) ?? 0) + 1;
    seen.set(s.label, n);
    return [s.id, `${s.label} (${n})`] as const;
  });
}
