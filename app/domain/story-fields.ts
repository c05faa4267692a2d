/**
 * How a story was gathered and the languages it can be told in. Apart from stories.ts, which
 * validates the story forms with zod, so that pages that only show or filter stories do not fetch
 * zod in the browser.
 */
import { PERSON_LANGUAGES } from "./person-fields";

export const STORY_METHODS = ["interview", "observation", "diary", "photo_story"] as const;
export type StoryMethod = (typeof STORY_METHODS)[number];

/** Languages a story can be told in (BCP 47; named in core strings `languageNames.*`). */
export const STORY_LANGUAGES = PERSON_LANGUAGES;
