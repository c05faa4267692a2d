// XSS test data: several hundred payloads written for these tests from the well-known public
// cheat-sheet categories (script tags, event handlers, dangerous URL schemes, SVG/MathML,
// attribute breaking, encodings, template injection, CSS, mutation XSS, Unicode/RTL tricks,
// polyglots), plus the browser hooks that count executions. Shared by the document and board
// suites: put each payload wherever user text goes (notes, cluster names, documents), render
// it every way the app renders it, and expect `xssFindings(page)` to be empty.
//
//   import { XSS_PAYLOADS, installXssHooks, xssFindings, auditDom } from "./support/xss-payloads";
//   await installXssHooks(context);            // before any page opens (context or page)
//   … put XSS_PAYLOADS[i].payload into the app …
//   expect(await xssFindings(page)).toEqual([]);
//   expect(await auditDom(page, ".board")).toEqual([]);
//
// Every payload tries to call alert(1) (or __xss(n)); the hooks replace alert/confirm/prompt/
// print, define __xss, catch dialogs, page errors and CSP violations. Run the context with
// `bypassCSP: true` so an injection would really execute (the CSP would otherwise hide it),
// and call `xssCanary(page)` once to prove the hooks see an execution.
import type { BrowserContext, Page } from "@playwright/test";

export type XssCategory =
  | "script-tag"
  | "event-handler"
  | "url-scheme"
  | "svg-mathml"
  | "attribute-breaking"
  | "encoded"
  | "template-injection"
  | "css"
  | "mutation"
  | "unicode-rtl"
  | "polyglot"
  | "markdown";

export type XssPayload = { id: number; category: XssCategory; payload: string };

const SCRIPT_TAGS = [
  "<script>alert(1)</script>",
  "<SCRIPT>alert(1)</SCRIPT>",
  "<ScRiPt>alert(1)</sCrIpT>",
  "<script>alert(String.fromCharCode(88,83,83))</script>",
  "<script src=//xss.invalid/x.js></script>",
  "<SCRIPT SRC=http://xss.invalid/xss.js></SCRIPT>",
  "<script/src=data:,alert(1)></script>",
  "<script src=data:text/javascript,alert(1)></script>",
  '<script src="data:text/javascript;base64,YWxlcnQoMSk="></script>',
  "<scr<script>ipt>alert(1)</scr</script>ipt>",
  "<<script>alert(1);//<</script>",
  "<script>/*</script><svg onload=alert(1)>*/",
  "<script type=module>alert(1)</script>",
  "<script type=text/javascript>alert(1)</script>",
  "<script language=javascript>alert(1)</script>",
  "<script>eval('al'+'ert(1)')</script>",
  "<script>window['al'+'ert'](1)</script>",
  "<script>top[8680439..toString(30)](1)</script>",
  "<script>\\u0061lert(1)</script>",
  "<script>setTimeout('alert(1)')</script>",
  "<script>[1].find(alert)</script>",
  "<script>alert`1`</script>",
  "<script>import('data:text/javascript,alert(1)')</script>",
  "<script>new Function('alert(1)')()</script>",
  "<script>onerror=alert;throw 1</script>",
  "<script>{onerror=alert}throw 1</script>",
  "<script>throw onerror=alert,1</script>",
  "<script>location='javascript:alert(1)'</script>",
  "<script>document.write('<img src=x onerror=alert(1)>')</script>",
  "<script>__xss(1)</script>",
  "<script>Reflect.apply(alert,null,[1])</script>",
  "<script>self[Object.keys(self).find(k=>k=='alert')](1)</script>",
  "<script\n>alert(1)</script\n>",
  "<script\t>alert(1)</script>",
  "<script x>alert(1)</script y>",
  "<script>alert(1)<!--",
  "<script>alert(1)",
  "<script defer>alert(1)</script>",
  "<script async src=data:,alert(1)></script>",
  "<script>globalThis.alert(1)</script>",
];

