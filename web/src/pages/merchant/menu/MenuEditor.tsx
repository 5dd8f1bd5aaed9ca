// The menu editor: categories (add, change, availability, move up/down, delete with its items),
// their items (add/change in a dialog, move up/down, delete), the modifier groups items offer,
// and for every staff level the sold-out switch and stock of each item. Every change is saved
// at once and the menu is read again, so the page shows what customers see.
import { useEffect, useState } from 'preact/hooks';
import {
  deleteCategory,
  deleteGroup,
  deleteItem,
  getMenu,
  tagLabel,
  updateCategory,
  updateItem,
  type Menu,
  type MenuCategory,
  type MenuItem,
  type ModifierGroup,
} from '../../../api/merchant';
import type { UserError } from '../../../api/problem';
import { Alert, Badge, Button, ConfirmDialog, MoveButtons, moved, Price } from '../../../ui';
import { atLeast, StorePage, useStore } from '../shell';
import { CategoryDialog } from './CategoryDialog';
import { GroupDialog } from './GroupDialog';
import { ItemDialog } from './ItemDialog';
import { groupRule, positionChanges, windowsWords } from './menuModel';
import { StockControls } from './StockControls';

type Editing =
  | { kind: 'category'; category: MenuCategory | null }
  | { kind: 'item'; item: MenuItem | null; categoryId: string }
  | { kind: 'group'; group: ModifierGroup | null }
  | { kind: 'delete-category'; category: MenuCategory }
  | { kind: 'delete-item'; item: MenuItem }
  | { kind: 'delete-group'; group: ModifierGroup };

