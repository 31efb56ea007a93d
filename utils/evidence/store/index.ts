/**
 * The evidence store: captures and their changes in the extension's own
 * IndexedDB, as one hash chain that verifyChain checks end to end. Import from here.
 */
export { evidenceDbName, openEvidenceDatabase, type EvidenceDatabase, type EvidenceDb } from './database';
export { evidenceDbVersion } from './migrations';
export { addCapture, artifactId, type Capture, type CaptureArtifact } from './capture';
export { deleteItem, recordEvent, type ChangeOptions, type DeletionConfirmation, type ItemChange } from './events';
export { joinEvidenceWrites, type EvidenceWriteParticipant, type ParticipantTransaction } from './participants';
export { artifactBlob, getItem, itemHistory, listItems, type EvidenceFilter, type ItemHistory, type ListedItem } from './query';
export { caseItems, createCase, listCases } from './cases';
export { verifyChain, type ChainBreak, type ChainProblem, type ChainVerification } from './verify';
export { requestPersistence } from './persistence';
export { EvidenceChangeRefusedError, EvidenceDatabaseTooNewError, EvidenceNotFoundError, EvidenceStorageFullError } from './errors';
