package cli

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"csatdesk/data"
	"csatdesk/data/export"
	"csatdesk/data/insight"
	"csatdesk/data/numfmt"
	"csatdesk/data/sample"
	"csatdesk/data/store"
)

func runSample(env *Env, args []string) error {
	fs := flags(env, "sample")
	db := dbFlag(fs)
	seed := fs.Int64("seed", 1, "random seed: the same seed gives the same business")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(*db, true)
	if err != nil {
		return err
	}
	defer st.Close()
	sv, n, err := CreateSample(st, *seed, time.Now())
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Created survey %d %q with %d responses in %s\n", sv.ID, sv.Name, n, st.Path())
	return nil
}

// CreateSample stores the sample business generated from seed, ending at
// end, and returns its survey and the number of responses stored. The
// survey and its responses are written in one transaction.
func CreateSample(st *store.Store, seed int64, end time.Time) (data.Survey, int, error) {
	b := sample.Generate(sample.Options{Seed: seed, End: end})
	sv := b.Survey
	// The survey and its responses in one transaction: a kill leaves both
	// or neither, never an empty sample survey.
	rs := b.Responses
	if err := st.CreateSurveyWith(&sv, rs); err != nil {
		return sv, 0, fmt.Errorf("sample: %w", err)
	}
	return sv, len(rs), nil
}

