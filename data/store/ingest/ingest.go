// Package ingest writes an opened CSV or XLSX file into the store: it joins
// the pure reading and converting of data/importer to the batched, atomic
// import of data/store.
//
// Import is all or nothing and bounded in memory:
//
//	store.BeginImport → tx (state "pending", the file's hash and name)
//	importer.RunWith: read and convert rows ─┐ (the caller's goroutine: the
//	  take: duplicates (tx.Repeats) → batch  │  loop the importer's corpus,
//	                                          │  fuzz and benchmarks run too)
//	    tx.Prepare (validate, encode)        ─┤ (a goroutine)
//	      tx.AddPrepared (rows + replaced)   ┘ (a goroutine)
//	  …
//	tx.Finish (state "done"; what it replaces goes now)
//
// The three stages work on consecutive batches at once (pipeline.go), so
// converting, encoding and bbolt's writing and committing overlap on a
// machine with two or more cores. Where each batch lands in the file is
// drawn in the store's package doc ("Where does an import write").
//
// A cancelled context, an error while reading, or an error from the store
// aborts the import (tx.Abort removes every batch already written, and
// a survey created for the file with it). A crash or kill leaves a pending
// import, which store.Open rolls back — a survey created for the file
// included: it is created in the transaction that begins the import
// (store.BeginImportNewSurvey), so no kill leaves it empty.
//
// Importing the same data twice is detected two ways: by the file's
// content hash (FindImportByHash) and row by row by the respondent's
// external ID or by a CSAT Desk response ID (store.Repeats). What happens
// then is Options.OnDuplicate. Replacing never counts a respondent twice
// and is part of the all-or-nothing: the stored responses a row replaces
// are only listed while the import runs (with each batch) and removed by
// tx.Finish, in the transaction that makes the import
// permanent; the earlier import of the same file likewise.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store"
)

// Duplicate says what Import does with data imported before.
type Duplicate int

// What to do with data imported before.
const (
	// Skip imports the rows not imported before and reports the others as
	// skipped ("already imported"). A file with the same content as an
	// earlier import is skipped whole.
	Skip Duplicate = iota
	// Replace imports every row and removes what it replaces: the earlier
	// import of the same file (same content hash), and every stored
	// response — from any earlier import, or typed in — with the external
	// (respondent) ID or the CSAT Desk response ID of a row. Both go in the
	// transaction that finishes the import; the report says how many
	// responses were replaced.
	Replace
	// Refuse stops with ErrAlreadyImported when the same file was imported
	// before; rows repeating an external ID are skipped as with Skip.
	Refuse
)

// String returns skip, replace or refuse.
func (d Duplicate) String() string {
	switch d {
	case Replace:
		return "replace"
	case Refuse:
		return "refuse"
	}
	return "skip"
}

// ParseDuplicate reads skip, replace or refuse.
func ParseDuplicate(s string) (Duplicate, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "skip", "":
		return Skip, nil
	case "replace":
		return Replace, nil
	case "refuse":
		return Refuse, nil
	}
	return Skip, fmt.Errorf("%q: write skip, replace or refuse", s)
}

// errNothingImported is abort's cause when a survey made from the file got
// no row.
var errNothingImported = errors.New("nothing was imported")

// ErrAlreadyImported is returned (wrapped, with the file name and the date
// of the earlier import) when the same file was imported before and
// Options.OnDuplicate is Refuse.
var ErrAlreadyImported = errors.New("this file was already imported")

// DefaultBatchSize is how many responses go into one store transaction.
const DefaultBatchSize = 10000

// ReasonAlreadyImported is the report's reason for a row whose data is in
// the store already: the English of importer.KindAlreadyImported.
const ReasonAlreadyImported = string(importer.KindAlreadyImported)

// Options tune Import.
type Options struct {
	// Hash is the file's content hash (importer.FileHash, or HashFile for a
	// path). Required: the store recognises re-imported files by it.
	Hash string
	// TotalRows is the number of data rows, when known (Profile.Rows from
	// importer.Scan of the whole file); it makes Progress's fraction
	// meaningful. When 0, the import counts them for its record.
	TotalRows int
	// Progress, if set, is called every importer.ProgressEvery rows and at
	// the end with the rows read so far and the fraction of the file done
	// (0…1; 0 when TotalRows is unknown). It runs on Import's goroutine.
	Progress func(rowsDone int, bytesFrac float64)
	// OnDuplicate says what to do with data imported before.
	OnDuplicate Duplicate
	// BatchSize is the number of responses per transaction; 0 means
	// DefaultBatchSize.
	BatchSize int
	// Loc is the time zone of dates without one, when m.Loc is nil.
	Loc *time.Location
	// DryRun reads, converts and checks every row as a real import would —
	// against the earlier import of the same file and the responses stored
	// with the same respondent or response IDs — and writes nothing: no
	// survey is created, Imported counts the rows that would be imported.
	DryRun bool
}