const HANDLERS = [
  "onerror",
  "onload",
  "onfocus",
  "onfocusin",
  "onblur",
  "onmouseover",
  "onmouseenter",
  "onpointerover",
  "onpointerenter",
  "onclick",
  "onauxclick",
  "ondblclick",
  "onanimationstart",
  "onanimationend",
  "ontransitionend",
  "ontoggle",
  "onbegin",
  "onbeforeinput",
  "oninput",
  "onpaste",
  "oncopy",
  "onwheel",
  "onscroll",
  "onpageshow",
  "onstart",
];
const HANDLER_CARRIERS = [
  (h: string) => `<img src=x ${h}=alert(1)>`,
  (h: string) => `<svg ${h}=alert(1)>`,
  (h: string) => `<div ${h}="alert(1)" tabindex=0 autofocus style=animation-name:spin>x</div>`,
  (h: string) => `<details open ${h}=alert(1)><summary>x</summary></details>`,
];

const EVENT_HANDLERS = [
  "<img src=x onerror=alert(1)>",
  '<img src=x onerror="alert(1)">',
  "<img src=x onerror='alert(1)'>",
  "<img src=x onerror=`alert(1)`>",
  "<IMG SRC=x ONERROR=alert(1)>",
  "<image src=x onerror=alert(1)>",
  "<img src=x:x onerror=alert(1)//",
  "<img/src=x/onerror=alert(1)>",
  "<img src=x onerror=window.__xss(1)>",
  "<img src=x onerror=alert(1) x=",
  "<img src onerror=alert(1)>",
  '<img src="" onerror=alert(1)>',
  "<video src=x onerror=alert(1)>",
  "<audio src=x onerror=alert(1)>",
  "<video><source onerror=alert(1)></video>",
  "<input autofocus onfocus=alert(1)>",
  "<select autofocus onfocus=alert(1)>",
  "<textarea autofocus onfocus=alert(1)>",
  "<keygen autofocus onfocus=alert(1)>",
  "<details open ontoggle=alert(1)>",
  "<body onload=alert(1)>",
  "<body onpageshow=alert(1)>",
  "<body onhashchange=alert(1)>",
  "<iframe onload=alert(1)>",
  "<object data=x onerror=alert(1)>",
  "<svg onload=alert(1)>",
  "<svg/onload=alert(1)>",
  "<marquee onstart=alert(1)>x</marquee>",
  "<div onmouseover=alert(1)>hover me</div>",
  "<a onclick=alert(1)>click me</a>",
  "<p onpointerenter=alert(1)>x</p>",
  "<style onload=alert(1)></style>",
  "<link rel=stylesheet href=x onerror=alert(1)>",
  "<input type=image src=x onerror=alert(1)>",
  "<frameset onload=alert(1)>",
  "<x contenteditable onfocus=alert(1) autofocus>x</x>",
  "<x tabindex=1 onfocus=alert(1) id=x></x>",
  "<form><button formaction=javascript:alert(1)>x</button></form>",
  "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
  "<svg><set onbegin=alert(1) attributename=x to=1>",
  "<video autoplay onplay=alert(1)><source src=x></video>",
  "<body onscroll=alert(1)><br><br><br><input autofocus>",
  '<img src=x onerror="this.onerror=null;alert(1)">',
  "<input onfocus=alert(1) autofocus>",
  "<a href=# onmouseover=alert(1)>x</a>",
  "<strong onmouseover=alert(1)>bold</strong>",
  "<em onclick=alert(1)>italic</em>",
  "<h2 onmouseover=alert(1)>heading</h2>",
  "<li onclick=alert(1)>item</li>",
  "<blockquote onmouseenter=alert(1)>quote</blockquote>",
  '<p style="animation-name:x" onanimationstart=alert(1)>x</p>',
];

