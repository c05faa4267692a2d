/**
 * Every interface string, per language, in parts. The general messages ("core") live in
 * en.json / ar.json; the board, the shared document and Stage 1 keep theirs in their own files
 * (one top-level key each). The browser loads only its language's parts that a page needs
 * (app/i18n/strings.ts); the server and the tests hold them all (`messages`).
 */
import en from "./en.json";
import ar from "./ar.json";
import pagesEn from "./pages.en.json";
import pagesAr from "./pages.ar.json";
import boardEn from "./board.en.json";
import boardAr from "./board.ar.json";
import documentEn from "./document.en.json";
import documentAr from "./document.ar.json";
import relationshipsEn from "./relationships.en.json";
import relationshipsAr from "./relationships.ar.json";
import workshopsEn from "./workshops.en.json";
import workshopsAr from "./workshops.ar.json";
import purposeEn from "./purpose.en.json";
import purposeAr from "./purpose.ar.json";

export const messages = {
  en: { ...en, ...pagesEn, ...boardEn, ...documentEn, ...relationshipsEn, ...workshopsEn, ...purposeEn },
  ar: { ...ar, ...pagesAr, ...boardAr, ...documentAr, ...relationshipsAr, ...workshopsAr, ...purposeAr },
};