export function MenuEditor() {
  const { merchant, level } = useStore();
  const manager = atLeast(level, 'manager');
  const [menu, setMenu] = useState<Menu | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [moving, setMoving] = useState(false);

  async function load() {
    const r = await getMenu(merchant.id);
    if (!r.ok) return setError(r.error);
    setError(null);
    setMenu(r.data);
  }
  useEffect(() => void load(), [merchant.id]);

  const saved = (words: string) => {
    setNotice(words);
    void load();
  };
  const close = () => setEditing(null);

  /** Saves the new order: every entry whose position changed. */
  async function reorder<T extends { id: string; position: number; name: string }>(
    list: readonly T[],
    index: number,
    direction: -1 | 1,
    save: (id: string, position: number) => Promise<{ ok: boolean; error?: UserError }>,
  ) {
    const entry = list[index]!;
    const next = moved(list, index, direction);
    setMoving(true);
    setError(null);
    for (const change of positionChanges(next)) {
      const r = await save(change.id, change.position);
      if (!r.ok) {
        setMoving(false);
        setError(r.error ?? null);
        return load();
      }
    }
    await load();
    setMoving(false);
    setNotice(`${entry.name} moved ${direction < 0 ? 'up' : 'down'}: ${index + direction + 1} of ${list.length}.`);
  }

  const categories = menu?.categories ?? [];
  const groups = menu?.modifier_groups ?? [];

  return (
    <StorePage section="menu">
      <div class="stack">
        <p>
          Changes are saved at once and customers see them within a minute.
          {!manager && ' As staff you can mark items sold out and count their stock; a manager or owner changes the rest.'}
        </p>
        <div aria-live="polite">
          {notice && <Alert tone="success">{notice}</Alert>}
        </div>
        {error && (
          <Alert tone="error">
            <p>{error.message}</p>
            <p>
              <Button variant="secondary" onClick={() => void load()}>
                Load the menu again
              </Button>
            </p>
          </Alert>
        )}
        {!menu && !error && <p role="status">Loading the menu…</p>}
        {menu && categories.length === 0 && (
          <div class="empty-state">
            <p>
              The menu is empty, so customers cannot order yet.{' '}
              {manager ? 'Start with a category such as “Pizzas” or “Drinks”, then add items to it.' : 'A manager or owner builds it.'}
            </p>
          </div>
        )}
        {manager && menu && (
          <p>
            <Button onClick={() => setEditing({ kind: 'category', category: null })}>Add a category</Button>
          </p>
        )}
        {categories.map((category, ci) => (
          <section class="card menu-category" key={category.id} aria-labelledby={`category-${category.id}`}>
            <div class="menu-heading">
              <h2 id={`category-${category.id}`}>{category.name}</h2>
              {manager && (
                <div class="cell-actions">
                  <Button
                    variant="secondary"
                    class="btn-small"
                    aria-label={`Change category ${category.name}`}
                    onClick={() => setEditing({ kind: 'category', category })}
                  >
                    Change
                  </Button>
                  <MoveButtons
                    name={category.name}
                    index={ci}
                    count={categories.length}
                    busy={moving}
                    onMove={(d) => void reorder(categories, ci, d, (id, position) => updateCategory(merchant.id, id, { position }))}
                  />
                  <Button
                    variant="danger"
                    class="btn-small"
                    aria-label={`Delete category ${category.name}`}
                    onClick={() => setEditing({ kind: 'delete-category', category })}
                  >
                    Delete
                  </Button>
                </div>
              )}
            </div>
            {category.description && <p>{category.description}</p>}
            <p class="muted">
              {windowsWords(category.availability) ?? 'Available whenever the store is open.'}
              {!category.available_now && category.availability.length > 0 && ' Not available at this moment.'}
            </p>
            {category.items.length === 0 ? (
              <p class="muted">No items in this category yet.</p>
            ) : (
              <ul class="menu-items" aria-label={`Items in ${category.name}`}>
                {category.items.map((item, ii) => (
                  <ItemRow
                    key={item.id}
                    item={item}
                    index={ii}
                    count={category.items.length}
                    groups={groups}
                    currency={menu!.currency}
                    manager={manager}
                    moving={moving}
                    merchantId={merchant.id}
                    onEdit={() => setEditing({ kind: 'item', item, categoryId: category.id })}
                    onDelete={() => setEditing({ kind: 'delete-item', item })}
                    onMove={(d) =>
                      void reorder(category.items, ii, d, (id, position) => updateItem(merchant.id, id, { position }))
                    }
                    onStock={(changed, words) => {
                      setNotice(words);
                      setMenu((m) =>
                        m && {
                          ...m,
                          categories: m.categories.map((c) => ({
                            ...c,
                            items: c.items.map((x) => (x.id === changed.id ? changed : x)),
                          })),
                        },
                      );
                    }}
                  />
                ))}
              </ul>
            )}
            {manager && (
              <p>
                <Button
                  variant="secondary"
                  onClick={() => setEditing({ kind: 'item', item: null, categoryId: category.id })}
                >
                  Add an item to {category.name}
                </Button>
              </p>
            )}
          </section>
        ))}

        {menu && (
          <section class="card" aria-labelledby="groups-title">
            <h2 id="groups-title">Modifier groups</h2>
            <p class="muted">
              Choices that come with items: a required size, optional extras. A group is shared by
              every item that offers it; attach it when you change an item.
            </p>
            {groups.length === 0 ? (
              <p class="muted">No modifier groups yet.</p>
            ) : (
              <ul class="menu-items" aria-label="Modifier groups">
                {groups.map((g) => (
                  <li key={g.id} class="menu-item">
                    <div class="menu-item-main">
                      <h3 class="menu-item-name">{g.name}</h3>
                      <p class="muted">
                        {groupRule(g.min_selections, g.max_selections)} Offered with{' '}
                        {countItems(menu, g.id)}.
                      </p>
                      <p>
                        Options:{' '}
                        {g.options.map((o, i) => (
                          <span key={o.id}>
                            {i > 0 && ', '}
                            {o.name} (<Price minor={o.price_delta_minor} currency={menu.currency} signed />
                            {o.sold_out && ', sold out'})
                          </span>
                        ))}
                      </p>
                    </div>
                    {manager && (
                      <div class="cell-actions">
                        <Button
                          variant="secondary"
                          class="btn-small"
                          aria-label={`Change modifier group ${g.name}`}
                          onClick={() => setEditing({ kind: 'group', group: g })}
                        >
                          Change
                        </Button>
                        <Button
                          variant="danger"
                          class="btn-small"
                          aria-label={`Delete modifier group ${g.name}`}
                          onClick={() => setEditing({ kind: 'delete-group', group: g })}
                        >
                          Delete
                        </Button>
                      </div>
                    )}
                  </li>
                ))}
              </ul>
            )}
            {manager && (
              <p>
                <Button variant="secondary" onClick={() => setEditing({ kind: 'group', group: null })}>
                  Add a modifier group
                </Button>
              </p>
            )}
          </section>
        )}
      </div>

      {menu && (
        <>
          <CategoryDialog
            merchantId={merchant.id}
            category={editing?.kind === 'category' ? editing.category : null}
            open={editing?.kind === 'category'}
            onClose={close}
            onSaved={saved}
          />
          <ItemDialog
            merchantId={merchant.id}
            menu={menu}
            item={editing?.kind === 'item' ? editing.item : null}
            categoryId={editing?.kind === 'item' ? editing.categoryId : ''}
            open={editing?.kind === 'item'}
            onClose={close}
            onSaved={saved}
          />
          <GroupDialog
            merchantId={merchant.id}
            currency={menu.currency}
            group={editing?.kind === 'group' ? editing.group : null}
            open={editing?.kind === 'group'}
            onClose={close}
            onSaved={saved}
          />
        </>
      )}
      <ConfirmDialog
        open={editing?.kind === 'delete-category'}
        title={`Delete ${editing?.kind === 'delete-category' ? editing.category.name : ''}?`}
        confirmLabel="Delete category"
        busyLabel="Deleting…"
        onClose={close}
        onConfirm={async () => {
          if (editing?.kind !== 'delete-category') return;
          const r = await deleteCategory(merchant.id, editing.category.id);
          if (!r.ok) return r.error;
          saved(`${editing.category.name} and its items are deleted.`);
        }}
      >
        {editing?.kind === 'delete-category' && (
          <p>
            {editing.category.items.length === 0
              ? 'The category is empty.'
              : `Its ${editing.category.items.length} item${editing.category.items.length === 1 ? '' : 's'} (${editing.category.items.map((i) => i.name).join(', ')}) are deleted with it.`}{' '}
            This cannot be undone.
          </p>
        )}
      </ConfirmDialog>
      <ConfirmDialog
        open={editing?.kind === 'delete-item'}
        title={`Delete ${editing?.kind === 'delete-item' ? editing.item.name : ''}?`}
        confirmLabel="Delete item"
        busyLabel="Deleting…"
        onClose={close}
        onConfirm={async () => {
          if (editing?.kind !== 'delete-item') return;
          const r = await deleteItem(merchant.id, editing.item.id);
          if (!r.ok) return r.error;
          saved(`${editing.item.name} is deleted.`);
        }}
      >
        <p>It disappears from the menu at once. To hide it for a while, mark it sold out instead.</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={editing?.kind === 'delete-group'}
        title={`Delete ${editing?.kind === 'delete-group' ? editing.group.name : ''}?`}
        confirmLabel="Delete group"
        busyLabel="Deleting…"
        onClose={close}
        onConfirm={async () => {
          if (editing?.kind !== 'delete-group') return;
          const r = await deleteGroup(merchant.id, editing.group.id);
          if (!r.ok) return r.error;
          saved(`${editing.group.name} is deleted and no longer offered with any item.`);
        }}
      >
        {editing?.kind === 'delete-group' && menu && (
          <p>It is removed from the {countItems(menu, editing.group.id)} that offer it.</p>
        )}
      </ConfirmDialog>
    </StorePage>
  );
}

