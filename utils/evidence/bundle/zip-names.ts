/**
 * Which entry names a bundle may hold. The writer refuses unsafe names outright; the reader reports
 * them per entry, since a tampered bundle may carry one. A name is unsafe when extracting it could
 * write outside the target folder (absolute paths, drive letters, `..`), when tools would read it
 * differently (backslashes, control characters, `.` or empty segments, broken UTF-16), or when it
 * would land on another entry's file on a case-insensitive disk (Windows, macOS), silently replacing
 * one piece of evidence with another.
 */
import { ZipEntryError } from './zip-errors';

/** Longer names are refused on writing and reported on reading: no real evidence path needs more. */
export const maxNameBytes = 4096;

const controlCharacter = /[\u0000-\u001f\u007f]/;
const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const driveLetter = /^[A-Za-z]:/;
const utf8 = new TextEncoder();

/**
 * Why `name` is not a safe entry name, or undefined when it is. `directory` allows the single
 * trailing slash that marks a folder entry (found in archives made by other tools; ours hold files).
 */
export function unsafeNameReason(name: string, directory = false): string | undefined {
  if (name === '') return 'the name is empty';
  if (name.includes('\u0000')) return 'the name contains a NUL character';
  if (controlCharacter.test(name)) return 'the name contains a control character';
  if (loneSurrogate.test(name)) return 'the name is not well-formed Unicode';
  if (name.includes('\\')) return 'the name contains a backslash (use "/" between folders)';
  if (name.startsWith('/')) return 'the name is an absolute path';
  if (driveLetter.test(name)) return 'the name starts with a drive letter';
  if (utf8.encode(name).length > maxNameBytes) return `the name is longer than ${maxNameBytes} bytes`;
  const segments = (directory && name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  if (segments.includes('..')) return 'the name has a ".." segment';
  if (segments.includes('.')) return 'the name has a "." segment';
  if (segments.includes('')) return 'the name has an empty segment (a trailing "/" or "//")';
  return undefined;
}

/** The key two names collide on when extracted to a case-insensitive, normalising file system. */
export const collisionKey = (name: string): string => name.normalize('NFC').toLowerCase();

/** Hands out the UTF-8 bytes of each new name, refusing unsafe names and collisions. */
export class NameRegistry {
  readonly #seen = new Map<string, string>();
  readonly #encoder = new TextEncoder();

  claim(name: string): Uint8Array {
    const reason = unsafeNameReason(name);
    if (reason) throw new ZipEntryError(name, `unsafe entry name: ${reason}`);
    const key = collisionKey(name);
    const earlier = this.#seen.get(key);
    if (earlier === name) throw new ZipEntryError(name, 'duplicate entry name');
    if (earlier !== undefined) {
      throw new ZipEntryError(name, `duplicate entry name: same file as ${JSON.stringify(earlier)} on case-insensitive disks`);
    }
    this.#seen.set(key, name);
    return this.#encoder.encode(name);
  }
}
