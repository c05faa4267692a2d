/**
 * From the data model to a plan: which models an organisation's export holds and how each one's
 * rows are found, which are left out and why, and the order in which an import inserts them
 * (foreign keys first; a cycle or a self-reference is broken by filling a nullable foreign key
 * after every row is in).
 */
import { COLLAB_LOG_MODEL, DOCUMENT_MODELS, EXCLUDED_MODELS, KEYED_MODELS, ROOT_KEY, ROOT_MODEL } from "./coverage";
import { type DataModel, type Model, type ModelField, foreignKeys, isNullableForeignKey, modelNamed } from "./schema-model";

/** How a model's rows are chosen. */
export type Scope =
  /** The organisation itself. */
  | { kind: "root" }
  /** Rows whose foreign key `via` leads, relation by relation, to the organisation. */
  | { kind: "owned"; via: ModelField; parent: string; depth: number }
  /** No relation to the organisation, but exported rows point at them (users): exactly those rows. */
  | { kind: "referenced"; by: string[] }
  /** A plain column holds an exported row's id. */
  | { kind: "keyed"; field: string; model: string }
  /** Stored as collaborative documents, not rows. */
  | { kind: "documents"; reason: string }
  | { kind: "excluded"; reason: string };

export type TransferPlan = {
  scopes: Map<string, Scope>;
  /** Models in no category: the export refuses to run while there are any. */
  uncovered: string[];
  /** Models exported as rows, in an order that inserts every foreign key's target first. */
  insertOrder: string[];
  /** Nullable foreign-key fields inserted as null and set once every row is in, per model. */
  deferred: Map<string, string[]>;
};

const isRowScope = (scope: Scope | undefined) => !!scope && ["root", "owned", "referenced", "keyed"].includes(scope.kind);

export function planTransfer(dataModel: DataModel): TransferPlan {
  const scopes = new Map<string, Scope>();
  modelNamed(dataModel, ROOT_MODEL);
  scopes.set(ROOT_MODEL, { kind: "root" });
  for (const [name, reason] of Object.entries(EXCLUDED_MODELS)) scopes.set(name, { kind: "excluded", reason });
  for (const [name, reason] of Object.entries(DOCUMENT_MODELS)) scopes.set(name, { kind: "documents", reason });
  for (const [name, rule] of Object.entries(KEYED_MODELS)) scopes.set(name, { kind: "keyed", field: rule.field, model: rule.model });

  // Breadth first from the organisation: through required foreign keys, then (for models that
  // have none leading there) through nullable ones. Depth says how many relations away it is.
  const depth = new Map<string, number>([[ROOT_MODEL, 0]]);
  for (const allowNullable of [false, true]) {
    for (let changed = true; changed; ) {
      changed = false;
      for (const model of dataModel.models) {
        if (scopes.has(model.name)) continue;
        let best: { via: ModelField; parent: string; depth: number } | null = null;
        for (const fk of foreignKeys(model)) {
          const parentDepth = depth.get(fk.type);
          if (parentDepth === undefined || fk.type === model.name) continue;
          if (!allowNullable && isNullableForeignKey(model, fk)) continue;
          if (!best || parentDepth + 1 < best.depth) best = { via: fk, parent: fk.type, depth: parentDepth + 1 };
        }
        if (best) {
          scopes.set(model.name, { kind: "owned", ...best });
          depth.set(model.name, best.depth);
          changed = true;
        }
      }
    }
  }

  // Models left that exported rows point at: their rows travel with those pointing at them.
  for (let changed = true; changed; ) {
    changed = false;
    for (const model of dataModel.models) {
      if (scopes.has(model.name)) continue;
      const by = dataModel.models.filter((m) => isRowScope(scopes.get(m.name)) && foreignKeys(m).some((fk) => fk.type === model.name)).map((m) => m.name);
      if (by.length) {
        scopes.set(model.name, { kind: "referenced", by });
        changed = true;
      }
    }
  }

  const uncovered = dataModel.models.filter((m) => !scopes.has(m.name)).map((m) => m.name);
  const rowModels = dataModel.models.filter((m) => isRowScope(scopes.get(m.name)));
  const { order, deferred } = insertionOrder(rowModels);
  return { scopes, uncovered, insertOrder: order, deferred };
}

/**
 * Kahn's algorithm over foreign keys between the exported models. A self-reference is always
 * deferred; when only cycles are left, their nullable foreign keys are deferred until the rest
 * can be ordered. A cycle of required foreign keys cannot be inserted: an error.
 */
function insertionOrder(models: Model[]): { order: string[]; deferred: Map<string, string[]> } {
  const names = new Set(models.map((m) => m.name));
  const deferred = new Map<string, string[]>();
  const defer = (model: Model, fk: ModelField) => deferred.set(model.name, [...(deferred.get(model.name) ?? []), ...fk.relationFromFields]);
  const edges = new Map<string, Array<{ fk: ModelField; target: string }>>();
  for (const model of models) {
    const list: Array<{ fk: ModelField; target: string }> = [];
    for (const fk of foreignKeys(model)) {
      if (!names.has(fk.type)) continue;
      if (fk.type === model.name) {
        if (!isNullableForeignKey(model, fk)) throw new Error(`${model.name}.${fk.name} is a required reference to its own model: rows cannot be inserted`);
        defer(model, fk);
      } else list.push({ fk, target: fk.type });
    }
    edges.set(model.name, list);
  }
  const order: string[] = [];
  const placed = new Set<string>();
  while (placed.size < models.length) {
    const ready = models.filter((m) => !placed.has(m.name) && edges.get(m.name)!.every((e) => placed.has(e.target)));
    if (ready.length) {
      for (const m of ready) {
        order.push(m.name);
        placed.add(m.name);
      }
      continue;
    }
    // Only cycles left: defer the nullable foreign keys among the models still waiting.
    let broke = false;
    for (const m of models) {
      if (placed.has(m.name)) continue;
      const keep: Array<{ fk: ModelField; target: string }> = [];
      for (const e of edges.get(m.name)!) {
        if (!placed.has(e.target) && isNullableForeignKey(m, e.fk)) {
          defer(m, e.fk);
          broke = true;
        } else keep.push(e);
      }
      edges.set(m.name, keep);
    }
    if (!broke) {
      const waiting = models.filter((m) => !placed.has(m.name)).map((m) => m.name);
      throw new Error(`Required foreign keys form a cycle among ${waiting.join(", ")}: rows cannot be inserted`);
    }
  }
  return { order, deferred };
}

/** A Prisma `where` choosing the organisation's rows of an owned model (through relation filters). */
export function ownedWhere(plan: TransferPlan, modelName: string, slug: string): Record<string, unknown> {
  const scope = plan.scopes.get(modelName);
  if (scope?.kind === "root") return { [ROOT_KEY]: slug };
  if (scope?.kind !== "owned") throw new Error(`${modelName} is not reached from the organisation`);
  return { [scope.via.name]: { is: ownedWhere(plan, scope.parent, slug) } };
}

/** The collaborative documents of a locality are the ones named `locality:<id>:…`. */
export function documentPrefix(localityId: string): string {
  return `locality:${localityId}:`;
}

export { COLLAB_LOG_MODEL };