const SCHEMES = [
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  " javascript:alert(1)",
  "java\tscript:alert(1)",
  "java\nscript:alert(1)",
  "java&#x09;script:alert(1)",
  "java&#x0A;script:alert(1)",
  "&#106;avascript:alert(1)",
  "&#x6A;avascript:alert(1)",
  "javascript&colon;alert(1)",
  "&#1;javascript:alert(1)",
  "javascript://%0aalert(1)",
  "javascript:alert%281%29",
  "data:text/html,<script>alert(1)</script>",
  "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
  "data:image/svg+xml,<svg onload=alert(1)>",
  "vbscript:msgbox(1)",
  "livescript:alert(1)",
];
const SCHEME_CARRIERS = [
  (u: string) => `<a href="${u}">link</a>`,
  (u: string) => `<iframe src="${u}"></iframe>`,
  (u: string) => `<img src="${u}">`,
  (u: string) => `<form action="${u}"><input type=submit></form>`,
  (u: string) => `<svg><a xlink:href="${u}"><text x=20 y=20>x</text></a></svg>`,
];

const URL_SCHEMES = [
  '<a href="javascript:alert(1)">x</a>',
  "<a href=javascript:alert(1)>x</a>",
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href="javas&Tab;cript:alert(1)">x</a>',
  '<a href="javas&NewLine;cript:alert(1)">x</a>',
  '<a href="jav\u0000ascript:alert(1)">x</a>',
  '<a href="\u0001javascript:alert(1)">x</a>',
  '<a href="javascript:void(0)" onclick=alert(1)>x</a>',
  '<a href="https://example.org" onclick=alert(1)>x</a>',
  "<embed src=javascript:alert(1)>",
  "<object data=javascript:alert(1)>",
  "<base href=javascript:alert(1)//>",
  '<meta http-equiv=refresh content="0;url=javascript:alert(1)">',
  "<isindex action=javascript:alert(1) type=image>",
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<iframe src="data:text/html,<script>parent.alert(1)</script>"></iframe>',
  "javascript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  '<a href="javascript&#58;alert(1)">x</a>',
  '<a href="javascript&#x3a;alert(1)">x</a>',
  '<a href="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000049&#0000041">x</a>',
  '<a href="mailto:x@example.org" onmouseover=alert(1)>mail</a>',
  '<a href="//xss.invalid/">protocol relative</a>',
  '<a href="file:///etc/passwd">file</a>',
  '<a href="blob:https://example.org/x">blob</a>',
];

const SVG_MATHML = [
  "<svg><script>alert(1)</script></svg>",
  "<svg><script href=data:,alert(1) />",
  "<svg><script xlink:href=data:,alert(1)></script></svg>",
  '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>x</text></a></svg>',
  '<svg><a href="javascript:alert(1)"><rect width=100 height=100 /></a></svg>',
  "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)' /></svg>#x\" /></svg>",
  '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
  "<svg><style><img src=x onerror=alert(1)></style></svg>",
  "<svg><title><img src=x onerror=alert(1)></title></svg>",
  '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
  "<svg><animate xlink:href=#x attributeName=href values=javascript:alert(1) /><a id=x><text x=20 y=20>x</text></a></svg>",
  "<svg><discard onbegin=alert(1)>",
  "<svg><desc><![CDATA[</desc><script>alert(1)</script>]]></svg>",
  "<svg><image href=x onerror=alert(1)>",
  "<svg><feImage href=x onerror=alert(1)>",
  "<svg><iframe onload=alert(1)>",
  "<svg><set attributeName=onmouseover to=alert(1)>",
  "<svg><animate attributeName=onload to=alert(1)>",
  "<math href=javascript:alert(1)>x</math>",
  '<math><mi xlink:href="data:x,<script>alert(1)</script>">x</mi></math>',
  "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x</maction></math>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<math><annotation-xml encoding="text/html"><img src=x onerror=alert(1)></annotation-xml></math>',
  "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>",
  "<svg><script>&#97;lert(1)</script></svg>",
  "<svg><script>alert&#40;1&#41;</script></svg>",
];

