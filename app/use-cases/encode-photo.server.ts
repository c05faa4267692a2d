/**
 * A story's photos: checked and re-encoded with sharp before they are stored, so nothing of the
 * original file's metadata (EXIF, GPS position, camera, XMP, comments) is kept. `.rotate()`
 * applies the EXIF orientation to the pixels first, so the photo still shows the right way up.
 */
import sharp from "sharp";
import { LIMITS } from "~/domain/limits";
import type { PHOTO_TYPES } from "~/domain/stories";

export type EncodedPhoto = { data: Uint8Array; mime: (typeof PHOTO_TYPES)[number]; width: number; height: number };
export type PhotoResult = { ok: true; photo: EncodedPhoto } | { ok: false; error: string };

const E = "stories.photos.errors";
/** Decoding a huge image costs memory: refuse more than 50 megapixels. */
const MAX_PIXELS = 50_000_000;

export async function encodePhoto(file: File): Promise<PhotoResult> {
  if (file.size === 0) return { ok: false, error: `${E}.missing` };
  if (file.size > LIMITS.photoBytes) return { ok: false, error: `${E}.tooLarge` };
  const input = Buffer.from(await file.arrayBuffer());
  let format: string | undefined;
  try {
    format = (await sharp(input, { limitInputPixels: MAX_PIXELS }).metadata()).format;
  } catch {
    return { ok: false, error: `${E}.notImage` };
  }
  if (format !== "jpeg" && format !== "png" && format !== "webp") return { ok: false, error: `${E}.type` };
  try {
    const pipeline = sharp(input, { limitInputPixels: MAX_PIXELS }).rotate();
    const encoded = format === "jpeg" ? pipeline.jpeg({ quality: 85, mozjpeg: true }) : format === "png" ? pipeline.png() : pipeline.webp({ quality: 85 });
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { ok: true, photo: { data: new Uint8Array(data), mime: `image/${format}` as EncodedPhoto["mime"], width: info.width, height: info.height } };
  } catch {
    return { ok: false, error: `${E}.notImage` };
  }
}
