import type { ApplicationForm } from "../../shared/application/form.ts";
import { parseApplicationForm } from "../../shared/application/form-parse.ts";
import { formatPageRefs } from "../../shared/application/page-refs.ts";
import { ARRAY_PATHS, ROW_LISTS } from "./form-spec.ts";

/**
 * The 申报书 form's state and its transitions, as a pure reducer (like upload-state.ts): what the school typed, per
 * field path, which fields it has left (so a message shows only once it is done with a field), the field-level
 * findings — the shared schema run in the browser, or the server's 422 — and whether it is saving or closed. The
 * view (view/application-form.ts) runs the effects and renders; it decides nothing of this itself.
 */

/** A field as typed: text, or the titles ticked. */
export type FieldValue = string | readonly string[];

export type FormStatus = "loading" | "idle" | "saving" | "saved" | "invalid" | "refused" | "failed";

export interface FormState {
  values: Readonly<Record<string, FieldValue>>;
  /** Rows per row list ("competitions.awards" → 3). */
  rows: Readonly<Record<string, number>>;
  touched: Readonly<Record<string, true>>;
  /** Messages per field path; paths the page has no control for are listed in the summary only. */
  findings: Readonly<Record<string, readonly string[]>>;
  status: FormStatus;
  dirty: boolean;
  /** The deadline has passed (by the server's clock, or the server said so): read-only. */
  closed: boolean;
}

/** A problem with a field, as the browser's parse and the server's 422 both give it. */
export interface FieldProblem {
  path: string;
  message: string;
}

export type FormEvent =
  | { type: "loaded"; form: ApplicationForm | null; defaults: Record<string, FieldValue>; closed: boolean }
  | { type: "changed"; path: string; value: FieldValue }
  | { type: "left"; path: string }
  | { type: "rowAdded"; rows: string }
  | { type: "rowRemoved"; rows: string; index: number }
  | { type: "saveStarted" }
  | { type: "saved"; form: ApplicationForm }
  | { type: "refused"; problems: readonly FieldProblem[] }
  | { type: "failed"; deadlinePassed: boolean }
  | { type: "closed" };

export function initialFormState(): FormState {
  return { values: {}, rows: {}, touched: {}, findings: {}, status: "loading", dirty: false, closed: false };
}

export function formReducer(state: FormState, event: FormEvent): FormState {
  switch (event.type) {
    case "loaded": {
      const { values, rows } = fieldsOf(event.form);
      return {
        ...initialFormState(),
        values: event.form ? values : { ...event.defaults },
        rows,
        status: "idle",
        closed: event.closed,
      };
    }
    case "changed":
      if (state.closed) return state;
      return { ...state, values: { ...state.values, [event.path]: event.value }, dirty: true };
    case "left": {
      const touched = { ...state.touched, [event.path]: true as const };
      return { ...state, touched, findings: visibleFindings(validate(state.values), touched) };
    }
    case "rowAdded": {
      const spec = ROW_LISTS.find((r) => r.rows === event.rows);
      const count = state.rows[event.rows] ?? 0;
      if (!spec || state.closed || count >= spec.max) return state;
      return { ...state, rows: { ...state.rows, [event.rows]: count + 1 }, dirty: true };
    }
    case "rowRemoved": {
      if (state.closed) return state;
      const count = state.rows[event.rows] ?? 0;
      if (event.index < 0 || event.index >= count) return state;
      return {
        ...state,
        values: removeRow(state.values, event.rows, event.index, count),
        rows: { ...state.rows, [event.rows]: count - 1 },
        findings: {},
        dirty: true,
      };
    }
    case "saveStarted": {
      if (state.closed || state.status === "saving") return state;
      const { values, rows } = compactRows(state.values, state.rows);
      const problems = validate(values);
      if (problems.length > 0) {
        const touched = {
          ...state.touched,
          ...Object.fromEntries(problems.map((p) => [p.path, true] as const)),
        };
        return { ...state, values, rows, touched, findings: groupFindings(problems), status: "invalid" };
      }
      return { ...state, values, rows, findings: {}, status: "saving" };
    }
    case "saved": {
      const { values, rows } = fieldsOf(event.form);
      return { ...state, values, rows, findings: {}, touched: {}, status: "saved", dirty: false };
    }
    case "refused":
      return { ...state, findings: groupFindings(event.problems), status: "refused" };
    case "failed":
      return { ...state, status: "failed", closed: state.closed || event.deadlinePassed };
    case "closed":
      return { ...state, closed: true };
  }
}

/** Whether the state has a save to send: the reducer moved to "saving" only when the form parsed. */
export function isSaving(state: FormState): boolean {
  return state.status === "saving";
}

/** Every problem of the form as typed, by the shared schema: exactly what the server's parse would say. */
export function validate(values: Readonly<Record<string, FieldValue>>): FieldProblem[] {
  const parsed = parseApplicationForm(formInput(values));
  return parsed.ok ? [] : parsed.findings.map((f) => ({ path: f.path, message: f.message }));
}

