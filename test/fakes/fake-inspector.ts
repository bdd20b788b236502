/** A BytesInspector that answers from a table of results by content, and counts what it was asked to inspect. */
import type { BytesInspector } from "../../shared/examination/examine.ts";
import type { InspectionResult } from "../../shared/pdf/facts.ts";
import type { InspectRequestOptions } from "../../shared/pdf/inspector.ts";

export class FakeInspector implements BytesInspector {
  readonly inspected: Uint8Array[] = [];
  /** The options of each inspection, in order ({} when none were given). */
  readonly asked: InspectRequestOptions[] = [];
  private readonly results = new Map<string, InspectionResult>();

  constructor(private readonly fallback: InspectionResult) {}

  /** Inspecting exactly these bytes yields `result`. */
  answer(bytes: Uint8Array, result: InspectionResult): void {
    this.results.set(Buffer.from(bytes).toString("base64"), result);
  }

  async inspectBytes(bytes: Uint8Array, options: InspectRequestOptions = {}): Promise<InspectionResult> {
    this.inspected.push(bytes);
    this.asked.push(options);
    return this.results.get(Buffer.from(bytes).toString("base64")) ?? this.fallback;
  }
}
