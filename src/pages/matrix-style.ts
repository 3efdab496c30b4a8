import { HOLDER_FILL, HOLDER_INK } from "../pictures/palette.js";

/** The matrix page's style sheet, inline in the page: the same owner colours as the pictures and cards. */
export const MATRIX_STYLE = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1b1f24;background:#fff}
header{padding:16px 20px 8px}
h1{font-size:22px;margin:0 0 4px}
p.lede{margin:0 0 8px;color:#57606a}
.controls{display:flex;flex-wrap:wrap;gap:12px;align-items:end;padding:0 20px 12px}
.controls label{display:flex;flex-direction:column;font-weight:600;font-size:12px;gap:4px}
.controls input,.controls select{font:inherit;padding:4px 6px;min-width:180px}
.legend{display:flex;gap:14px;flex-wrap:wrap;padding:0 20px 10px;font-size:13px}
.legend span::before{content:"";display:inline-block;width:14px;height:14px;border-radius:3px;margin-right:6px;vertical-align:-2px;background:var(--c)}
#count{color:#57606a;font-size:13px;padding-bottom:6px}
.wrap{overflow:auto;max-height:calc(100vh - 170px);margin:0 20px;border:1px solid #d0d7de}
table{border-collapse:separate;border-spacing:0}
th,td{padding:0;border-bottom:1px solid #eaeef2}
thead th{position:sticky;top:0;background:#f6f8fa;z-index:2;vertical-align:bottom;height:170px;border-bottom:1px solid #d0d7de}
thead th div{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap;padding:6px 4px;font-size:12px;font-weight:600}
tbody th{position:sticky;left:0;background:#fff;text-align:left;font-weight:600;padding:0 10px;white-space:nowrap;z-index:1;font-size:13px}
thead th.corner{left:0;z-index:3;text-align:left;padding:8px 10px}
td button{display:block;width:30px;height:26px;margin:1px;border:0;border-radius:3px;font:600 12px/26px system-ui,sans-serif;cursor:pointer}
td button:focus-visible{outline:3px solid #1b1f24;outline-offset:1px}
.o-aws{background:${HOLDER_FILL.aws};color:${HOLDER_INK.aws}}
.o-customer{background:${HOLDER_FILL.customer};color:${HOLDER_INK.customer}}
.o-shared{background:${HOLDER_FILL.shared};color:${HOLDER_INK.shared}}
.o-none{background:${HOLDER_FILL.none};color:${HOLDER_INK.none}}
.tier{font-weight:400;color:#57606a;font-size:11px;margin-left:6px}
#detail{position:fixed;right:16px;top:16px;bottom:16px;width:min(440px,calc(100vw - 32px));overflow:auto;background:#fff;border:1px solid #d0d7de;border-radius:8px;box-shadow:0 8px 24px rgba(0,0,0,.2);padding:16px 18px;z-index:5}
#detail h2{font-size:17px;margin:0 28px 8px 0}
#detail .owner{display:inline-block;padding:2px 10px;border-radius:12px;font-weight:700;margin-bottom:8px}
#detail h3{font-size:13px;margin:12px 0 2px;text-transform:uppercase;letter-spacing:.03em;color:#57606a}
#detail p,#detail li{margin:2px 0}
#detail ul{padding-left:18px;margin:2px 0}
#close{position:absolute;right:10px;top:8px;border:0;background:none;font-size:22px;cursor:pointer}
.hidden{display:none}
`;
