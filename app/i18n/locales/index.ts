/**
 * Every interface string, per language. The general messages live in en.json / ar.json; the
 * board and shared-document components keep theirs in their own files (one top-level key each).
 */
import en from "./en.json";
import ar from "./ar.json";
import boardEn from "./board.en.json";
import boardAr from "./board.ar.json";
import documentEn from "./document.en.json";
import documentAr from "./document.ar.json";

export const messages = {
  en: { ...en, ...boardEn, ...documentEn },
  ar: { ...ar, ...boardAr, ...documentAr },
};
