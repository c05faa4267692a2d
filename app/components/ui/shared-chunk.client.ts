// The code every page needs, in one browser chunk (and one request) instead of a dozen.
//
// The browser build (esbuild, through Remix's classic compiler) puts each module in the chunk of
// the exact set of entry points — route modules and lazily imported parts — that reach it, so
// modules shared by slightly different sets of routes each became a chunk of their own: React
// DOM, Remix, i18next, the root's code and the empty stand-ins of .server modules (a few bytes,
// one request each). Every route module reaches this module (app/i18n/strings.ts imports it, and
// the few routes that do not import strings.ts import it themselves), so everything imported here
// is reached by the same set and lands in one chunk. Add only what nearly every page uses: a page
// loads all of it. Lazily imported parts are entry points too, and reach some of it (React, React
// DOM, dates, limits): the board's parts and the shared editor import this module as well, or
// those modules would split off again. A new lazily imported part that uses React should too.
// (The board's export code is imported with the board for the same reason: export.ts cannot
// import this module, as unit tests and a test's own bundle import it alone.) One small chunk
// stays apart: esbuild's helpers, which every chunk imports (the string files and cytoscape too).
//
// A .client module is empty in the server build, so none of this runs on the server.
export * as remixReact from "@remix-run/react";
export * as reactI18next from "react-i18next";
import "react";
import "react/jsx-runtime";
import "react-dom";
import "i18next";
import "~/root";
import "~/components/nonce";
import "~/components/ui/page-title";
import "~/components/ui/csrf-field";
import "~/i18n/translate";
import "~/i18n/dates";
import "~/i18n/config";
import "~/domain/access/policy";
import "~/domain/limits";
import "~/collab/limits";
import "~/http/safe-redirect";
// The long lists' page links (people, relationships, ideas): a chunk of their own otherwise.
import "~/components/ui/page-links";
import "~/domain/paging";
// The addresses of the stylesheets that several routes link (a few bytes each; without this each
// was a chunk of its own). Re-exported, not imported for effect: Remix's compiler treats a bare
// CSS import as one for the CSS bundle.
export { default as analysisCss } from "~/styles/analysis.css";
export { default as challengesCss } from "~/styles/challenges.css";
export { default as cyclesCss } from "~/styles/cycles.css";
export { default as documentCss } from "~/styles/document.css";
export { default as exchangeCss } from "~/styles/exchange.css";
export { default as feedbackCss } from "~/styles/feedback.css";
export { default as ideasCss } from "~/styles/ideas.css";
export { default as insightsCss } from "~/styles/insights.css";
export { default as paperCss } from "~/styles/paper.css";
export { default as peopleCss } from "~/styles/people.css";
export { default as phoneCss } from "~/styles/phone.css";
export { default as portfolioCss } from "~/styles/portfolio.css";
export { default as posterCss } from "~/styles/poster.css";
export { default as prototypePagesCss } from "~/styles/prototype-pages.css";
export { default as prototypesCss } from "~/styles/prototypes.css";
export { default as purposeCss } from "~/styles/purpose.css";
export { default as servantCss } from "~/styles/servant.css";
export { default as sessionPlansCss } from "~/styles/session-plans.css";
export { default as stagesCss } from "~/styles/stages.css";
export { default as storiesCss } from "~/styles/stories.css";
export { default as threadCss } from "~/styles/thread.css";
export { default as workshopsCss } from "~/styles/workshops.css";
// Modules that many routes use only in their loaders and actions. In the browser build a .server
// module (and @remix-run/node) is an empty stand-in, which still became a chunk of its own.
import "@remix-run/node";
import "~/auth/permissions.server";
import "~/auth/session.server";
import "~/auth/csrf.server";
import "~/i18n/i18next.server";
import "~/http/read-form.server";
import "~/http/http-errors.server";
import "~/data/db.server";
import "~/data/form-submissions.server";