const ATTRIBUTE_BREAKING = [
  '"><img src=x onerror=alert(1)>',
  "'><img src=x onerror=alert(1)>",
  '" onmouseover="alert(1)',
  "' onfocus='alert(1)' autofocus='",
  '"autofocus onfocus=alert(1)//',
  "`><img src=x onerror=alert(1)>",
  "</a><img src=x onerror=alert(1)>",
  '"/><svg onload=alert(1)>',
  "--><svg onload=alert(1)>",
  "]]><svg onload=alert(1)>",
  "</style><svg onload=alert(1)>",
  "</script><svg onload=alert(1)>",
  "</noscript><img src=x onerror=alert(1)>",
  "</iframe><img src=x onerror=alert(1)>",
  "</textarea><img src=x onerror=alert(1)>",
  "</title><img src=x onerror=alert(1)>",
  '<!--<img src="--><img src=x onerror=alert(1)//">',
  '<a title="</a><img src=x onerror=alert(1)>">x</a>',
  '" style="x:expression(alert(1))',
  'x" onerror="alert(1)',
  '"><script>alert(1)</script>',
  "'\"><script>alert(1)</script>",
  '";alert(1);//',
  "';alert(1);//",
  '\\";alert(1);//',
  "</p><script>alert(1)</script><p>",
  "</li></ul><img src=x onerror=alert(1)>",
  "</h2><img src=x onerror=alert(1)>",
  '" data-x="<img src=x onerror=alert(1)>',
  "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;",
];

const ENCODED = [
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  "%3Cscript%3Ealert(1)%3C/script%3E",
  "%253Cscript%253Ealert(1)%253C%252Fscript%253E",
  "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e",
  "\\x3cscript\\x3ealert(1)\\x3c/script\\x3e",
  "&#60;script&#62;alert(1)&#60;/script&#62;",
  "&#x3C;img src=x onerror=alert(1)&#x3E;",
  "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;&#40;&#49;&#41;>",
  "<img src=x onerror=&#x61;&#x6c;&#x65;&#x72;&#x74;&#x28;&#x31;&#x29;>",
  "<img src=x onerror=\\u0061lert(1)>",
  "<img src=x onerror=eval(atob('YWxlcnQoMSk='))>",
  "<img src=x onerror=eval('\\x61lert(1)')>",
  "<img src=x onerror=top['\\x61lert'](1)>",
  "<img src=x onerror=alert&#40;1&#41;>",
  "<img src=x onerror=alert&lpar;1&rpar;>",
  "+ADw-script+AD4-alert(1)+ADw-/script+AD4-",
  "<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000049&#0000041>",
  "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x31&#x29>",
  '<img src=x onerror="javascript:alert(1)">',
  "\uff1cscript\uff1ealert(1)\uff1c/script\uff1e",
  "<svg onload=alert&#x28;1&#x29>",
  "<img src=x onerror=\\u{61}lert(1)>",
  "<img src=x onerror=eval(String.fromCharCode(97,108,101,114,116,40,49,41))>",
  "<img src=x onerror=Function(atob`YWxlcnQoMSk=`)()>",
  "<img src=x onerror=[].constructor.constructor('alert(1)')()>",
  "<img src=x onerror=alert(/1/.source)>",
  "<img src=x onerror=(alert)(1)>",
  "<img src=x onerror=a=alert,a(1)>",
  "<img src=x onerror=window.onerror=alert;throw+1>",
  "<img src=x onerror=location='javascript:alert%281%29'>",
  "<img src=x onerror=location=name>",
  "&#x26;lt;script&#x26;gt;alert(1)&#x26;lt;/script&#x26;gt;",
  "<img src=x onerror=&#X61;&#X6C;&#X65;&#X72;&#X74;(1)>",
  "<img src=x oNeRrOr=alert(1)>",
  '<img src=x onerror="&#x5c;u0061lert(1)">',
  '<a href="&#x26;#x6A;avascript:alert(1)">x</a>',
];

