// Staff confirm or correct a case's cause. The confirmed category becomes a labelled example for the
// classifier, and the history says who changed what. The command line and the by-email `#category`
// command both come here.
import type { Knex } from 'knex';
import type { Category, CategorySet } from '../rules/categories';
import { confirmCategory, findCaseByNumber, lockCase, type CaseRow } from '../store/case-repo';
import { addHistory } from '../store/history-repo';

export class CategoryChangeError extends Error {
  override name = 'CategoryChangeError';
}

export async function setCaseCategory(db: Knex, categories: CategorySet, input: { number: string; category: string; actor: string; now: Date }): Promise<string> {
  const category = categories.categories.get(input.category);
  if (!category) throw new CategoryChangeError(`unknown category "${input.category}"; known: ${[...categories.categories.keys()].join(', ')}`);
  return db.transaction(async (trx) => {
    await lockCase(trx, { number: input.number });
    const kase = await findCaseByNumber(trx, input.number);
    if (!kase) throw new CategoryChangeError(`no case ${input.number}`);
    return changeCategory(trx, kase, category, input.actor, input.now);
  });
}

/** Confirms or corrects the case's category in the caller's transaction; the staff command uses it too. */
export async function changeCategory(trx: Knex, kase: CaseRow, category: Category, actor: string, now: Date): Promise<string> {
  const confirmed = kase.category === category.id;
  const at = now.toISOString();
  await confirmCategory(trx, kase.id, { category: category.id, department: confirmed ? kase.department : category.department }, at);
  const reason = confirmed
    ? `category ${category.id} confirmed by ${actor}`
    : `category corrected by ${actor}: ${kase.category ?? 'none'} -> ${category.id} (department ${category.department})`;
  await addHistory(trx, kase.id, at, { event: confirmed ? 'category_confirmed' : 'category_corrected', actor, reason, details: { previous: kase.category, category: category.id } });
  return reason;
}
