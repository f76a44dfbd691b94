/**
 * Node objects (nodes.ts) made from the parser's rows (table.ts) on demand, one level at a time: a dict's entries and
 * an array's items are made the first time they are read, and then kept. Hover, completion, the outline and fixes
 * read a handful of levels of the tree; validation reads the rows and makes no nodes at all for most entries, so a
 * large file costs no tree per keystroke.
 *
 * Two ways in: `treeRootOf` gives the document's tree (one object per element, the same object every time it is
 * reached), and `valueViewOf` gives a view of one value outside that tree, for a rule that wants a value as nodes
 * without making the levels above it. Such a view's parent is made when first read; compare nodes from the two by
 * offset, not by identity.
 */
import type { ArrayNode, ContainerNode, DictEntry, DictNode, KeyNode, ScalarKind, ScalarNode, ValueNode } from './nodes';
import { KIND_ARRAY, KIND_DICT, NODE_KIND, type PlistTable } from './table';

/** `parent` not made yet: it is made from the table when first read. */
const NOT_MADE = null;

type ParentSlot = ContainerNode | undefined | typeof NOT_MADE;

/**
 * What every value view has: its element's offsets and state, and its parent, made on demand. Every concrete view is
 * one of the `ValueNode` kinds, which is why `this` is passed on as one.
 */
abstract class ValueView {
  readonly offset: number;
  end: number;
  isClosed: boolean;
  private madeParent: ParentSlot;

  constructor(
    protected readonly table: PlistTable,
    protected readonly id: number,
    parent: ParentSlot,
  ) {
    this.offset = table.offset(id);
    this.end = table.end(id);
    this.isClosed = table.isClosed(id);
    this.madeParent = parent;
  }

  get parent(): ContainerNode | undefined {
    if (this.madeParent === NOT_MADE) this.madeParent = parentViewOf(this.table, this.id, this as unknown as ValueNode);
    return this.madeParent;
  }
}

/**
 * A dict or array view. `knownChild` is a child already viewed (the view this container was made as the parent of):
 * it stands for its element among the children, so that `entryOf` finds it.
 */
abstract class ContainerView extends ValueView {
  constructor(
    table: PlistTable,
    id: number,
    parent: ParentSlot,
    private readonly knownChild?: ValueNode,
    private readonly knownChildId = -1,
  ) {
    super(table, id, parent);
  }

  /** The view of child element `child`. */
  protected childView(child: number): ValueNode {
    return child === this.knownChildId && this.knownChild !== undefined ? this.knownChild : viewOf(this.table, child, this as unknown as ContainerNode);
  }

  /** `make` of each child element in order: a dict's keys, an array's items. */
  protected mapChildren<T>(make: (child: number) => T): T[] {
    const table = this.table;
    const made: T[] = [];
    for (let child = table.firstChild(this.id); child >= 0; child = table.nextSibling(child)) made.push(make(child));
    return made;
  }
}

class DictView extends ContainerView implements DictNode {
  readonly kind = 'dict' as const;
  private madeEntries: DictEntry[] | undefined = undefined;

  get entries(): DictEntry[] {
    return (this.madeEntries ??= this.mapChildren((key) => {
      const value = this.table.valueOf(key);
      return { key: keyView(this.table, key, this), value: value < 0 ? undefined : this.childView(value) };
    }));
  }
}

class ArrayView extends ContainerView implements ArrayNode {
  readonly kind = 'array' as const;
  private madeItems: ValueNode[] | undefined = undefined;

  get items(): ValueNode[] {
    return (this.madeItems ??= this.mapChildren((item) => this.childView(item)));
  }
}

class ScalarView extends ValueView implements ScalarNode {
  readonly kind: ScalarKind;
  textOffset: number;
  textEnd: number;
  private madeText: string | undefined = undefined;

  constructor(table: PlistTable, id: number, parent: ParentSlot) {
    super(table, id, parent);
    this.kind = NODE_KIND[table.kind(id)] as ScalarKind;
    this.textOffset = table.textOffset(id);
    this.textEnd = table.textEnd(id);
  }

  /**
   * Sliced from the source when first read: validation makes a view of every value whose key the catalog knows
   * and reads the text of few of them.
   */
  get text(): string {
    return (this.madeText ??= this.table.textOf(this.id));
  }
}

function keyView(table: PlistTable, id: number, parent: DictNode): KeyNode {
  return {
    kind: 'key',
    offset: table.offset(id),
    end: table.end(id),
    isClosed: table.isClosed(id),
    textOffset: table.textOffset(id),
    textEnd: table.textEnd(id),
    text: table.textOf(id),
    parent,
  };
}

function viewOf(table: PlistTable, id: number, parent: ParentSlot): ValueNode {
  const kind = table.kind(id);
  if (kind === KIND_DICT) return new DictView(table, id, parent);
  if (kind === KIND_ARRAY) return new ArrayView(table, id, parent);
  return new ScalarView(table, id, parent);
}

/**
 * A fresh view of the container of `child` (element `id`), itself with a parent made on demand; `child` stands for
 * its element among the container's entries or items, so `entryOf` and `keyPathOf` work on views as on the tree.
 */
function parentViewOf(table: PlistTable, id: number, child: ValueNode): ContainerNode | undefined {
  const parent = table.parent(id);
  if (parent < 0) return undefined;
  return table.kind(parent) === KIND_DICT ? new DictView(table, parent, NOT_MADE, child, id) : new ArrayView(table, parent, NOT_MADE, child, id);
}

/** The document's tree: the root value's node, whose levels are made as they are read. */
export function treeRootOf(table: PlistTable): ValueNode | undefined {
  return table.root < 0 ? undefined : viewOf(table, table.root, undefined);
}

/**
 * A view of the value element `id` outside the document's tree (see the file's comment). Cheap: its own fields only;
 * its children and parent are made if read.
 */
export function valueViewOf(table: PlistTable, id: number): ValueNode {
  return viewOf(table, id, NOT_MADE);
}
