// Package ingest writes an opened CSV or XLSX file into the store: it joins
// the pure reading and converting of data/importer to the batched, atomic
// import of data/store.
//
// Import is all or nothing and bounded in memory:
//
//	BeginImport (state "pending", the file's hash and name)
//	  convert rows → batches of ~10,000 responses → AddImportBatch
//	  …
//	FinishImport (state "done")
//
// A cancelled context, an error while reading, or an error from the store
// aborts the import (AbortImport removes every batch already written, and
// a survey created for the file is deleted again). A crash or kill leaves a
// pending import, which store.Open rolls back.
//
// Importing the same data twice is detected two ways: by the file's
// content hash (FindImportByHash) and row by row by the respondent's
// external ID (ExternalIDExists) or by a CSAT Desk response ID. What
// happens then is Options.OnDuplicate.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"os"
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
	// Replace imports the file again and then removes the earlier import of
	// the same file (same content hash). Rows that repeat an external ID of
	// another file are skipped as with Skip: the store has no lookup from an
	// external ID to its responses, so single rows cannot be replaced yet;
	// the report says so.
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

// ErrAlreadyImported is returned (wrapped, with the file name and the date
// of the earlier import) when the same file was imported before and
// Options.OnDuplicate is Refuse.
var ErrAlreadyImported = errors.New("this file was already imported")

// DefaultBatchSize is how many responses go into one store transaction.
const DefaultBatchSize = 10000

// progressEvery is how many rows pass between two Progress calls.
const progressEvery = 1000

// ReasonAlreadyImported is the report's reason for a row whose data is in
// the store already.
const ReasonAlreadyImported = "already imported"

