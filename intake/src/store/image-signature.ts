/**
 * Whether an artifact's first bytes are the image its item says it is. A screenshot is what a
 * reader of the evidence sees first; an item whose "screenshot" is text or zeros would be
 * complete, with a receipt, and count in other members' duplicate notices without showing
 * anything. The signatures are the formats' own (PNG, JPEG/JFIF, RIFF WebP).
 */
const signatures: Record<string, (bytes: Uint8Array) => boolean> = {
  'image/png': (bytes) => startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  'image/jpeg': (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]),
  'image/webp': (bytes) => startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes.subarray(8), [0x57, 0x45, 0x42, 0x50]),
};

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((byte, at) => bytes[at] === byte);
}

/** Artifact kinds whose bytes must be an image. */
export const imageKinds: ReadonlySet<string> = new Set(['visible-screenshot', 'full-page-screenshot']);

/** The first bytes of an artifact (its first chunk) begin the image type `mediaType` names. */
export function beginsAsImage(mediaType: string, firstBytes: Uint8Array): boolean {
  return signatures[mediaType]?.(firstBytes) ?? false;
}
