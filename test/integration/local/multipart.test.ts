import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MalformedMultipart, multipartBoundary, readForm } from "../../../infra/local/multipart.ts";

interface ParsedPart {
  name: string;
  filename: string | undefined;
  contentType: string | undefined;
  data: Buffer;
}

/** Encodes a form exactly as fetch/undici (and so a browser) would send it. */
async function encodeForm(form: FormData): Promise<{ body: Buffer; boundary: string }> {
  const request = new Request("http://localhost/", { method: "POST", body: form });
  const boundary = multipartBoundary(request.headers.get("content-type") ?? "");
  if (!boundary) throw new Error("no boundary");
  return { body: Buffer.from(await request.arrayBuffer()), boundary };
}

async function* inChunks(body: Buffer, sizes: readonly number[]): AsyncGenerator<Buffer> {
  let offset = 0;
  for (let i = 0; offset < body.length; i++) {
    const size = Math.max(1, sizes[i % Math.max(1, sizes.length)] ?? body.length);
    yield body.subarray(offset, offset + size);
    offset += size;
  }
}

/** Every part of a form, in order: the fields, then the file. */
async function parse(chunks: AsyncIterable<Buffer>, boundary: string): Promise<ParsedPart[]> {
  const parts: ParsedPart[] = [];
  const file = await readForm(
    chunks,
    boundary,
    { maxFieldBytes: 1024 * 1024, maxFields: 100, maxFileBytes: 1024 * 1024 },
    {
      field: (name, value, { contentType }) => {
        parts.push({ name, filename: undefined, contentType, data: Buffer.from(value, "utf8") });
      },
      file: () => 1024 * 1024,
      tooLarge: (limit) => new Error(`file over ${limit} bytes`),
      tooManyFields: () => new Error("too many fields"),
    },
  );
  if (file) parts.push({ ...file.part, data: file.body });
  return parts;
}

describe("readForm", () => {
  it("reads fields and a file however the body is split", async () => {
    const fileBytes = Buffer.from("%PDF-1.7\r\n--not a boundary\r\n\r\n%%EOF");
    const form = new FormData();
    form.append("key", "uploads/河南 （计算机）+1.pdf");
    form.append("Content-Type", "application/pdf");
    form.append("file", new Blob([fileBytes], { type: "application/pdf" }), "申报材料.pdf");
    const { body, boundary } = await encodeForm(form);

    for (const sizes of [[body.length], [1], [3, 7, 11], [boundary.length + 3]]) {
      const parts = await parse(inChunks(body, sizes), boundary);

      expect(parts.map((p) => [p.name, p.filename, p.contentType])).toEqual([
        // busboy reports a field part without a Content-Type as RFC 7578's default.
        ["key", undefined, "text/plain"],
        ["Content-Type", undefined, "text/plain"],
        ["file", "申报材料.pdf", "application/pdf"],
      ]);
      expect(parts[0]?.data.toString("utf8")).toBe("uploads/河南 （计算机）+1.pdf");
      expect(parts[2]?.data).toEqual(fileBytes);
    }
  });

  it("round-trips any fields and file bytes in any chunking", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(fc.stringMatching(/^[a-zA-Z-]{1,20}$/), fc.string({ unit: "grapheme", maxLength: 40 })),
          {
            maxLength: 5,
          },
        ),
        fc.uint8Array({ maxLength: 600 }),
        fc.array(fc.integer({ min: 1, max: 97 }), { minLength: 1, maxLength: 8 }),
        async (fields, fileBytes, sizes) => {
          const form = new FormData();
          for (const [name, value] of fields) form.append(name, value);
          form.append("file", new Blob([fileBytes]), "f.bin");
          const { body, boundary } = await encodeForm(form);

          const parts = await parse(inChunks(body, sizes), boundary);

          expect(parts.map((p) => [p.name, p.data.toString("utf8")]).slice(0, -1)).toEqual(
            fields.map(([name, value]) => [name, value.replace(/\r\n|\r|\n/g, "\r\n")]),
          );
          expect(new Uint8Array(parts.at(-1)?.data ?? [])).toEqual(fileBytes);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("skips a preamble and stops at the close delimiter", async () => {
    const boundary = "xyz";
    const body = Buffer.from(
      'preamble\r\n--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--\r\nepilogue',
    );

    const parts = await parse(inChunks(body, [5]), boundary);

    expect(parts.map((p) => [p.name, p.data.toString()])).toEqual([["a", "1"]]);
  });

  it("refuses a body that ends before its closing boundary", async () => {
    const body = Buffer.from(
      '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a"\r\n\r\n%PDF',
    );

    await expect(parse(inChunks(body, [4]), "xyz")).rejects.toThrow(MalformedMultipart);
  });

  it("refuses a part without Content-Disposition, and endless part headers", async () => {
    const noDisposition = Buffer.from("--xyz\r\nContent-Type: text/plain\r\n\r\n1\r\n--xyz--");
    const endless = Buffer.from(`--xyz\r\nX-Filler: ${"a".repeat(20_000)}`);

    await expect(parse(inChunks(noDisposition, [64]), "xyz")).rejects.toThrow(MalformedMultipart);
    await expect(parse(inChunks(endless, [1024]), "xyz")).rejects.toThrow("part headers too large");
  });

  it("finds the boundary in a Content-Type, quoted or not, and only for form data", () => {
    expect(multipartBoundary("multipart/form-data; boundary=----abc")).toBe("----abc");
    expect(multipartBoundary('multipart/form-data; charset=utf-8; boundary="a b"')).toBe("a b");
    expect(multipartBoundary("multipart/mixed; boundary=abc")).toBeUndefined();
    expect(multipartBoundary("application/x-www-form-urlencoded")).toBeUndefined();
    expect(multipartBoundary(undefined)).toBeUndefined();
  });
});
