// Package store keeps CSAT Desk's surveys and responses in one bbolt file,
// together with per-day histograms ("rollups") that let a dashboard show a
// year of figures without reading a single response.
//
// # Schema
//
// All integers in keys are fixed-width big-endian so that keys sort in
// numeric order and a date range is one Cursor.Seek plus a bounded loop.
// Schema version 3:
//
//	meta
//	├── version          → "3"                       schema version, ASCII digits
//	├── created          → RFC 3339 time             when the file was created
//	├── migrated         → "<from>→<to> <RFC 3339>"  last migration, if any
//	└── strings-sealed   → "1"                       the strings carry checksums (schema 3)
//	surveys
//	└── <sid u64>        → JSON {"v":1, …data.Survey} "\ncrc32c:" <8 hex digits>
//	responses
//	└── <sid u64>/                                    one sub-bucket per survey
//	    └── <wall u64><id [16]byte> → response value  (binary codec, see below)
//	ids
//	└── <sid u64>/
//	    └── <id[0:15]>               → n × (<id[15]><wall u64>)  response-ID index, grouped
//	extids
//	└── <sid u64>/
//	    └── <len uvarint><ExternalID><id [16]byte> → "" external-ID index
//	forms
//	└── <sid u64>/
//	    └── <len uvarint><FormNumber><id [16]byte> → "" paper form-number index
//	rollups
//	└── <sid u64>/
//	    └── <segment><day u32> → n × (<qid uvarint><histogram>)
//	imports
//	└── <import u64>     → JSON ImportRecord
//	importrows
//	└── <import u64><sid u64><id[0:15]> → n × <id[15]>  what an import wrote, grouped
//	supersede                                          (only while a replacing import is pending)
//	└── <import u64><sid u64><id[0:15]> → n × <id[15]>  stored responses it will replace, grouped
//	staged                                             (only while a replacing import is pending)
//	└── <import u64><sid u64><wall u64><id [16]byte> → response value  its rows that reuse a stored ID
//	settings
//	└── <key>            → value
//	strings
//	└── <index u32>      → a string values name by index (dict.go), then
//	                       its CRC-32C (4 bytes); the bucket's sequence is
//	                       the count; meta "strings-sealed" marks the CRCs
//	layouts                                            (from the first printed form; layouts.go)
//	└── <sid u64><hash 16 hex> → JSON scan.Layout "\ncrc32c:" <8 hex digits>  where a printed form put its boxes
//	contacts                                           (made by the first contact saved)
//	└── <sid u64>/
//	    └── <id [16]byte> → JSON data.Contact "\ncrc32c:" <8 hex>  name, phone, email, consent
//	followup                                           (made by the first status change)
//	└── <sid u64>/
//	    └── <id [16]byte> → JSON data.FollowUpState "\ncrc32c:" <8 hex>
//	followuprules                                      (made by the first rule saved)
//	└── <sid u64>        → JSON data.FollowUpRule "\ncrc32c:" <8 hex>
//
// Contacts are kept apart from the responses so that nothing that reads
// responses (rollups, charts, exports, merges of answers) carries them, and
// forgetting a customer removes them without touching the answers; see
// contacts.go and followup.go. They need no schema step: a file without
// them is unchanged, and an older CSAT Desk ignores the buckets.
//
// wall is the response's CollectedAt as wall-clock nanoseconds since
// 1970-01-01 in the response's own time zone (Unix nanoseconds plus the zone
// offset). Keys therefore sort by the civil date and time written on the
// form, and the civil day d is exactly the key range
// [d×86400×10⁹, (d+1)×86400×10⁹): a date-range query needs no time zone.
// Dates are validated to lie in 1990–2200, so wall is always positive and
// far below 2⁶³.
//
// segment is uvarint(len(name)) name uvarint(len(value)) value; the "all
// responses" segment is the two bytes 00 00. The encoding is prefix-free, so
// one segment forms one contiguous run of keys ordered by day, and a
// question's series is one Seek plus a bounded loop. A rollup value holds
// the histograms of every question answered in that segment on that day,
// sorted by question ID, zero histograms left out. Question ID 0 is the
// pseudo-question "responses": its histogram counts responses in bucket 0,
// so Hist.N() is the number of responses that day; a rollup key exists
// exactly when that count is non-zero.
//
// The ID sets (ids, importrows, supersede) are grouped by the first 15
// bytes of the ResponseID: one value holds up to 256 IDs as sorted
// fixed-size records (the last byte of the ID, plus the wall time for ids).
// Fresh IDs of one millisecond are consecutive, so a batch of 10,000 writes
// some forty keys instead of 10,000; a lookup is one Get and a binary
// search (idgroups.go; schema 1 grouped by the millisecond, see there why
// that changed).
//
// A histogram is a 16-bit big-endian mask of the non-zero scale values
// followed by their counts as uvarints, minimal encodings only. Every value
// therefore has exactly one encoding, which is what lets RebuildRollups
// reproduce the rollups byte for byte.
//
// A response value is a format byte (3) followed by flags saying which
// fields follow, as uvarints, varints and length-prefixed strings
// (encoder.encode): a head — import ID, survey version, zone offsets,
// Source and Channel, the same for every row of an import — named by its
// index in the strings dictionary, then ExternalID, FormNumber, Comment,
// tags (names and values by dictionary index), answers (one byte each when
// they fit) and texts, each sorted by key. EnteredAt, when it is the
// millisecond the response ID starts with (every response entered since
// schema 2), costs nothing. The survey ID, the response ID and the
// collection time are not repeated: they are in the key. The value ends
// with the CRC-32C of everything before it (4 bytes), and a survey record
// with "\ncrc32c:" and the CRC of its JSON: a value damaged on the disk is
// an error naming it when read, not other data (migrate_v3.go). Format 2
// (schema 2) is format 3 without the checksum; format 1 (schema 1) held
// every field in full. Both still decode; schema 2's migration rewrites
// format 1 (migrate_v2.go), schema 3's seals format 2. An imported Google Forms row
// takes 10–45 bytes (format 1: 60–95), about 82 bytes per response in all
// with its key and indexes (schema 1: 158).
//
// # Deviations from the first design, and why
//
//   - Responses, the ID indexes and rollups live in one sub-bucket per survey
//     instead of one flat bucket prefixed by the survey ID. Keys are 8 bytes
//     shorter, and DeleteSurvey is a few DeleteBucket calls that free pages
//     without rewriting them, instead of deleting millions of keys in one
//     transaction.
//   - A rollup key is segment|day with all questions in the value, instead
//     of question|segment|day with one histogram each. One response touches
//     1+len(Segments()) rollup keys instead of (1+answers)×(1+len(Segments()))
//     — 4 instead of 24 for a typical form — and those keys sit on a few
//     pages, not 24 scattered ones, so saving one response rewrites a few
//     pages rather than dozens. A dashboard reads a value of ~100 bytes per
//     day and picks its question: the same single Seek and loop.
//   - Response values use a small binary codec, not JSON: encoding/json
//     alone costs more per response than the whole bulk-insert budget
//     (300,000 responses/s including rollups and indexes). Surveys, import
//     records and settings stay JSON: they are few and humans may want to
//     read them with bbolt's CLI.
//   - The key holds the wall-clock time rather than the UTC instant, for the
//     date-range reason above; the zone offset is in the value, so the
//     instant is restored exactly (as a fixed zone, as encoding/json would).
//   - The ID index maps to the 8-byte wall time only (the survey ID and the
//     response ID complete the response key), and it is grouped by the ID's
//     millisecond, as are the import rows. A bbolt Put costs about a
//     microsecond whatever its size, so one Put per response per index
//     alone would have used up the bulk-insert budget; grouped, an insert
//     costs one Put (plus one each for a non-empty ExternalID and FormNumber).
//
// # Transactions
//
// Every exported method runs its own bbolt transaction; no *bbolt.Tx leaves
// the package and every byte slice handed out is a copy. Reads that may be
// long (EachResponse) are split into short transactions so that a slow
// callback never blocks the file from growing or the store from closing.
// Writes that touch a response also update its indexes and rollups in the
// same transaction, so the dashboard can never disagree with the data.
//
// # Where does a response get written
//
// Always through one function, writer.insert (insert.go): the value, its
// ID-index record, its import-row record (when it came with an import), its
// external-ID and form-number entries, and +1 in every rollup histogram it
// counts in, in the caller's transaction. Its callers only differ in what
// they check first and how the value was made:
//
//	AddResponse, UpdateResponse        insertOne: validate, encode, insert
//	AddResponses, ImportTx batches     a PreparedBatch: validated, encoded and counted
//	                                   outside the write transaction, inserted in key order
//	ImportTx.Finish (staged rows)      insertOne, in place of the response holding the ID
//	RestoreResponses                   the deleted bytes, inserted as they were
//
// writer.remove is its exact inverse (delete, an import's rollback,
// replacing).
//
// # Imports
//
// Where does an import write? An import is an ImportTx:
//
//	tx := BeginImport(rec)          imports/<id> = {state: "pending", …}
//	tx.Add(ImportBatch{…})          one write transaction per batch:
//	                                  Rows    → writer.insert (responses, ids, extids, forms,
//	                                            rollups) + importrows/<id><sid><ms>
//	                                  Replace → supersede/<id><sid><ms>  (listed, not removed)
//	                                  Same    → staged/<id><sid><wall><rid> (kept aside)
//	tx.Finish()                     one transaction: removes the import rec.Replaces names and
//	                                the responses under supersede and staged IDs, inserts the
//	                                staged rows, empties both lists, state "done"
//	tx.Abort() / Open after a crash removes what importrows lists, drops both lists and
//	                                the record, a bounded batch per transaction
//
// Nothing stored before changes until Finish, so a cancelled, failed or
// killed import leaves every earlier response as it was. Prepare and
// AddPrepared split Add in two so that a pipeline (data/store/ingest)
// validates and encodes one batch while bbolt writes the one before. The
// import's ID is information (reports, AbortImport of a finished import);
// writing goes through the handle. See supersede.go for replacing.
//
// # The frozen format
//
// testdata/schema-v1.db.gz is a database written by the code of schema
// version 1 (surveys of every question kind, a retired question, typed and
// imported responses, imports done, replaced, pending and being aborted,
// settings), and testdata/golden-v1.hex holds the bytes of every key and
// value kind. fixture_test.go and golden_test.go assert exact figures and
// bytes; a later schema must migrate that file and give the same figures.
// schema-v2.db.gz and golden-v2.hex do the same for schema 2
// (golden_v2_test.go), and migrate_v2_test.go checks that migrating the
// schema 1 file keeps every response, index entry and rollup, and that a
// kill -9 during the migration leaves schema 1 intact. schema-v3.db.gz and
// golden-v3.hex freeze schema 3 (golden_v3_test.go); migrate_v3_test.go
// checks that migrating the schema 1 and 2 files seals every value and
// changes nothing it decodes to.
//
// # Migrations
//
// The schema version in meta is compared with the steps this code knows.
// A newer file is refused before it is ever opened read-write. An older one
// is first copied to <path>.bak-v<old> with Tx.WriteTo, then migrated by
// ordered, idempotent steps inside one Update: a crash leaves the old
// version or the new one, never a mix. Step 2 (migrate_v2.go) rewrites
// every response value and ID group of a schema 1 file; step 3
// (migrate_v3.go) seals every response value and survey record with its
// checksum.
package store
