import { useTranslation } from "react-i18next";

export type StoryPhotoView = { id: string; alt: string; width: number; height: number };

/** A story's photos (served through an access check, never cached by the browser's shared caches). */
export function StoryPhotos({
  localityId,
  storyId,
  photos,
  children,
}: {
  localityId: string;
  storyId: string;
  photos: readonly StoryPhotoView[];
  children?: (photo: StoryPhotoView) => React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <section className="story-photos" aria-labelledby="story-photos-title">
      <h2 id="story-photos-title">{t("stories.photos.title")}</h2>
      <ul>
        {photos.map((p) => (
          <li key={p.id}>
            <figure>
              <img src={`/l/${localityId}/stories/${storyId}/photos/${p.id}`} alt={p.alt} width={p.width} height={p.height} loading="lazy" />
              <figcaption dir="auto">{p.alt}</figcaption>
            </figure>
            {children ? children(p) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
