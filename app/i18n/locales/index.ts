/**
 * Every interface string, per language, in parts. The general messages ("core") live in
 * en.json / ar.json; the board, the shared document and each stage keep theirs in their own files
 * (one top-level key each). The browser loads only its language's parts that a page needs
 * (app/i18n/strings.ts); the server and the tests hold them all (`messages`).
 */
import en from "./en.json";
import ar from "./ar.json";
import pagesEn from "./pages.en.json";
import pagesAr from "./pages.ar.json";
import boardEn from "./board.en.json";
import boardAr from "./board.ar.json";
import paperEn from "./paper.en.json";
import paperAr from "./paper.ar.json";
import documentEn from "./document.en.json";
import documentAr from "./document.ar.json";
import relationshipsEn from "./relationships.en.json";
import relationshipsAr from "./relationships.ar.json";
import workshopsEn from "./workshops.en.json";
import workshopsAr from "./workshops.ar.json";
import purposeEn from "./purpose.en.json";
import purposeAr from "./purpose.ar.json";
import storiesEn from "./stories.en.json";
import storiesAr from "./stories.ar.json";
import analysisEn from "./analysis.en.json";
import analysisAr from "./analysis.ar.json";
import insightsEn from "./insights.en.json";
import insightsAr from "./insights.ar.json";
import challengesEn from "./challenges.en.json";
import challengesAr from "./challenges.ar.json";
import ideasEn from "./ideas.en.json";
import ideasAr from "./ideas.ar.json";
import phoneEn from "./phone.en.json";
import phoneAr from "./phone.ar.json";
import prototypesEn from "./prototypes.en.json";
import prototypesAr from "./prototypes.ar.json";
import cyclesEn from "./cycles.en.json";
import cyclesAr from "./cycles.ar.json";
import measuresEn from "./measures.en.json";
import measuresAr from "./measures.ar.json";
import feedbackEn from "./feedback.en.json";
import feedbackAr from "./feedback.ar.json";
import exchangeEn from "./exchange.en.json";
import exchangeAr from "./exchange.ar.json";
import stagesEn from "./stages.en.json";
import stagesAr from "./stages.ar.json";
import plansEn from "./plans.en.json";
import plansAr from "./plans.ar.json";
import servantEn from "./servant.en.json";
import servantAr from "./servant.ar.json";

export const messages = {
  en: {
    ...en,
    ...pagesEn,
    ...boardEn,
    ...paperEn,
    ...documentEn,
    ...relationshipsEn,
    ...workshopsEn,
    ...purposeEn,
    ...storiesEn,
    ...analysisEn,
    ...insightsEn,
    ...challengesEn,
    ...ideasEn,
    ...phoneEn,
    ...prototypesEn,
    ...cyclesEn,
    ...measuresEn,
    ...feedbackEn,
    ...exchangeEn,
    ...stagesEn,
    ...plansEn,
    ...servantEn,
  },
  ar: {
    ...ar,
    ...pagesAr,
    ...boardAr,
    ...paperAr,
    ...documentAr,
    ...relationshipsAr,
    ...workshopsAr,
    ...purposeAr,
    ...storiesAr,
    ...analysisAr,
    ...insightsAr,
    ...challengesAr,
    ...ideasAr,
    ...phoneAr,
    ...prototypesAr,
    ...cyclesAr,
    ...measuresAr,
    ...feedbackAr,
    ...exchangeAr,
    ...stagesAr,
    ...plansAr,
    ...servantAr,
  },
};
