package importer

import (
	"context"
	"fmt"
	"strings"

	"csatdesk/data"
)

// ProgressEvery is how many rows RunWith reads between two calls of
// RunOptions.Progress (and two looks at its context).
const ProgressEvery = 1000

// Fate is what became of a converted row, as RunOptions.Take says.
type Fate struct {
	// Skip counts the row in Report.Skipped instead of Report.Imported.
	Skip bool
	// Problem, with Skip, is reported for the row (an "already imported"
	// row, say); a row skipped without one is only counted.
	Problem *Problem
}

// RunOptions tune RunWith.
type RunOptions struct {
	// TotalRows is the number of data rows when known (Profile.Rows from
	// Scan): it sizes the converter's memory and makes Progress's fraction
	// meaningful.
	TotalRows int
	// Progress, if set, is called every ProgressEvery rows and at the end
	// with the rows read so far and the fraction of the file done (0…1; 0
	// when TotalRows is unknown). It runs on RunWith's goroutine.
	Progress func(rowsDone int, frac float64)
	// Notes are problems about the whole file, reported before those of
	// the rows.
	Notes []Problem
	// Take receives each whole, valid response, with its row number; the
	// caller stores it (or decides it is skipped). An error stops the run.
	Take func(row int, r data.Response) (Fate, error)
}

// RunWith is the one loop of an import: it reads every data row of f,
// passes blank rows over, reports a row cut short by the end of the file,
// converts the others with conv, reports each row it cannot convert, and
// hands each response to opt.Take. Both the store's import
// (data/store/ingest) and Run are this loop, so the corpus, fuzz and
// benchmark tests of this package exercise what users run.
//
// It looks at ctx every ProgressEvery rows and returns ctx.Err() when it
// is done. An error from reading the file or from Take stops the run and
// is returned with the report so far; what Take stored must then be rolled
// back by the caller.
func RunWith(ctx context.Context, f *File, conv *Converter, opt RunOptions) (Report, error) {
	rep := Report{File: f.Source.Name}
	rep.add(opt.Notes)
	if err := ctx.Err(); err != nil {
		return rep, err
	}
	if opt.TotalRows > 0 {
		conv.Expect(opt.TotalRows)
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
	rows, err := f.Rows()
	if err != nil {
		return rep, err
	}
	defer rows.Close()
	width := len(f.Source.Columns)
	var noAns noAnswerCounter
	for rows.Next() {
		rep.Read++
		if rep.Read%ProgressEvery == 0 {
			if err := ctx.Err(); err != nil {
				return rep, err
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
			rep.add([]Problem{newProblem(rows.Row(), -1, "", clip(strings.Join(rec, string(f.Source.Delimiter))), note(KindCutOff))})
			continue
		}
		resp, probs := conv.Convert(rows.Row(), rec)
		if len(probs) == 1 && probs[0].Why.Kind == KindIncomplete {
			rep.Skipped++
			rep.Incomplete++
			continue
		}
		if len(probs) > 0 {
			rep.Skipped++
			rep.Failed = append(rep.Failed, rows.Row())
			rep.add(probs)
			continue
		}
		fate, err := opt.Take(rows.Row(), resp)
		if err != nil {
			return rep, err
		}
		if fate.Skip {
			rep.Skipped++
			if fate.Problem != nil {
				rep.add([]Problem{*fate.Problem})
			}
			continue
		}
		rep.Imported++
		if conv.lastDefaultDated {
			rep.DefaultDated++
		}
		for _, v := range conv.lastNoAnswer {
			noAns.add(v)
		}
	}
	rep.NoAnswer = noAns.list()
	if err := rows.Err(); err != nil {
		return rep, err
	}
	progress()
	return rep, nil
}

// Run imports every data row of f into survey sv under mapping m: each
// whole, valid response is passed to emit (the store writes them in
// batches); every other row is reported. An error from reading the file or
// from emit stops the import and is returned with the report so far; rows
// already emitted must then be rolled back by the caller. It is RunWith
// with a fresh converter and no context.
func Run(f *File, sv *data.Survey, m Mapping, emit func(data.Response) error) (Report, error) {
	conv, err := NewConverter(sv, m)
	if err != nil {
		return Report{File: f.Source.Name}, fmt.Errorf("%s: %w", f.Source.Name, err)
	}
	return RunWith(context.Background(), f, conv, RunOptions{Take: func(row int, r data.Response) (Fate, error) {
		if err := emit(r); err != nil {
			return Fate{}, fmt.Errorf("%s, row %d: %w", f.Source.Name, row, err)
		}
		return Fate{}, nil
	}})
}