function countItems(menu: Menu, groupId: string): string {
  const n = menu.categories.reduce(
    (sum, c) => sum + c.items.filter((i) => i.modifier_group_ids.includes(groupId)).length,
    0,
  );
  return n === 1 ? '1 item' : `${n} items`;
}

function ItemRow({
  item,
  index,
  count,
  groups,
  currency,
  manager,
  moving,
  merchantId,
  onEdit,
  onDelete,
  onMove,
  onStock,
}: {
  item: MenuItem;
  index: number;
  count: number;
  groups: ModifierGroup[];
  currency: string;
  manager: boolean;
  moving: boolean;
  merchantId: string;
  onEdit: () => void;
  onDelete: () => void;
  onMove: (direction: -1 | 1) => void;
  onStock: (item: MenuItem, words: string) => void;
}) {
  const offered = groups.filter((g) => item.modifier_group_ids.includes(g.id));
  const window = windowsWords(item.availability);
  return (
    <li class="menu-item">
      <div class="menu-item-main">
        <h3 class="menu-item-name">
          {item.name} <Price minor={item.price_minor} currency={currency} />
        </h3>
        <p class="menu-item-badges">
          {item.sold_out && <Badge tone="danger">Sold out</Badge>}
          {!item.sold_out && !item.available_now && <Badge tone="warning">Not available now</Badge>}
          {item.age_restricted && <Badge tone="neutral">18+</Badge>}
          {item.dietary.map((d) => (
            <Badge key={d} tone="success">
              {tagLabel(d)}
            </Badge>
          ))}
        </p>
        {item.description && <p>{item.description}</p>}
        <p class="muted">
          {offered.length > 0 && <>With {offered.map((g) => g.name).join(', ')}. </>}
          {item.allergens.length > 0 && <>Allergens: {item.allergens.map(tagLabel).join(', ')}. </>}
          {window && <>Available {window}. </>}
        </p>
      </div>
      <div class="menu-item-actions">
        <StockControls merchantId={merchantId} item={item} onChanged={onStock} />
        {manager && (
          <div class="cell-actions">
            <Button variant="secondary" class="btn-small" aria-label={`Change ${item.name}`} onClick={onEdit}>
              Change
            </Button>
            <MoveButtons name={item.name} index={index} count={count} busy={moving} onMove={onMove} />
            <Button variant="danger" class="btn-small" aria-label={`Delete ${item.name}`} onClick={onDelete}>
              Delete
            </Button>
          </div>
        )}
      </div>
    </li>
  );
}
