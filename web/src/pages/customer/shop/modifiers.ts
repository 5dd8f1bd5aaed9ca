// The rules of a menu item's modifier groups (docs/commerce.md "Menus"): each group allows
// min_selections..max_selections options (required when the minimum is above 0), and each
// option adds its price_delta_minor to the item's price.
import type { MenuItem, ModifierGroup } from '../../../api/catalog';

/** What is wrong with a group's choice, in words; null when it is fine. */
export function groupProblem(group: ModifierGroup, chosen: number): string | null {
  const { min_selections: min, max_selections: max } = group;
  if (chosen < min)
    return min === 1 ? `Choose one ${group.name.toLowerCase()}.` : `Choose at least ${min}.`;
  if (chosen > max) return `Choose at most ${max}.`;
  return null;
}

/** The rule of a group where several may be chosen, said under its legend. */
export function groupHint(g: ModifierGroup): string {
  if (g.min_selections === 0) return `Optional: up to ${g.max_selections}.`;
  if (g.min_selections === g.max_selections) return `Required: choose ${g.min_selections}.`;
  return `Required: choose ${g.min_selections} to ${g.max_selections}.`;
}

/** One item with these options, in minor units. */
export function unitPrice(item: MenuItem, groups: readonly ModifierGroup[], optionIds: string[]) {
  const options = groups.flatMap((g) => g.options).filter((o) => optionIds.includes(o.id));
  return options.reduce((sum, o) => sum + o.price_delta_minor, item.price_minor);
}

/** The item's groups, in the item's order (ids the menu does not have are skipped). */
export const groupsOf = (item: MenuItem, all: ReadonlyMap<string, ModifierGroup>) =>
  item.modifier_group_ids.flatMap((id) => all.get(id) ?? []);