/**
 * The form as typed, in the schema's shape, for the schema and for PUT: empty fields left out, lists by index,
 * year tables by year.
 */
export function formInput(values: Readonly<Record<string, FieldValue>>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(values)) {
    if (isBlank(value)) continue;
    const segments = path.split(".");
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < segments.length; i++) {
      const key = segments[i] as string;
      const last = i === segments.length - 1;
      const here = segments.slice(0, i + 1).join(".");
      const container = node as Record<string, unknown>;
      if (last) {
        container[key] = typeof value === "string" ? value.trim() : [...value];
      } else {
        container[key] ??= ARRAY_PATHS.has(stripIndices(here)) && !/^\d+$/.test(key) ? [] : {};
        node = container[key] as Record<string, unknown>;
      }
    }
  }
  // A partner left empty before a filled one keeps its place ({}), so "合作企业（2）" stays the second.
  fillHoles(root);
  return root;
}

/** The form as stored, as the controls show it: figures as digits, page references as "12-14、20", 是/否. */
export function fieldsOf(form: ApplicationForm | null): {
  values: Record<string, FieldValue>;
  rows: Record<string, number>;
} {
  const values: Record<string, FieldValue> = {};
  const rows: Record<string, number> = {};
  const walk = (value: unknown, path: string) => {
    if (value === undefined || value === null) return;
    if (path.endsWith(".pages") && Array.isArray(value)) {
      values[path] = formatPageRefs(value as number[]);
    } else if (path.endsWith(".titles") && Array.isArray(value)) {
      values[path] = value.map(String);
    } else if (Array.isArray(value)) {
      if (ROW_LISTS.some((r) => r.rows === path)) rows[path] = value.length;
      value.forEach((v, i) => {
        walk(v, `${path}.${i}`);
      });
    } else if (typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, path ? `${path}.${k}` : k);
    } else if (typeof value === "boolean") {
      values[path] = value ? "是" : "否";
    } else {
      values[path] = String(value);
    }
  };
  walk(form ?? {}, "");
  return { values, rows };
}

/** Messages by path, for the fields the school has left. */
function visibleFindings(
  problems: readonly FieldProblem[],
  touched: Readonly<Record<string, true>>,
): Record<string, string[]> {
  return groupFindings(problems.filter((p) => touched[p.path] || touched[ownerPath(p.path)]));
}

function groupFindings(problems: readonly FieldProblem[]): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const p of problems) out[p.path] = [...(out[p.path] ?? []), p.message];
  return out;
}

/** A ticked title's own problem ("basic.partners.0.titles.2") belongs to the titles control. */
export function ownerPath(path: string): string {
  return path.replace(/\.titles\.\d+$/, ".titles");
}

/** Row lists lose their empty rows before a save, so the stored form has none and indices stay those shown. */
export function compactRows(
  values: Readonly<Record<string, FieldValue>>,
  rows: Readonly<Record<string, number>>,
): { values: Record<string, FieldValue>; rows: Record<string, number> } {
  let next: Record<string, FieldValue> = { ...values };
  const nextRows: Record<string, number> = { ...rows };
  for (const [list, count] of Object.entries(rows)) {
    let n = count;
    for (let i = count - 1; i >= 0; i--) {
      const prefix = `${list}.${i}.`;
      const empty = Object.entries(next).every(([p, v]) => !p.startsWith(prefix) || isBlank(v));
      if (empty) {
        next = removeRow(next, list, i, n);
        n -= 1;
      }
    }
    nextRows[list] = n;
  }
  return { values: next, rows: nextRows };
}

/** Removes row `index` of a list, moving the rows after it up by one. */
function removeRow(
  values: Readonly<Record<string, FieldValue>>,
  list: string,
  index: number,
  count: number,
): Record<string, FieldValue> {
  const out: Record<string, FieldValue> = {};
  const prefix = `${list}.`;
  for (const [path, value] of Object.entries(values)) {
    if (!path.startsWith(prefix)) {
      out[path] = value;
      continue;
    }
    const rest = path.slice(prefix.length);
    const dot = rest.indexOf(".");
    const i = Number(dot < 0 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(i) || i >= count) continue;
    if (i < index) out[path] = value;
    else if (i > index) out[`${prefix}${i - 1}${dot < 0 ? "" : rest.slice(dot)}`] = value;
  }
  return out;
}

function isBlank(value: FieldValue | undefined): boolean {
  return value === undefined || (typeof value === "string" ? value.trim() === "" : value.length === 0);
}

function stripIndices(path: string): string {
  return path.replace(/\.\d+(?=\.|$)/g, "");
}

/** Sparse arrays (a partner slot left empty before a filled one) become dense, with {} in the hole. */
function fillHoles(node: unknown): void {
  if (Array.isArray(node)) {
    for (let i = 0; i < node.length; i++) {
      if (node[i] === undefined) node[i] = {};
      else fillHoles(node[i]);
    }
  } else if (typeof node === "object" && node !== null) {
    for (const v of Object.values(node)) fillHoles(v);
  }
}
