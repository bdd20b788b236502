import { UPLOAD_FINDING_TEXT } from "../messages/findings-upload.ts";
import { findingBuilder } from "./finding-builder.ts";

/**
 * Builds a finding of the before-upload rules (upload-rules.ts; see findingBuilder). They use this one so that the
 * upload page, which runs them, carries their texts only.
 */
export const finding = findingBuilder(UPLOAD_FINDING_TEXT);
