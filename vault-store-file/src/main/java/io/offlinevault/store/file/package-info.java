/**
 * The encrypted file store: a {@link io.offlinevault.domain.port.out.VaultRepository} on one data directory.
 * <ul>
 *   <li>{@link io.offlinevault.store.file.FileVaultStore} (public) opens or creates a vault, holds its lock and
 *       serves its repository, or a sealed store that says why it did not open; {@code VaultCreation} creates a
 *       new vault (marker first, generation 0 last) and {@code DataDirModes} keeps the data dir owner-only.</li>
 *   <li>Commits: {@code FileVaultRepository} admits them into {@code GroupCommit} (leader/follower group commit: a
 *       caller commits its own batch when the store is idle, the writer thread takes what queues behind a commit in
 *       flight), whose {@code GroupWriter} appends one {@code JournalRecord} per batch to the newest
 *       {@code JournalSegment} through {@code Journal}, one write and one force per group;
 *       {@code Checkpointer} writes the {@code Checkpoint} (in the background when the newest segment outgrows
 *       it, synchronously for rotate and rekey) and deletes what no checkpoint needs any more.</li>
 *   <li>Open: {@code VaultImage} reads the {@code Checkpoint}, then {@code JournalReplay} (the torn-tail rule),
 *       then checks the {@code Blobs} the view references; {@code KeyCandidates} says which keys to try.</li>
 *   <li>Keys: {@code Keyring} (a vault key in one slot per key file or passphrase, the data keys under it),
 *       {@code KeyFile}, {@code PassphraseKdf} (Argon2id within {@code KdfParams}' bounds), public
 *       {@link io.offlinevault.store.file.VaultKeys}.</li>
 *   <li>Format: {@code Container} (sealed files), {@code Aead}, and the JSON codecs {@code StateCodec} and
 *       {@code JournalEntry} (streamed, entries through {@code EntryCodec}) and {@code RecordCodec} (trees).</li>
 *   <li>The owner's tools, {@link io.offlinevault.store.file.StoreMaintenance} (public): {@code StoreVerifier} checks
 *       every file on its own; {@code StoreBackup} and {@code StoreRestore} copy a vault out and back, both reading
 *       through {@code VaultImage} (an open that never writes). An open store backs itself up and verifies itself
 *       with the same code ({@code FileVaultStore.backup}, {@code verify}): a backup copies the state of a commit
 *       boundary that the writer pins ({@code FileVaultRepository.Boundary}: the {@code Checkpointer} keeps its
 *       segments and blobs until the copy is done) while commits go on; a verify runs while the writer and the
 *       checkpointer wait.</li>
 *   <li>Every file operation goes through {@code FileIo}, so tests inject faults at every step.</li>
 * </ul>
 */
package io.offlinevault.store.file;
