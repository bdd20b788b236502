import type { CallDefinition, DocumentTypeDefinition } from "./schema.ts";

/** The call's definition of a document type, or undefined when the call does not take that type. */
export function documentTypeOf(call: CallDefinition, id: string): DocumentTypeDefinition | undefined {
  return call.documentTypes.find((d) => d.id === id);
}