const TEMPLATE_INJECTION = [
  "{{constructor.constructor('alert(1)')()}}",
  "{{$on.constructor('alert(1)')()}}",
  "{{'a'.constructor.prototype.charAt=[].join;$eval('x=1} } };alert(1)//');}}",
  '{{toString.constructor.prototype.toString=toString.constructor.prototype.call;["a","alert(1)"].sort(toString.constructor)}}',
  "{{_openBlock.constructor('alert(1)')()}}",
  "{{_c.constructor('alert(1)')()}}",
  "[[constructor.constructor('alert(1)')()]]",
  "${alert(1)}",
  "#{alert(1)}",
  "<%= alert(1) %>",
  "{{7*7}}",
  "{{= alert(1)}}",
  "@{alert(1)}",
  "{{{alert(1)}}}",
  "{{name}}",
  "{{- name}}",
  "$t('document.title')",
  "{% raw %}{{constructor.constructor('alert(1)')()}}{% endraw %}",
  "<div v-html=\"'<img src=x onerror=alert(1)>'\"></div>",
  "<div ng-app ng-csp><input autofocus ng-focus=$event.view.alert(1)></div>",
  "<x v-if=_c.constructor('alert(1)')()>",
  "<div data-bind=\"html: '<img src=x onerror=alert(1)>'\"></div>",
  '{{#with "s" as |string|}}{{string.sub.apply 0 "alert(1)"}}{{/with}}',
  "<div dangerouslySetInnerHTML={{__html: '<img src=x onerror=alert(1)>'}}></div>",
  '{"__html":"<img src=x onerror=alert(1)>"}',
  '{"type":"script","content":"alert(1)"}',
  "__proto__[innerHTML]=<img src=x onerror=alert(1)>",
  "constructor[prototype][innerHTML]=<img src=x onerror=alert(1)>",
];

const CSS = [
  '<div style="width:expression(alert(1))">x</div>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  "<style>@import'javascript:alert(1)';</style>",
  "<style>*{x:expression(alert(1))}</style>",
  '<link rel=stylesheet href="javascript:alert(1)">',
  '<div style="behavior:url(xss.htc)">x</div>',
  '<style>body{-moz-binding:url("http://xss.invalid/xss.xml#xss")}</style>',
  '<xss style="x:\\65xpression(alert(1))">x</xss>',
  '<style>@keyframes x{}</style><xss style="animation-name:x" onanimationend=alert(1)>x</xss>',
  '<style>:target{color:red}</style><x id=x style="transition:color 1s" ontransitionend=alert(1)>x</x>',
  "<p style=\"background-image:url('&#1;javascript:alert(1)')\">x</p>",
  '<div style="--x:url(javascript:alert(1))">x</div>',
  '<span style="color:red;}</style><script>alert(1)</script>">x</span>',
  '<style>li{list-style-image:url("javascript:alert(1)")}</style><ul><li>x</li></ul>',
  "<style>@import url(data:text/css,*{x:expression(alert(1))});</style>",
  '<div style="xss:expr/*XSS*/ession(alert(1))">x</div>',
  '<img style="xss:expression(alert(1))">',
  '<style>a{background:url("x" onerror="alert(1))}</style>',
];

