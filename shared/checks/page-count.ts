import { FINDING_VALUES } from "../messages/finding-values.ts";
import type { Rule } from "./context.ts";
import { finding } from "./make-finding.ts";

/**
 * The page count the file declares is the page count a reviewer will see: the root /Count and, in a linearized file,
 * the /N that viewers trust both equal the pages found by walking the page tree, no page is listed twice and the tree
 * has no cycle. Silent when the walk could not finish (the file's other findings say why).
 */
export const pageCount: Rule = ({ inspection }, ctx) => {
  const walk = inspection?.ok ? inspection.facts.pageTree : undefined;
  if (!walk) return [];
  const declaredWrong = walk.declaredCount !== walk.pages;
  const linearizedWrong = walk.linearizedCount !== null && walk.linearizedCount !== walk.pages;
  const repeated = walk.pages - walk.distinctPages;
  if (!declaredWrong && !linearizedWrong && repeated === 0 && walk.cycles === 0) return [];
  const claimed = linearizedWrong ? walk.linearizedCount : walk.declaredCount;
  return finding(
    ctx,
    "PDF_PAGE_COUNT_INCONSISTENT",
    "file",
    {
      pages: walk.pages,
      declared: walk.declaredCount,
      linearized: linearizedWrong ? walk.linearizedCount : null,
      repeated,
      cycles: walk.cycles,
    },
    {
      expected: FINDING_VALUES.pages(walk.pages),
      ...(claimed !== null && claimed !== walk.pages ? { actual: FINDING_VALUES.pages(claimed) } : {}),
    },
  );
};