// HashFile returns the content hash of the file at path, for Options.Hash.
func HashFile(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("cannot open %s: %w", path, err)
	}
	defer f.Close()
	h, err := importer.FileHash(f)
	if err != nil {
		return "", fmt.Errorf("%s: %w", path, err)
	}
	return h, nil
}

// Import reads every data row of f, converts it for survey sv under
// mapping m, and stores the responses as one import. A survey with ID 0 is
// created first (a name already taken gets " (2)", " (3)" …) and its ID is
// written back into sv; it is deleted again if the import fails.
//
// It returns the report (rows read, imported, skipped with row, column and
// reason). On error — ctx.Err() when cancelled — nothing of the import is
// left in the store and the report tells how far it got.
func Import(ctx context.Context, st *store.Store, f *importer.File, sv *data.Survey, m importer.Mapping, opt Options) (importer.Report, error) {
	rep := importer.Report{File: f.Source.Name}
	if strings.TrimSpace(opt.Hash) == "" {
		return rep, fmt.Errorf("import %s: the file's content hash is missing", f.Source.Name)
	}
	if opt.BatchSize <= 0 {
		opt.BatchSize = DefaultBatchSize
	}
	if m.Loc == nil {
		m.Loc = opt.Loc
	}
	if err := ctx.Err(); err != nil {
		return rep, err
	}

	// The same file imported before?
	earlier, again, err := st.FindImportByHash(opt.Hash)
	if err != nil {
		return rep, fmt.Errorf("import %s: %w", f.Source.Name, err)
	}
	wholeDup := false
	var replaces uint64 // the earlier import of the same file, replaced whole
	var notes []importer.Problem
	if again && earlier.State == store.ImportDone {
		when := earlier.Finished.Local().Format("2006-01-02 15:04")
		switch {
		case opt.OnDuplicate == Refuse:
			return rep, fmt.Errorf("%s: %w on %s (%d responses); import it again with replace or skip",
				f.Source.Name, ErrAlreadyImported, when, earlier.Added)
		case opt.OnDuplicate == Replace:
			replaces = earlier.ID
			notes = append(notes, importer.NewProblem(0, -1, "", "", data.NewProblem(importer.KindReplacesSameFile, "Date", when, "N", earlier.Added)))
		default:
			wholeDup = true
			notes = append(notes, importer.NewProblem(0, -1, "", "", data.NewProblem(importer.KindSameFileImported, "Date", when)))
		}
	}

	// A new survey is created in the transaction that begins the import,
	// and goes with it if the import is aborted or the program dies.
	var tx *store.ImportTx
	created := false
	if sv.ID == 0 && !wholeDup && !opt.DryRun {
		if tx, err = beginNewSurvey(st, store.ImportRecord{FileName: f.Source.Name, Hash: opt.Hash, Rows: opt.TotalRows}, sv); err != nil {
			return rep, fmt.Errorf("import %s: %w", f.Source.Name, err)
		}
		created = true
	}
	conv, err := importer.NewConverter(sv, m)
	if err != nil {
		if created {
			_ = tx.Abort()
			sv.ID = 0
		}
		return rep, fmt.Errorf("%s: %w", f.Source.Name, err)
	}

	// Row-by-row checks are needed only when the survey has responses
	// already (rows repeated within the file are caught by the converter).
	// The earlier import of the same file, when it is replaced whole, is
	// left out of the matches (tx.Repeats); tx.Finish removes it.
	checkRows := false
	if !created && !wholeDup && sv.ID != 0 {
		stats, err := st.SurveyStats(sv.ID)
		if err != nil {
			return rep, fmt.Errorf("import %s: %w", f.Source.Name, err)
		}
		checkRows = stats.Responses > 0
	}

	if !created && !wholeDup && !opt.DryRun {
		tx, err = st.BeginImport(store.ImportRecord{SurveyID: sv.ID, FileName: f.Source.Name, Hash: opt.Hash, Rows: opt.TotalRows, Replaces: replaces})
		if err != nil {
			return rep, fmt.Errorf("import %s: %w", f.Source.Name, err)
		}
	}
	var pl *pipeline
	if tx != nil {
		pl = newPipeline(tx, sv.ID, opt.BatchSize, conv)
		defer pl.stop()
	}
	abort := func(cause error) (importer.Report, error) {
		if pl != nil {
			// Batches in flight are dropped, not written to be removed
			// again; cause is what the caller hears of.
			pl.fail(cause)
			pl.stop()
		}
		var errs []error
		if tx != nil {
			if err := tx.Abort(); err != nil {
				errs = append(errs, err)
			}
		}
		if created { // tx.Abort removed it
			sv.ID = 0
		}
		if len(errs) > 0 {
			return rep, fmt.Errorf("%w (and undoing it failed: %w)", cause, errors.Join(errs...))
		}
		return rep, cause
	}
	// repeats looks a row up among the stored responses; the earlier
	// import of the same file, when it is replaced whole, is left out.
	repeats := func(id data.ResponseID, ext string) (store.Repeat, error) {
		return st.Repeats(sv.ID, id, ext, replaces)
	}
	wouldReplace := 0 // DryRun: stored responses the rows would replace

	// take decides what becomes of each converted row and hands the rows
	// to import to the pipeline.
	take := func(row int, resp data.Response) (importer.Fate, error) {
		if wholeDup {
			return importer.Fate{Skip: true}, nil
		}
		var rp store.Repeat
		var replaced []data.ResponseID // stored responses the row replaces
		if checkRows && (!resp.ID.IsZero() || resp.ExternalID != "") {
			var err error
			if rp, err = repeats(resp.ID, resp.ExternalID); err != nil {
				return importer.Fate{}, fmt.Errorf("%s, row %d: %w", f.Source.Name, row, err)
			}
			if (rp.SameID || len(rp.ByExt) > 0) && opt.OnDuplicate != Replace {
				dup := resp.ExternalID
				if rp.SameID {
					dup = resp.ID.String()
				}
				p := importer.NewProblem(row, -1, "", dup, data.NewProblem(importer.KindAlreadyImported))
				return importer.Fate{Skip: true, Problem: &p}, nil
			}
			for _, id := range rp.ByExt {
				if id != resp.ID { // that one is replaced by the row itself
					replaced = append(replaced, id)
				}
			}
		}
		if opt.DryRun {
			if rp.SameID && !rp.SameIDReplaced {
				wouldReplace++
			}
			wouldReplace += len(replaced)
			return importer.Fate{}, nil
		}
		if err := pl.add(resp, rp.SameID, replaced); err != nil {
			return importer.Fate{}, fmt.Errorf("%s: %w", f.Source.Name, err)
		}
		return importer.Fate{}, nil
	}

	rep, err = importer.RunWith(ctx, f, conv, importer.RunOptions{
		TotalRows: opt.TotalRows, Progress: opt.Progress, Notes: notes, Take: take})
	if err != nil {
		return abort(err)
	}
	if wholeDup {
		return rep, nil
	}
	if opt.DryRun {
		// Repeats left out the earlier import of the same file, which the
		// note about that import accounts for.
		if wouldReplace > 0 {
			rep.Problems = insertNote(rep.Problems, len(notes), &rep.Omitted, replacedNote(true, wouldReplace))
		}
		return rep, nil
	}
	if err := ctx.Err(); err != nil {
		return abort(err)
	}
	if created && rep.Imported == 0 {
		// An empty survey named after the file would only clutter the list
		// (and a second try would make "name (2)").
		if _, err := abort(errNothingImported); err != errNothingImported {
			return rep, err // undoing failed
		}
		rep.Problems = insertNote(rep.Problems, len(notes), &rep.Omitted,
			importer.NewProblem(0, -1, "", "", data.NewProblem(importer.KindSurveyNotKept)))
		return rep, nil
	}
	if err := pl.close(); err != nil {
		return abort(fmt.Errorf("%s: %w", f.Source.Name, err))
	}
	if opt.TotalRows == 0 {
		tx.SetRows(rep.Read - rep.Blank)
	}
	done, err := tx.Finish()
	if err != nil {
		return abort(err)
	}
	// The import is done; its record says how many responses it replaced.
	if done.Replaced > 0 {
		rep.Problems = insertNote(rep.Problems, len(notes), &rep.Omitted, replacedNote(false, done.Replaced))
	}
	return rep, nil
}