const MUTATION = [
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;img src=1 onerror=alert(1)&gt;">',
  "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>",
  "<svg><p><style><img src=x onerror=alert(1)></style></p></svg>",
  "<listing>&lt;img onerror=alert(1) src=x&gt;</listing>",
  "<xmp><img src=x onerror=alert(1)></xmp>",
  '<noembed><img title="</noembed><img src=x onerror=alert(1)>"></noembed>',
  '<noframes><img title="</noframes><img src=x onerror=alert(1)>"></noframes>',
  '<iframe><img title="</iframe><img src=x onerror=alert(1)>"></iframe>',
  '<textarea><img title="</textarea><img src=x onerror=alert(1)>"></textarea>',
  "<template><img src=x onerror=alert(1)></template>",
  "<table><td><img src=x onerror=alert(1)>",
  "<select><template><img src=x onerror=alert(1)></template></select>",
  '<img src="x` `<script>alert(1)</script>"` `>',
  '<svg><![CDATA[><image xlink:href="]]><img src=x onerror=alert(1)//"></svg>',
  '<form id="t"></form><button form="t" formaction="javascript:alert(1)">x</button>',
  "<object><param name=src value=javascript:alert(1)></object>",
  '<comment><img src="</comment><img src=x onerror=alert(1)//">',
  "<style><style/><img src=x onerror=alert(1)>",
  '<a href="x"><table><a href="y"><img src=x onerror=alert(1)></a></table></a>',
  "<p><svg><foreignobject><p><style><img src=x onerror=alert(1)></style></p></foreignobject></svg></p>",
  '<div><iframe srcdoc="&lt;img src=x onerror=alert(1)&gt;"></iframe></div>',
  "<plaintext><img src=x onerror=alert(1)>",
  "<title><img src=x onerror=alert(1)></title>",
  "<svg><title><![CDATA[</title><img src=x onerror=alert(1)>]]></title></svg>",
];

const UNICODE_RTL = [
  "\u202e>tpircs/<)1(trela>tpircs<",
  "<img src=x onerror=alert(1)>\u202e",
  "invoice\u202egnp.exe",
  '<a href="https://example.org/\u202egnp.exe">photo</a>',
  "javascript\u200b:alert(1)",
  "java\u00adscript:alert(1)",
  "\u2066<script>alert(1)</script>\u2069",
  "<scr\u0000ipt>alert(1)</scr\u0000ipt>",
  "<img src=x onerror\u000b=alert(1)>",
  "<img\u000csrc=x\u000conerror=alert(1)>",
  "<img\u000asrc=x\u000aonerror=alert(1)>",
  "\uff4a\uff41\uff56\uff41\uff53\uff43\uff52\uff49\uff50\uff54\uff1aalert(1)",
  '<a href="\u0001javascript:alert(1)">x</a>',
  "مرحبا <img src=x onerror=alert(1)> أهلا",
  "\u061c<script>alert(1)</script>",
  "<\u0455cript>alert(1)</\u0455cript>",
  "\ufeff<script>alert(1)</script>",
  '<a href="https://exa\u202emple.org">x</a>',
  "\u202b<img src=x onerror=alert(1)>\u202c",
  '<a href="java\u2028script:alert(1)">x</a>',
  "<img src=x onerror=alert(1)\u2029>",
  'اضغط هنا <a href="javascript:alert(1)">رابط</a>',
  '\u200f"><svg onload=alert(1)>',
  "<img src=x onerror=\u0061\u006c\u0065\u0072\u0074(1)>",
];

const POLYGLOT = [
  "jaVasCript:/*-/*`/*\\`/*'/*\"/**/(/* */oNcliCk=alert(1) )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert(1)//>\\x3e",
  "'\"--></style></script><svg onload=alert(1)>",
  "\"'><img src=x onerror=alert(1)>{{constructor.constructor('alert(1)')()}}",
  '-->\'"/></sCript><deTailS open x=">" onToggle=alert(1)>',
  'javascript:"/*\'/*`/*--></noscript></title></textarea></style></template></noembed></script><html " onmouseover=/*<svg/*/onload=alert(1)//>',
  '"><svg/onload=alert(1)>"\'><img src=x onerror=alert(1)>',
  "';alert(1)//\\';alert(1)//\";alert(1)//\\\";alert(1)//--></SCRIPT>\">'><SCRIPT>alert(1)</SCRIPT>",
  "<!--><svg onload=alert(1)>-->",
  "<</p>iframe src=javascript:alert(1)//",
  "%3C%2Fscript%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E",
];

