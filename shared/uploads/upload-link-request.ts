import { z } from "zod";
import { FILE_NAME_ISSUE_TEXT } from "../messages/api.ts";

/**
 * The body of POST /api/upload-links. The file name becomes the last segment of an S3 key and appears in
 * receipts, so anything that could act as a path or hide in a header is refused outright.
 */
export const UploadLinkRequest = z.object({
  fileName: z
    .string()
    .min(5)
    .max(200)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
    .refine((name) => !/[/\\\u0000-\u001f\u007f]/.test(name), FILE_NAME_ISSUE_TEXT.separators)
    // Bidi overrides and isolates, zero-width and other format characters, line separators: they can make a name
    // display differently from what it is (an extension reversed, a character hidden) in a reviewer's file list.
    .refine((name) => !/[\p{Cf}\p{Zl}\p{Zp}]/u.test(name), FILE_NAME_ISSUE_TEXT.invisible)
    .refine((name) => name.trim() === name || name.trim().length > 0, FILE_NAME_ISSUE_TEXT.blank)
    .refine((name) => name !== "." && name !== ".." && !name.startsWith(".."), FILE_NAME_ISSUE_TEXT.relative),
  documentType: z.string().min(1).max(32).optional(),
  size: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
});
export type UploadLinkRequest = z.infer<typeof UploadLinkRequest>;
