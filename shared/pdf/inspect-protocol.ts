/** The messages between the inspector and its worker thread. */
import type { InspectionResult, TextLayerMode } from "./facts.ts";

export interface InspectRequest {
  id: number;
  bytes: Uint8Array;
  /** Also read the text layer. */
  textLayer?: TextLayerMode;
}

export type WorkerMessage =
  | { type: "ready" }
  | { type: "result"; id: number; result: InspectionResult }
  /** Inspection threw: a failure of the inspection code, not a verdict on the file. */
  | { type: "error"; id: number; message: string; stack: string | undefined };
