import { WEB_TEXT } from "../shared/messages/web.ts";

/** The page's HTML shell: everything else is built by the script from the API's data. */
export function renderIndexHtml(assets: { script: string; stylesheet: string; apiBase: string }): string {
  const T = WEB_TEXT.page;
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="shenbao-api" content="${escapeHtml(assets.apiBase)}">
<title>${escapeHtml(T.title)}</title>
<link rel="stylesheet" href="${escapeHtml(assets.stylesheet)}">
<script defer src="${escapeHtml(assets.script)}"></script>
</head>
<body>
<div id="app"><main id="main"><p class="loading" role="status">${escapeHtml(T.loading)}</p></main></div>
<noscript><p class="alert alert-error">${escapeHtml(T.noscript)}</p></noscript>
</body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