// replacedNote tells, in the report, how many stored responses an import
// replaced, or a dry run would replace.
func replacedNote(dry bool, n int) importer.Problem {
	var k data.ProblemKind
	switch {
	case dry && n == 1:
		k = importer.KindWouldReplaceOne
	case dry:
		k = importer.KindWouldReplace
	case n == 1:
		k = importer.KindReplacedOne
	default:
		k = importer.KindReplaced
	}
	return importer.NewProblem(0, -1, "", "", data.NewProblem(k, "N", n))
}

// insertNote puts note at index i of ps (after the notes made before the
// rows), dropping the last problem into omitted when ps is full.
func insertNote(ps []importer.Problem, i int, omitted *int, note importer.Problem) []importer.Problem {
	if len(ps) >= importer.MaxProblems {
		ps = ps[:importer.MaxProblems-1]
		*omitted++
	}
	return slices.Insert(ps, min(i, len(ps)), note)
}

// beginNewSurvey begins import rec into new survey sv, created with the
// import (store.BeginImportNewSurvey), adding " (2)", " (3)" … to a name
// already taken.
func beginNewSurvey(st *store.Store, rec store.ImportRecord, sv *data.Survey) (*store.ImportTx, error) {
	base := sv.Name
	for i := 2; ; i++ {
		tx, err := st.BeginImportNewSurvey(rec, sv)
		if err == nil || !errors.Is(err, store.ErrExists) || i > 100 {
			return tx, err
		}
		sv.Name = fmt.Sprintf("%s (%d)", base, i)
	}
}
