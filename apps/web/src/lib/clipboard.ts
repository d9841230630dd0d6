/** What copying needs of the browser, passed in so the fallbacks can be exercised without one. */
export interface ClipboardHost {
  clipboard?: { writeText(text: string): Promise<void> } | null;
  /** The old way, for pages without the asynchronous clipboard (plain HTTP on an intranet address). */
  execCopy?: (text: string) => boolean;
}

/**
 * Puts the text on the clipboard: the asynchronous API where the page may use it, else the old
 * execCommand('copy'). False when neither worked, so the page can ask the user to copy by hand.
 */
export async function copyText(text: string, host: ClipboardHost): Promise<boolean> {
  if (host.clipboard) {
    try {
      await host.clipboard.writeText(text);
      return true;
    } catch {
      // Refused (no permission, not a secure context): try the old way.
    }
  }
  try {
    return host.execCopy?.(text) ?? false;
  } catch {
    return false;
  }
}
