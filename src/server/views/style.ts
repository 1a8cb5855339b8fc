/** The site's only stylesheet, served from /static/site.css (the CSP allows no inline style). */
export const SITE_CSS = `
:root { --fg:#1d232b; --muted:#5b6573; --line:#d9dee5; --bg:#f6f7f9; --card:#fff; --accent:#1f5fbf;
  --fail:#b42318; --warning:#b54708; --pass:#067647; font-family: "Liberation Sans", Arial, sans-serif; }
* { box-sizing: border-box; }
body { margin:0; color:var(--fg); background:var(--bg); line-height:1.45; }
header.site { background:#16202c; color:#fff; padding:.6rem 1.5rem; display:flex; gap:1.5rem; align-items:center; }
header.site a { color:#fff; text-decoration:none; }
header.site .brand { font-weight:700; font-size:1.15rem; letter-spacing:.02em; }
header.site form { margin-left:auto; display:flex; gap:.4rem; }
main { max-width:1080px; margin:0 auto; padding:1.2rem 1.5rem 3rem; }
h1 { font-size:1.6rem; margin:.4rem 0; overflow-wrap:anywhere; }
h2 { font-size:1.2rem; margin:1.8rem 0 .6rem; border-bottom:1px solid var(--line); padding-bottom:.3rem; }
h3 { font-size:1.02rem; margin:0 0 .3rem; }
a { color:var(--accent); }
.card { background:var(--card); border:1px solid var(--line); border-radius:6px; padding:.9rem 1rem; margin:.7rem 0; }
.muted { color:var(--muted); font-size:.92rem; }
.tag { display:inline-block; font-size:.78rem; padding:.05rem .45rem; border-radius:3px; background:#e8edf4; color:#243447; margin-right:.3rem; }
.sev-critical, .sev-high { background:#fde3e1; color:var(--fail); }
.sev-medium { background:#fdebd3; color:var(--warning); }
.sev-low, .sev-info { background:#e3eefc; color:#1d4f91; }
.verdict { display:inline-block; font-weight:700; padding:.2rem .7rem; border-radius:4px; color:#fff; text-transform:uppercase; font-size:.9rem; }
.verdict-fail { background:var(--fail); } .verdict-warning { background:var(--warning); } .verdict-pass { background:var(--pass); }
.band { font-weight:600; }
table { border-collapse:collapse; width:100%; background:var(--card); }
th, td { text-align:left; padding:.35rem .55rem; border-bottom:1px solid var(--line); vertical-align:top; overflow-wrap:anywhere; }
th { font-size:.85rem; color:var(--muted); font-weight:600; }
.prevalence { display:grid; grid-template-columns: 9rem 8rem auto; gap:.1rem .7rem; align-items:center; font-size:.88rem; margin:.4rem 0; }
meter { width:8rem; height:.8rem; }
pre, code { font-family:"Liberation Mono", monospace; font-size:.85rem; }
pre { background:#0f1720; color:#e6edf3; padding:.7rem; border-radius:5px; overflow-x:auto; white-space:pre; }
.excerpt { border-collapse:collapse; width:100%; background:#0f1720; color:#e6edf3; }
.excerpt td { border:0; padding:0 .6rem; font-family:"Liberation Mono", monospace; font-size:.85rem; white-space:pre; }
.excerpt td.n { color:#7d8590; text-align:right; width:4rem; user-select:none; }
.excerpt tr.hit { background:#5a1e1e; }
.evidence li { margin:.15rem 0; overflow-wrap:anywhere; }
input[type=search], input[type=text] { padding:.35rem .5rem; border:1px solid var(--line); border-radius:4px; min-width:18rem; }
button { padding:.35rem .8rem; border-radius:4px; border:1px solid #16407f; background:var(--accent); color:#fff; cursor:pointer; }
.grid { display:grid; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr)); gap:.8rem; }
.note { background:#fff8e6; border:1px solid #f1d08a; border-radius:5px; padding:.6rem .8rem; }
footer { color:var(--muted); font-size:.8rem; text-align:center; padding:1rem; }
`;
