import type { OwnershipMatrix } from "../knowledge/matrix.js";
import { HOLDER_FILL, HOLDER_WORD } from "../pictures/palette.js";
import { pageData } from "./matrix-data.js";
import { MATRIX_SCRIPT } from "./matrix-script.js";
import { MATRIX_STYLE } from "./matrix-style.js";

/** JSON safe inside a script element: no "</script>" or "<!--" can end it early. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * The whole ownership matrix as one self-contained HTML page: services by areas coloured by owner, filters
 * by service, tier and area, and each cell's why, both parts, conditions and sources. Its style, script and
 * data are inline, so the page works from a file, on a wiki, or from /matrix, and asks nothing of the network.
 */
export function matrixPage(matrix: OwnershipMatrix): string {
  const legend = (["aws", "shared", "customer", "none"] as const)
    .map((k) => `<span style="--c:${HOLDER_FILL[k]}">${HOLDER_WORD[k]}</span>`)
    .join("");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>AWS Shared Responsibility Model: who owns what</title>
<style>${MATRIX_STYLE}</style>
</head>
<body>
<header>
<h1>AWS Shared Responsibility Model: who owns what</h1>
<p class="lede">Every service by every responsibility area. Choose a cell for the why, both parts, the conditions that change it and the AWS pages to read.</p>
</header>
<div class="controls">
<label>Service<input id="service-filter" type="search" placeholder="e.g. rds or lambda" autocomplete="off"></label>
<label>Tier<select id="tier-filter"><option value="">All tiers</option><option value="iaas">IaaS</option><option value="paas">PaaS</option><option value="serverless">Serverless</option></select></label>
<label>Area<select id="area-filter"><option value="">All areas</option></select></label>
<div id="count" role="status"></div>
</div>
<div class="legend">${legend}</div>
<div class="wrap"><table id="matrix"></table></div>
<aside id="detail" hidden aria-live="polite"></aside>
<script id="matrix-data" type="application/json">${scriptJson(pageData(matrix))}</script>
<script>${MATRIX_SCRIPT}</script>
</body>
</html>
`;
}