// Options tune Import.
type Options struct {
	// Hash is the file's content hash (importer.FileHash, or HashFile for a
	// path). Required: the store recognises re-imported files by it.
	Hash string
	// TotalRows is the number of data rows, when known (Profile.Rows from
	// importer.Scan); it makes Progress's fraction meaningful.
	TotalRows int
	// Progress, if set, is called every thousand rows and at the end with
	// the rows read so far and the fraction of the file done (0…1; 0 when
	// TotalRows is unknown). It runs on Import's goroutine.
	Progress func(rowsDone int, bytesFrac float64)
	// OnDuplicate says what to do with data imported before.
	OnDuplicate Duplicate
	// BatchSize is the number of responses per transaction; 0 means
	// DefaultBatchSize.
	BatchSize int
	// Loc is the time zone of dates without one, when m.Loc is nil.
	Loc *time.Location
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
	hasRespIDs := false
	for _, c := range m.Columns {
		if c.Target == importer.TargetResponseID {
			hasRespIDs = true
		}
	}
	wholeDup, replacing := false, false
	var notes []importer.Problem
	if again && earlier.State == store.ImportDone {
		when := earlier.Finished.Local().Format("2006-01-02 15:04")
		switch {
		case opt.OnDuplicate == Refuse:
			return rep, fmt.Errorf("%s: %w on %s (%d responses); import it again with replace or skip",
				f.Source.Name, ErrAlreadyImported, when, earlier.Added)
		case opt.OnDuplicate == Replace && !hasRespIDs:
			replacing = true
			notes = append(notes, importer.Problem{Col: -1,
				Reason: fmt.Sprintf("replaces the import of the same file on %s (%d responses)", when, earlier.Added)})
		default:
			wholeDup = true
			reason := fmt.Sprintf("%s: the same file was imported on %s; nothing was imported again", ReasonAlreadyImported, when)
			if opt.OnDuplicate == Replace {
				reason += " (replacing is not supported for files that carry CSAT Desk response IDs)"
			}
			notes = append(notes, importer.Problem{Col: -1, Reason: reason})
		}
	}

	created := false
	if sv.ID == 0 && !wholeDup {
		if err := createSurvey(st, sv); err != nil {
			return rep, fmt.Errorf("import %s: %w", f.Source.Name, err)
		}
		created = true
	}
	conv, err := importer.NewConverter(sv, m)
	if err != nil {
		if created {
			_ = st.DeleteSurvey(sv.ID)
		}
		return rep, fmt.Errorf("%s: %w", f.Source.Name, err)
	}

	// Row-by-row checks are needed only when the survey has responses
	// already (rows repeated within the file are caught by the converter)
	// and not when they are about to be replaced wholesale.
	checkRows := false
	if !created && !wholeDup {
		stats, err := st.SurveyStats(sv.ID)
		if err != nil {
			return rep, fmt.Errorf("import %s: %w", f.Source.Name, err)
		}
		checkRows = stats.Responses > 0 && !replacing
	}

	var importID uint64
	if !wholeDup {
		importID, err = st.BeginImport(store.ImportRecord{SurveyID: sv.ID, FileName: f.Source.Name, Hash: opt.Hash, Rows: opt.TotalRows})
		if err != nil {
			if created {
				_ = st.DeleteSurvey(sv.ID)
			}
			return rep, fmt.Errorf("import %s: %w", f.Source.Name, err)
		}
	}
	// The store writes one batch (on its own goroutine) while the next is
	// read and converted; at most one batch is in flight.
	type written struct {
		batch []data.Response
		err   error
	}
	type job struct {
		batch []data.Response
		p     *store.PreparedBatch
	}
	var (
		jobs     chan job
		done     chan written
		inFlight bool
		spare    []data.Response
	)
	if importID != 0 {
		jobs, done = make(chan job), make(chan written, 1)
		defer close(jobs)
		go func() {
			for j := range jobs {
				err := st.AddPreparedBatch(j.p)
				if errors.Is(err, store.ErrStale) { // the survey was saved meanwhile
					err = st.AddImportBatch(importID, j.batch)
				}
				done <- written{j.batch, err}
			}
		}()
	}
	// wait waits for the batch in flight, if any, and returns its error.
	wait := func() error {
		if !inFlight {
			return nil
		}
		w := <-done
		inFlight = false
		if w.err != nil {
			return fmt.Errorf("%s: %w", f.Source.Name, w.err)
		}
		conv.Recycle(w.batch) // the store keeps nothing of them
		clear(w.batch)
		spare = w.batch[:0]
		return nil
	}
	abort := func(cause error) (importer.Report, error) {
		_ = wait() // cause is what the caller hears of
		var errs []error
		if importID != 0 {
			if err := st.AbortImport(importID); err != nil {
				errs = append(errs, err)
			}
		}
		if created {
			if err := st.DeleteSurvey(sv.ID); err != nil {
				errs = append(errs, err)
			}
			sv.ID = 0
		}
		if len(errs) > 0 {
			return rep, fmt.Errorf("%w (and undoing it failed: %w)", cause, errors.Join(errs...))
		}
		return rep, cause
	}

	batch := make([]data.Response, 0, min(opt.BatchSize, 1<<14))
	// flush prepares the batch for the store (validating, encoding and
	// counting it here, while the store writes the one before) and hands it
	// to the store's goroutine once the one before it is written; wait
	// tells whether it was.
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		p, err := st.PrepareImportBatch(importID, batch)
		if err != nil {
			if werr := wait(); werr != nil {
				return werr // the earlier batch failed first
			}
			return fmt.Errorf("%s: %w", f.Source.Name, err)
		}
		if err := wait(); err != nil {
			return err
		}
		jobs <- job{batch, p}
		inFlight = true
		batch = spare
		if batch == nil {
			batch = make([]data.Response, 0, min(opt.BatchSize, 1<<14))
		}
		spare = nil
		return nil
	}
	progress := func() {
		if opt.Progress == nil {
			return
		}
		frac := 0.0
		if opt.TotalRows > 0 {
			frac = min(1, float64(rep.Read)/float64(opt.TotalRows))
		}
		opt.Progress(rep.Read, frac)
	}
	addProblems := func(ps []importer.Problem) {
		for _, p := range ps {
			if len(rep.Problems) < importer.MaxProblems {
				rep.Problems = append(rep.Problems, p)
			} else {
				rep.Omitted++
			}
		}
	}
	addProblems(notes)
	extNoted := false

	rows, err := f.Rows()
	if err != nil {
		return abort(err)
	}
	defer rows.Close()
	width := len(f.Source.Columns)
	for rows.Next() {
		rep.Read++
		if rep.Read%progressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return abort(err)
			}
			progress()
		}
		rec := rows.Record()
		if blank(rec) {
			rep.Blank++
			continue
		}
		if rows.Cut(width) {
			rep.Skipped++
			rep.Failed = append(rep.Failed, rows.Row())
			addProblems([]importer.Problem{{Row: rows.Row(), Col: -1, Value: clip(strings.Join(rec, string(f.Source.Delimiter))),
				Reason: "the last line stops short of the last column and has no line end: the file looks cut off; import a complete copy"}})
			continue
		}
		resp, probs := conv.Convert(rows.Row(), rec)
		if len(probs) > 0 {
			rep.Skipped++
			rep.Failed = append(rep.Failed, rows.Row())
			addProblems(probs)
			continue
		}
		if wholeDup {
			rep.Skipped++
			continue
		}
		if checkRows {
			dup, err := seenBefore(st, &resp)
			if err != nil {
				return abort(fmt.Errorf("%s, row %d: %w", f.Source.Name, rows.Row(), err))
			}
			if dup != "" {
				rep.Skipped++
				reason := ReasonAlreadyImported
				if opt.OnDuplicate == Replace && !extNoted {
					reason += " (replacing single rows is not supported yet: the row was kept as stored)"
					extNoted = true
				}
				addProblems([]importer.Problem{{Row: rows.Row(), Col: -1, Value: dup, Reason: reason}})
				continue
			}
		}
		batch = append(batch, resp)
		rep.Imported++
		if len(batch) >= opt.BatchSize {
			if err := ctx.Err(); err != nil {
				return abort(err)
			}
			if err := flush(); err != nil {
				return abort(err)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return abort(err)
	}
	progress()
	if wholeDup {
		return rep, nil
	}
	if err := ctx.Err(); err != nil {
		return abort(err)
	}
	if err := flush(); err != nil {
		return abort(err)
	}
	if err := wait(); err != nil {
		return abort(err)
	}
	if err := st.FinishImport(importID); err != nil {
		return abort(err)
	}
	if replacing {
		if err := st.AbortImport(earlier.ID); err != nil {
			return rep, fmt.Errorf("%s was imported, but removing the earlier import failed (both are stored now): %w", f.Source.Name, err)
		}
	}
	return rep, nil
}