const MARKDOWN = [
  "[click](javascript:alert(1))",
  "[click](data:text/html,<script>alert(1)</script>)",
  '![x](x" onerror="alert(1))',
  '<https://example.org" onmouseover="alert(1)>',
  "[x](  javascript:alert(1))",
  "[x](JAVASCRIPT:alert(1))",
  "[a](javascript://www.example.org%0Aalert(1))",
  "[x](vbscript:msgbox(1))",
  "[x]: javascript:alert(1)\n[x]",
  "**<img src=x onerror=alert(1)>**",
  "`<script>alert(1)</script>`",
  "> <img src=x onerror=alert(1)>",
];

function build(): XssPayload[] {
  const out: XssPayload[] = [];
  const add = (category: XssCategory, payloads: Iterable<string>) => {
    for (const payload of payloads) out.push({ id: out.length + 1, category, payload });
  };
  add("script-tag", SCRIPT_TAGS);
  add("event-handler", EVENT_HANDLERS);
  add(
    "event-handler",
    HANDLERS.flatMap((h) => HANDLER_CARRIERS.map((carrier) => carrier(h))),
  );
  add("url-scheme", URL_SCHEMES);
  add(
    "url-scheme",
    SCHEMES.flatMap((u) => SCHEME_CARRIERS.map((carrier) => carrier(u))),
  );
  add("svg-mathml", SVG_MATHML);
  add("attribute-breaking", ATTRIBUTE_BREAKING);
  add("encoded", ENCODED);
  add("template-injection", TEMPLATE_INJECTION);
  add("css", CSS);
  add("mutation", MUTATION);
  add("unicode-rtl", UNICODE_RTL);
  add("polyglot", POLYGLOT);
  add("markdown", MARKDOWN);
  // No duplicates: each payload tests something.
  const seen = new Set<string>();
  return out.filter((p) => (seen.has(p.payload) ? false : (seen.add(p.payload), true))).map((p, i) => ({ ...p, id: i + 1 }));
}

/** Every payload, numbered from 1. */
export const XSS_PAYLOADS: readonly XssPayload[] = Object.freeze(build());

/** The payloads cut to a length limit (e.g. a 120-character cluster name), deduplicated. */
export function payloadsWithin(maxLength: number): XssPayload[] {
  const seen = new Set<string>();
  return XSS_PAYLOADS.map((p) => ({ ...p, payload: p.payload.slice(0, maxLength) })).filter(
    (p) => p.payload.trim() && !seen.has(p.payload) && seen.add(p.payload),
  );
}

// ---- hooks ---------------------------------------------------------------------------------

export type XssFinding = { kind: "call" | "dialog" | "pageerror" | "csp" | "console"; detail: string };

declare global {
  interface Window {
    __xss?: (...args: unknown[]) => void;
    __xssFindings?: XssFinding[];
  }
}

/** Runs in every frame before the app: replaces the functions payloads call, and records. */
function hookScript() {
  const findings: XssFinding[] = [];
  Object.defineProperty(window, "__xssFindings", { value: findings, configurable: false, writable: false });
  const record = (kind: XssFinding["kind"], detail: string) => {
    findings.push({ kind, detail: detail.slice(0, 300) });
    try {
      if (window.top && window.top !== window) window.top.__xssFindings?.push({ kind, detail: `[frame] ${detail}`.slice(0, 300) });
    } catch {
      // cross-origin frame
    }
  };
  const trap =
    (name: string) =>
    (...args: unknown[]) =>
      record("call", `${name}(${args.map(String).join(",")})`);
  window.__xss = trap("__xss");
  for (const name of ["alert", "confirm", "prompt", "print"] as const) {
    Object.defineProperty(window, name, { value: trap(name), configurable: true, writable: true });
  }
  document.addEventListener("securitypolicyviolation", (e) => record("csp", `${e.violatedDirective}: ${e.blockedURI} ${e.sample}`));
}

