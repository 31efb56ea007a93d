/**
 * What sync sends to the coalition's intake, in the categories of Firefox's built-in consent for
 * data collection: the pages captured as evidence (screenshots and the saved page: website
 * content), the listings' addresses and when they were seen (browsing activity), and the
 * representative's name on every item (personally identifying information). Colophon collects
 * nothing else and nothing at all without sync, so the manifest declares these optional and
 * Firefox asks for them in the click that connects to an intake, with the intake's origin.
 */
export const syncDataCollection = ['websiteContent', 'browsingActivity', 'personallyIdentifyingInfo'] as const;
