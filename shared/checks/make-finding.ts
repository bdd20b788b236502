import { FINDING_TEXT } from "../messages/findings.ts";
import { findingBuilder } from "./finding-builder.ts";

/** Builds a finding of any code (see findingBuilder); the rules that run before upload use make-upload-finding.ts. */
export const finding = findingBuilder(FINDING_TEXT);
