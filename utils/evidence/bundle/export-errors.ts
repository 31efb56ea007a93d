/**
 * Why an export stopped. The exporter would rather fail than write a bundle that says something
 * untrue: bytes that no longer hash to what the item recorded, an artifact missing from a live
 * item, a chain whose links do not follow. `message` is shown to the user as it is.
 */
export class BundleExportError extends Error {
  override readonly name = 'BundleExportError';
}