func runSurveys(env *Env, args []string) error {
	fs := flags(env, "surveys")
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(*db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	svs, err := st.Surveys()
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(env.Stdout, 2, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tQUESTIONS\tRESPONSES\tLAST RESPONSE")
	for _, sv := range svs {
		stats, err := st.SurveyStats(sv.ID)
		if err != nil {
			return err
		}
		last := "-"
		if stats.Responses > 0 {
			last = stats.Last.String()
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%d\t%s\n", sv.ID, sv.Name, len(sv.Questions), stats.Responses, last)
	}
	return tw.Flush()
}

// parseDay parses YYYY-MM-DD; empty gives def.
func parseDay(s string, def data.Day) (data.Day, error) {
	if s == "" {
		return def, nil
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("date %q: write it as YYYY-MM-DD, e.g. 2025-09-01", s)
	}
	return data.DayOf(t), nil
}

func runSummary(env *Env, args []string) error {
	fs := flags(env, "summary")
	db := dbFlag(fs)
	survey := fs.String("survey", "", "survey ID or name")
	qid := fs.Uint("question", 0, "question ID (default: the main satisfaction question, with the questions it replaced)")
	period := fs.String("period", "month", "day, week, month, quarter or year")
	from := fs.String("from", "", "first day, YYYY-MM-DD (default: the first response)")
	to := fs.String("to", "", "last day, YYYY-MM-DD (default: the last response)")
	segment := fs.String("segment", "", "only one channel or tag: channel=paper, location=Old Town")
	format := fs.String("format", "table", "table or csv")
	out := fs.String("out", "-", `the file to write; "-" (the default) is standard output`)
	if err := parse(fs, args); err != nil {
		return err
	}
	p, err := data.ParsePeriod(*period)
	if err != nil {
		return err
	}
	if *format != "table" && *format != "csv" {
		return fmt.Errorf("--format %q: use table or csv", *format)
	}
	var seg data.Segment
	if *segment != "" {
		name, value, ok := strings.Cut(*segment, "=")
		if !ok || name == "" {
			return fmt.Errorf("--segment %q: write it as NAME=VALUE, e.g. channel=paper", *segment)
		}
		seg = data.Segment{Name: name, Value: value}
	}
	st, sv, qs, stats, err := openQuestions(*db, *survey, *qid)
	if err != nil {
		return err
	}
	defer st.Close()
	f, err := parseDay(*from, stats.First)
	if err != nil {
		return err
	}
	t, err := parseDay(*to, stats.Last)
	if err != nil {
		return err
	}
	if stats.Responses == 0 && *from == "" && *to == "" {
		fmt.Fprintf(env.Stderr, "survey %q has no responses yet\n", sv.Name)
		return nil
	}
	if t < f {
		return fmt.Errorf("--to %s is before --from %s", t, f)
	}
	rows, err := data.SummarizeQuestions(st, &sv, qs, seg, p, f, t)
	if err != nil {
		return err
	}
	if *out == "" || *out == "-" {
		return writeSummary(env.Stdout, *format, qs, rows)
	}
	if err := WriteFile(*out, func(w io.Writer) error { return writeSummary(w, *format, qs, rows) }); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "Wrote the summary to %s\n", *out)
	return nil
}

// fmtPct writes a percentage for a table or CSV: "84.2", no sign, "" for
// none.
func fmtPct(v float64) string { return fmtNum(v, 1) }

// fmtNum writes a figure for a table or CSV in data/numfmt's English
// (machine-readable) style: "4.25", "" for none.
func fmtNum(v float64, prec int) string {
	if math.IsNaN(v) {
		return ""
	}
	return numfmt.For("en").Number(v, prec)
}

func writeSummary(out io.Writer, format string, qs []data.Question, rows []data.SummaryRow) error {
	q := qs[0]
	hasNPS := len(rows) > 0 && rows[0].HasNPS
	head := []string{"period", "start", "responses", "n", "satisfied", "csat_pct", "low_pct", "high_pct", "mean"}
	if hasNPS {
		head = append(head, "nps_n", "nps")
	}
	recs := make([][]string, 0, len(rows))
	for _, r := range rows {
		rec := []string{r.Label, r.Start.String(), strconv.FormatUint(r.Responses, 10), strconv.FormatUint(r.CSAT.N, 10),
			strconv.FormatUint(r.CSAT.Satisfied, 10), fmtPct(r.CSAT.Percent), fmtPct(r.CSAT.Low), fmtPct(r.CSAT.High), fmtNum(r.Mean, 2)}
		if hasNPS {
			rec = append(rec, strconv.FormatUint(r.NPS.N, 10), fmtNum(r.NPS.Score, 1))
		}
		recs = append(recs, rec)
	}
	if format == "csv" {
		w := csv.NewWriter(out)
		_ = w.Write(head)
		_ = w.WriteAll(recs)
		return w.Error()
	}
	fmt.Fprintf(out, "%s (satisfied = %d or more on %d–%d)\n", q.Text, q.SatisfiedFrom, q.Min, q.Max)
	if len(qs) > 1 {
		fmt.Fprintf(out, "with the answers to %d earlier versions of the question (retired), each judged by its own cut-off\n", len(qs)-1)
	}
	tw := tabwriter.NewWriter(out, 2, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join(head, "\t")+"\t")
	for _, rec := range recs {
		fmt.Fprintln(tw, strings.Join(rec, "\t")+"\t")
	}
	return tw.Flush()
}

func runExport(env *Env, args []string) error {
	fs := flags(env, "export")
	db := dbFlag(fs)
	survey := fs.String("survey", "", "survey ID or name")
	out := fs.String("out", "", `the CSV or XLSX file to write; "-" writes CSV to standard output`)
	from := fs.String("from", "", "first day, YYYY-MM-DD")
	to := fs.String("to", "", "last day, YYYY-MM-DD")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *out == "" {
		return fmt.Errorf("--out is required: the CSV or XLSX file to write")
	}
	f, err := parseDay(*from, 0)
	if err != nil {
		return err
	}
	t, err := parseDay(*to, 0)
	if err != nil {
		return err
	}
	st, sv, err := openSurvey(*db, *survey)
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "-" {
		n, err := ExportCSV(st, &sv, env.Stdout, f, t)
		if err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "Wrote %d responses to standard output\n", n)
		return nil
	}
	n, err := Export(st, &sv, *out, f, t)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote %d responses to %s\n", n, *out)
	return nil
}

// ExportCSV writes the responses of sv within from..to (0 = open) to w as
// CSV, as Export does to a .csv file.
func ExportCSV(st *store.Store, sv *data.Survey, w io.Writer, from, to data.Day) (int, error) {
	tags, err := exportTags(st, sv)
	if err != nil {
		return 0, err
	}
	bw := bufio.NewWriterSize(w, 1<<16)
	n, err := export.WriteCSV(bw, sv, tags, func(fn func(data.Response) error) error { return st.EachResponse(sv.ID, from, to, fn) })
	if err == nil {
		err = bw.Flush()
	}
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

// exportTags lists the tag names of sv's responses, for the columns of an
// export.
func exportTags(st *store.Store, sv *data.Survey) ([]string, error) {
	segs, err := st.Segments(sv.ID)
	if err != nil {
		return nil, err
	}
	var tags []string
	for _, s := range segs {
		if s.Name != data.ChannelSegment && (len(tags) == 0 || tags[len(tags)-1] != s.Name) {
			tags = append(tags, s.Name)
		}
	}
	return tags, nil
}

// Export writes the responses of sv within from..to (0 = open) to path, as
// XLSX (with a sheet of monthly CSAT, NPS and n) when the name ends in
// .xlsx and as CSV otherwise, through a temporary file so a failure never
// leaves half a file.
func Export(st *store.Store, sv *data.Survey, path string, from, to data.Day) (int, error) {
	tags, err := exportTags(st, sv)
	if err != nil {
		return 0, err
	}
	each := func(fn func(data.Response) error) error { return st.EachResponse(sv.ID, from, to, fn) }
	var n int
	err = WriteFile(path, func(w io.Writer) error {
		bw := bufio.NewWriterSize(w, 1<<16)
		var err error
		if strings.EqualFold(filepath.Ext(path), ".xlsx") {
			var monthly []data.SummaryRow
			if monthly, err = monthlySummary(st, sv, from, to); err != nil {
				return err
			}
			n, err = export.WriteXLSX(bw, sv, tags, each, monthly)
		} else {
			n, err = export.WriteCSV(bw, sv, tags, each)
		}
		if err != nil {
			return err
		}
		return bw.Flush()
	})
	if err != nil {
		return n, fmt.Errorf("export: %w", err)
	}
	return n, nil
}

func runBackup(env *Env, args []string) error {
	fs := flags(env, "backup")
	db := dbFlag(fs)
	out := fs.String("out", "", "backup file to write (a database file); without it, a compressed backup into the backups folder")
	dir := fs.String("dir", "", "backups folder (default: <database name>-backups beside the database)")
	if err := parse(fs, args); err != nil {
		return err
	}
	st, err := openStore(*db, false)
	if err != nil {
		return err
	}
	defer st.Close()
	if *out == "" {
		return autoBackup(env, st, *dir)
	}
	info, err := st.BackupPlain(*out)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Backed up %s to %s: %s, checked\n", st.Path(), *out, surveysAndResponses(info.Surveys, int(info.Responses)))
	return nil
}

// monthlySummary is the per-month CSAT, NPS and n of the survey's main CSAT
// question (with the questions it replaced) over from..to (open ends: the
// first and last response).
func monthlySummary(st *store.Store, sv *data.Survey, from, to data.Day) ([]data.SummaryRow, error) {
	qs, ok := insight.Main(sv)
	if !ok {
		return nil, nil
	}
	stats, err := st.SurveyStats(sv.ID)
	if err != nil || stats.Responses == 0 {
		return nil, err
	}
	if from == 0 {
		from = stats.First
	}
	if to == 0 {
		to = stats.Last
	}
	return data.SummarizeQuestions(st, sv, qs, data.Segment{}, data.PeriodMonth, from, to)
}
