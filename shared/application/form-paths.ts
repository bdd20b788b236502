/**
 * Reading the form by path, as the call's eligibility data names its fields: "conditions.schoolFullTimeStudents",
 * "conditions.groupMajors[].students" (every element), "socialTraining.perYear.2021".
 */

export interface PathValue {
  /** The concrete path, indices filled in: "conditions.groupMajors.2.students". */
  path: string;
  value: unknown;
}

/** Every value at a path; a missing value is reported as undefined, a missing or empty array as no values. */
export function valuesAt(root: unknown, path: string): PathValue[] {
  let current: PathValue[] = [{ path: "", value: root }];
  for (const segment of path.split(".")) {
    const each = segment.endsWith("[]");
    const key = each ? segment.slice(0, -2) : segment;
    const next: PathValue[] = [];
    for (const { path: at, value } of current) {
      const child = isContainer(value) ? (value as Record<string, unknown>)[key] : undefined;
      const childPath = at === "" ? key : `${at}.${key}`;
      if (!each) {
        next.push({ path: childPath, value: child });
      } else if (Array.isArray(child)) {
        child.forEach((element, i) => {
          next.push({ path: `${childPath}.${i}`, value: element });
        });
      }
    }
    current = next;
  }
  return current;
}

/** The single value at a path without `[]`. */
export function valueAt(root: unknown, path: string): unknown {
  return valuesAt(root, path)[0]?.value;
}

/** Objects by key, arrays by index ("partners.1"). */
function isContainer(value: unknown): value is object {
  return typeof value === "object" && value !== null;
}