/** Installs the hooks on a context (every page, every frame) or one page, before navigation. */
export async function installXssHooks(target: BrowserContext | Page): Promise<void> {
  await target.addInitScript(hookScript);
  const watch = (page: Page) => {
    const pageFindings: XssFinding[] = [];
    (page as Page & { __xssNode?: XssFinding[] }).__xssNode = pageFindings;
    page.on("dialog", (dialog) => {
      pageFindings.push({ kind: "dialog", detail: `${dialog.type()}: ${dialog.message()}` });
      void dialog.dismiss().catch(() => undefined);
    });
    page.on("pageerror", (error) => pageFindings.push({ kind: "pageerror", detail: error.message }));
    page.on("console", (message) => {
      const text = message.text();
      if (/Refused to (execute|load|apply)|Content Security Policy/i.test(text)) pageFindings.push({ kind: "console", detail: text });
    });
  };
  if ("pages" in target) {
    target.pages().forEach(watch);
    target.on("page", watch);
  } else watch(target);
}

/** What the hooks saw on this page (in the page, and from Playwright's side). */
export async function xssFindings(page: Page): Promise<XssFinding[]> {
  const inPage = await page.evaluate((): XssFinding[] => window.__xssFindings ?? [{ kind: "call", detail: "hooks not installed" }]);
  const node = (page as Page & { __xssNode?: XssFinding[] }).__xssNode ?? [];
  return [...inPage, ...node];
}

/** Proves the hooks see an execution in this page (then forgets it). Needs `bypassCSP: true`. */
export async function xssCanary(page: Page): Promise<XssFinding[]> {
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.hidden = true;
    div.innerHTML = '<img src="x:canary" onerror="alert(\'canary\')">';
    document.body.append(div);
  });
  await page.waitForFunction(() => (window.__xssFindings ?? []).some((f) => f.detail.includes("canary")));
  return page.evaluate(() => {
    const found = window.__xssFindings!.splice(0);
    return found;
  });
}

/**
 * Elements under `selector` that could run script or load something they should not: any
 * on* attribute, script-bearing elements, URLs with other schemes than http(s)/mailto, inline
 * styles other than our presence colours. Empty when the rendered user content is inert.
 */
export async function auditDom(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const problems: string[] = [];
    const BAD_TAGS = new Set([
      "SCRIPT",
      "IFRAME",
      "OBJECT",
      "EMBED",
      "FORM",
      "INPUT",
      "BUTTON",
      "TEXTAREA",
      "SELECT",
      "STYLE",
      "LINK",
      "META",
      "BASE",
      "SVG",
      "MATH",
      "TEMPLATE",
      "FRAME",
      "FRAMESET",
      "VIDEO",
      "AUDIO",
      "SOURCE",
      "XMP",
      "NOSCRIPT",
      "ISINDEX",
      "KEYGEN",
      "MARQUEE",
    ]);
    const URL_ATTRS = ["href", "src", "action", "formaction", "data", "xlink:href", "srcdoc", "background", "poster", "lowsrc", "dynsrc"];
    const safeUrl = (v: string) => v === "" || /^(https?:\/\/|mailto:)/i.test(v.trim());
    for (const root of Array.from(document.querySelectorAll(sel))) {
      for (const el of [root, ...Array.from(root.querySelectorAll("*"))]) {
        const tag = el.tagName.toUpperCase();
        const where = `${tag.toLowerCase()}${el.id ? `#${el.id}` : ""}`;
        if (BAD_TAGS.has(tag)) problems.push(`element <${tag.toLowerCase()}>`);
        if (tag === "IMG" && !el.classList.contains("ProseMirror-separator")) problems.push(`element <img src="${el.getAttribute("src")}">`);
        for (const attr of Array.from(el.attributes)) {
          const name = attr.name.toLowerCase();
          if (name.startsWith("on")) problems.push(`${where} has ${name}="${attr.value}"`);
          if (URL_ATTRS.includes(name) && !safeUrl(attr.value)) problems.push(`${where} has ${name}="${attr.value}"`);
          if (name === "style" && !/^(\s*--user-colour:\s*#[0-9a-fA-F]{6};?\s*)*$/.test(attr.value)) problems.push(`${where} has style="${attr.value}"`);
        }
      }
    }
    return problems;
  }, selector);
}
