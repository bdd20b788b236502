import type { MajorCatalog } from "../call/catalog.ts";
import type { CallDefinition } from "../call/schema.ts";

/**
 * The call as a school's page needs it: the whole definition (it is public) and the catalog's majors, so the page
 * runs the very rules the server runs on a file's name before any byte is uploaded.
 */
export function callView(call: CallDefinition, catalog: MajorCatalog) {
  return {
    definition: call,
    majors: catalog.entries.map(({ level, code, name, category, class: majorClass, controlled }) => ({
      level,
      code,
      name,
      category,
      class: majorClass,
      controlled,
    })),
  };
}