// seenBefore returns the external or response ID of r when it is stored
// already, else "".
func seenBefore(st *store.Store, r *data.Response) (string, error) {
	if !r.ID.IsZero() {
		_, err := st.Response(r.SurveyID, r.ID)
		if err == nil {
			return r.ID.String(), nil
		}
		if !errors.Is(err, store.ErrNotFound) {
			return "", err
		}
	}
	if r.ExternalID != "" {
		ok, err := st.ExternalIDExists(r.SurveyID, r.ExternalID)
		if err != nil || ok {
			return r.ExternalID, err
		}
	}
	return "", nil
}

// createSurvey creates sv, adding " (2)", " (3)" … to a name already taken.
func createSurvey(st *store.Store, sv *data.Survey) error {
	base := sv.Name
	for i := 2; ; i++ {
		err := st.CreateSurvey(sv)
		if err == nil || !errors.Is(err, store.ErrExists) || i > 100 {
			return err
		}
		sv.Name = fmt.Sprintf("%s (%d)", base, i)
	}
}

func blank(rec []string) bool {
	for _, c := range rec {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// clip cuts a value for the report to 200 characters.
func clip(s string) string {
	const max = 200
	rs := []rune(s)
	if len(rs) <= max {
		return s
	}
	return string(rs[:max-1]) + "…"
}
