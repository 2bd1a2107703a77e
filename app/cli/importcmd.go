package cli

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"csatdesk/data"
	"csatdesk/data/importer"
	"csatdesk/data/store"
	"csatdesk/data/store/ingest"
	"csatdesk/data/translate"
)

// importArgs is the help line of the import command.
const importArgs = "FILE --db PATH --survey ID|NAME|new [--mapping FILE.json] [--save-mapping FILE.json] [--dry-run] [--sheet NAME] [--encoding NAME] [--date-order DMY|MDY|YMD] [--date YYYY-MM-DD] [--no-answer LIST] [--include-incomplete] [--on-duplicate skip|replace|refuse] [--report FILE.csv] [--failed FILE.csv] [--lang xx]"

// importHelp is the help text of the import command.
const importHelp = "import responses from a CSV or XLSX file (Google Forms, SurveyMonkey, Typeform, Excel …); all or nothing"

func runImport(env *Env, args []string) (result error) {
	fs := flags(env, "import")
	db := dbFlag(fs)
	survey := fs.String("survey", "", `the survey to import into: its ID or name, or "new" to create one from the file`)
	sheet := fs.String("sheet", "", "XLSX: the sheet to read (default: the first with data)")
	enc := fs.String("encoding", "", "text files: the encoding, e.g. UTF-8, UTF-16LE, Windows-1251 (default: detect)")
	order := fs.String("date-order", "", "DMY, MDY or YMD, for dates such as 01/02/2024 that could be read either way")
	day := fs.String("date", "", "YYYY-MM-DD: the date of every response of a file without dates, and of rows whose date cell is blank")
	noAnswer := fs.String("no-answer", "", `the answers that mean "no answer" (blank, not counted), separated by commas, e.g. "NA,N/A,-"; "none" reads none (default: a list of common codes in many languages)`)
	incomplete := fs.Bool("include-incomplete", false, "import the responses a survey tool marks as not finished (LimeSurvey: no submitdate) too; they are left out by default")
	onDup := fs.String("on-duplicate", "skip", "what to do with data imported before: skip, replace or refuse")
	replace := fs.Bool("replace", false, "same as --on-duplicate replace")
	skipDup := fs.Bool("skip-duplicates", false, "same as --on-duplicate skip")
	reportPath := fs.String("report", "", "write the skipped rows (row, column, value, reason) to this CSV file")
	mappingPath := fs.String("mapping", "", "read the column mapping from this JSON file (as --save-mapping writes it) instead of guessing it")
	saveMapping := fs.String("save-mapping", "", "write the column mapping to this JSON file, to edit and pass to --mapping (written even when the import is refused)")
	dryRun := fs.Bool("dry-run", false, "read, convert and check every row, report what an import would do, and write nothing")
	langCode := fs.String("lang", "en", "the language of the problems listed and of --report's reasons: en, ru, lv, it, zh_Hans or zh_Hant")
	failedPath := fs.String("failed", "", "write the rows skipped for a problem in the file, as they are plus a reason column, to this CSV file: fix them there and import it again")

	files, err := parseFiles(fs, args)
	if err != nil {
		return err
	}
	tr, err := translate.For(*langCode)
	if err != nil {
		return err
	}
	switch {
	case len(files) == 0:
		return errors.New("which file? usage: csatdesk import " + importArgs + " (" + importHelp + ")")
	case len(files) > 1:
		return fmt.Errorf("one file at a time, not %q and %q", files[0], files[1])
	case strings.TrimSpace(*survey) == "":
		return errors.New(`--survey is required: a survey ID or name (see csatdesk surveys), or "new"`)
	}
	path := files[0]
	dup, err := ingest.ParseDuplicate(*onDup)
	if err != nil {
		return fmt.Errorf("--on-duplicate %w", err)
	}
	if *replace && *skipDup {
		return errors.New("--replace and --skip-duplicates contradict each other; choose one")
	}
	if *replace {
		dup = ingest.Replace
	} else if *skipDup {
		dup = ingest.Skip
	}
	if *enc != "" {
		ok := false
		var names []string
		for _, e := range importer.Encodings {
			names = append(names, e.Name)
			if strings.EqualFold(e.Name, *enc) {
				*enc, ok = e.Name, true
			}
		}
		if !ok {
			return fmt.Errorf("--encoding %q is not one CSAT Desk reads; choose one of: %s", *enc, strings.Join(names, ", "))
		}
	}
	var dateOrder importer.DateOrder
	switch o := importer.DateOrder(strings.ToUpper(*order)); o {
	case "":
	case importer.DMY, importer.MDY, importer.YMD:
		dateOrder = o
	default:
		return fmt.Errorf("--date-order %q: write DMY, MDY or YMD", *order)
	}
	var defaultDate time.Time
	if *day != "" {
		t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(*day), time.Local)
		if err != nil {
			return fmt.Errorf("--date %q: write it as YYYY-MM-DD, e.g. 2025-09-01", *day)
		}
		defaultDate = t
	}
	noAnswerList := parseNoAnswer(*noAnswer)

	isNew := strings.EqualFold(strings.TrimSpace(*survey), "new")
	dbPath, err := resolveDB(*db)
	if err != nil {
		return err
	}
	var st *store.Store
	if *dryRun {
		st, err = openStoreReadOnly(dbPath) // a dry run changes nothing, not even a pending import
	} else {
		if _, serr := os.Stat(dbPath); errors.Is(serr, os.ErrNotExist) && isNew {
			// A database this run creates is removed again when nothing
			// is imported into it: a refusal leaves no empty file behind.
			defer func() {
				if result != nil {
					removeEmptyDB(dbPath)
				}
			}()
		}
		st, err = openStore(dbPath, isNew)
	}
	if errors.Is(err, store.ErrNoDatabase) && isNew && *dryRun {
		// Nothing stored yet, so nothing can be a duplicate: check against
		// an empty store that is thrown away, and create no file.
		tmp, terr := os.MkdirTemp("", "csatdesk-dry-run-*")
		if terr != nil {
			return terr
		}
		defer os.RemoveAll(tmp)
		st, err = store.Open(filepath.Join(tmp, "dry-run.db"), store.Options{Create: true})
	}
	if err != nil {
		return err
	}
	defer st.Close() // before removeEmptyDB: deferred calls run last first

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	// One read of the file: its format, every row profiled, and its hash.
	sess, err := ingest.OpenPath(ctx, st, path, importer.Options{Sheet: *sheet, Encoding: *enc}, nil)
	if errors.Is(err, context.Canceled) {
		return errors.New("interrupted: nothing was imported")
	}
	if err != nil {
		return err
	}
	defer sess.Close()
	f := sess.File
	var target *data.Survey
	if !isNew {
		sv, err := st.FindSurvey(*survey)
		if err != nil {
			return fmt.Errorf("survey %q: %w (see csatdesk surveys)", *survey, err)
		}
		target = &sv
	}
	prop, err := sess.Guess(target)
	if err != nil {
		return err
	}
	sv := target
	if sv == nil {
		sv = prop.Survey
	}
	if *mappingPath != "" {
		m, err := readMapping(*mappingPath, f.Source, sv, defaultDate)
		if err != nil {
			return err
		}
		prop.Mapping = m
		prop.Unmapped = stillUnmapped(prop.Unmapped, m)
		if m.DateOrder != "" && dateOrder == "" {
			dateOrder = m.DateOrder
		}
	}
	if dateOrder != "" {
		prop.Mapping.DateOrder = dateOrder
	}
	if !defaultDate.IsZero() {
		prop.Mapping.DefaultDate = defaultDate
	}
	if noAnswerList != nil {
		prop.Mapping.NoAnswer = noAnswerList
	}
	if *incomplete {
		prop.Mapping.Incomplete = importer.IncompleteInclude
	}
	// The mapping is written before it is checked, so that the advice of
	// a refusal (edit it, import with --mapping) can be followed.
	if *saveMapping != "" {
		if err := writeMapping(*saveMapping, prop.Mapping); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Wrote the column mapping to %s\n", *saveMapping)
	}
	if msg := importProblems(f.Source, sv, &prop, dateOrder); msg != "" {
		if *saveMapping == "" {
			msg += "\nTo edit the mapping by hand: add --save-mapping FILE.json, edit the file, and import with --mapping FILE.json."
		}
		return errors.New(msg)
	}
	rep, err := sess.Run(ctx, sv, prop.Mapping, ingest.Options{OnDuplicate: dup, Loc: time.Local, DryRun: *dryRun})
	if errors.Is(err, context.Canceled) {
		return errors.New("interrupted: nothing was imported")
	}
	if err != nil {
		return err
	}
	see := ""
	if *reportPath != "" {
		if err := writeReport(*reportPath, rep, tr); err != nil {
			return err
		}
		see = " (see " + *reportPath + ")"
	} else if len(rep.Problems) > 0 {
		see = " (see below, or pass --report FILE.csv)"
	}
	switch {
	case *dryRun && isNew:
		fmt.Fprintf(env.Stdout, "Dry run: would create survey %q with %s\n", sv.Name, questions(len(sv.Questions)))
	case isNew && sv.ID != 0: // a survey with nothing imported is not kept
		fmt.Fprintf(env.Stdout, "Created survey %d %q with %s\n", sv.ID, sv.Name, questions(len(sv.Questions)))
	}
	if *dryRun {
		fmt.Fprintf(env.Stdout, "Dry run: read %d rows, would import %d, would skip %d%s; nothing was written\n", rep.Read, rep.Imported, rep.Skipped, see)
	} else {
		fmt.Fprintf(env.Stdout, "Read %d rows, imported %d, skipped %d%s\n", rep.Read, rep.Imported, rep.Skipped, see)
	}
	reportDetails(env.Stdout, rep, prop.Mapping)
	switch {
	case *failedPath != "" && len(rep.Failed) > 0:
		if err := writeFailed(*failedPath, sess, rep); err != nil {
			if *dryRun {
				return err
			}
			return fmt.Errorf("the import is done, but the rows to fix were not saved: %w", err)
		}
		if *dryRun {
			fmt.Fprintf(env.Stdout, "Wrote the %d rows to fix to %s\n", len(rep.Failed), *failedPath)
		} else {
			fmt.Fprintf(env.Stdout, "Wrote the %d rows to fix to %s; fix them there, then: csatdesk import %s --survey %d\n",
				len(rep.Failed), *failedPath, *failedPath, sv.ID)
		}
	case *failedPath != "":
		fmt.Fprintf(env.Stdout, "No row has a problem to fix; %s was not written\n", *failedPath)
	case len(rep.Failed) > 0:
		fmt.Fprintf(env.Stdout, "To fix the %d rows skipped for a problem and import only them again, add --failed FILE.csv\n", len(rep.Failed))
	}
	if *reportPath == "" {
		const show = 20
		for i, p := range rep.Problems {
			if i == show {
				fmt.Fprintf(env.Stdout, "  … and %d more\n", len(rep.Problems)-show+rep.Omitted)
				break
			}
			fmt.Fprintf(env.Stdout, "  %s\n", tr.Problem(p.Message()))
		}
	}
	// The exit status: success only when rows were imported, or for a dry
	// run with nothing to skip.
	switch {
	case *dryRun && rep.Skipped > 0:
		return fmt.Errorf("dry run: %d of %d rows would be skipped", rep.Skipped, rep.Read)
	case !*dryRun && rep.Imported == 0:
		return errors.New("nothing was imported")
	}
	return nil
}

// questions is "1 question" or "n questions".
func questions(n int) string {
	if n == 1 {
		return "1 question"
	}
	return fmt.Sprintf("%d questions", n)
}

// stillUnmapped drops from us the answers the mapping m gives a score.
func stillUnmapped(us []importer.Unmapped, m importer.Mapping) []importer.Unmapped {
	var out []importer.Unmapped
	for _, u := range us {
		var left []importer.ValueCount
		for _, v := range u.Values {
			scored := false
			for _, c := range m.Columns {
				if c.Column != u.Column || c.Target != importer.TargetQuestion {
					continue
				}
				for k := range c.ValueMap {
					if importer.NormalizeLabel(k) == importer.NormalizeLabel(v.Value) {
						scored = true
					}
				}
			}
			if !scored {
				left = append(left, v)
			}
		}
		if len(left) > 0 {
			u.Values = left
			out = append(out, u)
		}
	}
	return out
}

// readMapping reads a column mapping written by --save-mapping (or by hand)
// and checks it against the file: every column it names must exist.
func readMapping(path string, src importer.Source, sv *data.Survey, defaultDate time.Time) (importer.Mapping, error) {
	var m importer.Mapping
	b, err := os.ReadFile(path)
	if err != nil {
		return m, fmt.Errorf("--mapping: %w", err)
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return m, fmt.Errorf("--mapping %s is not a mapping file: %w", path, err)
	}
	// The mapping of a file, used on the skipped rows --failed wrote from it.
	if fitted, ok := m.ForFailedRows(src); ok {
		m = fitted
	}
	for i := range m.Columns {
		c := &m.Columns[i]
		if c.Column < 0 || c.Column >= len(src.Columns) {
			return m, fmt.Errorf("--mapping %s names column %d, but %s has %d columns", path, c.Column+1, src.Name, len(src.Columns))
		}
		c.Header = src.Columns[c.Column].Header
	}
	if !defaultDate.IsZero() {
		m.DefaultDate = defaultDate // --date wins over the file's
	}
	if err := m.Validate(sv); err != nil {
		return m, fmt.Errorf("--mapping %s does not fit survey '%s': %w", path, sv.Name, err)
	}
	return m, nil
}

// writeMapping writes m as indented JSON, for --mapping.
func writeMapping(path string, m importer.Mapping) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("--save-mapping: %w", err)
	}
	if err := WriteFile(path, func(w io.Writer) error { _, err := w.Write(append(b, '\n')); return err }); err != nil {
		return fmt.Errorf("--save-mapping: %w", err)
	}
	return nil
}

// importProblems explains why the guessed mapping cannot be imported as it
// is: required questions without a column, answers with no score, dates
// whose order is unclear. "" means it can.
func importProblems(src importer.Source, sv *data.Survey, prop *importer.Proposal, order importer.DateOrder) string {
	var b strings.Builder
	if err := prop.Mapping.Validate(sv); err != nil {
		fmt.Fprintf(&b, "%s cannot be imported into '%s' as it is: %v.\n", src.Name, sv.Name, err)
		fmt.Fprintf(&b, "Columns of the file:\n")
		for _, c := range prop.Mapping.Columns {
			what := c.Target.String()
			if c.Target == importer.TargetQuestion {
				if q, ok := sv.Question(c.QuestionID); ok {
					what = "question '" + q.Text + "'"
				}
			}
			fmt.Fprintf(&b, "  %s: %s\n", c.Name(), what)
		}
		if !hasTarget(prop.Mapping, importer.TargetCollectedAt) && prop.Mapping.DefaultDate.IsZero() {
			fmt.Fprintf(&b, "The file has no column of dates: give the date of its responses with --date YYYY-MM-DD (e.g. the day the forms were filled in).\n")
		}
	}
	if len(prop.Unmapped) > 0 {
		fmt.Fprintf(&b, "Some answers have no score on the question's scale:\n")
		for _, u := range prop.Unmapped {
			var vals []string
			for _, v := range u.Values {
				vals = append(vals, fmt.Sprintf("%q (%d×)", v.Value, v.Count))
			}
			fmt.Fprintf(&b, "  column %s (%s): %s\n", importer.ColumnLetter(u.Column), u.Header, strings.Join(vals, ", "))
		}
		fmt.Fprintf(&b, "Fix them in the file; or import it with the window's Import wizard, which lets you give each a score; "+
			"or write the mapping with --save-mapping FILE.json --dry-run, give each a score under the column's \"ValueMap\" there "+
			"(e.g. \"ValueMap\": {\"so-so\": 3}) and import with --mapping FILE.json.\n")
	}
	if prop.DateAmbiguous && order == "" {
		fmt.Fprintf(&b, "The dates could be read day first or month first (e.g. 01/02 is 1 February or 2 January); "+
			"say which with --date-order DMY or --date-order MDY (the guess was %s).\n", prop.Mapping.DateOrder)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// writeFailed writes the rows of the session's file that rep lists as
// failed to path (see importer.WriteFailedRows), whole or not at all.
func writeFailed(path string, sess *ingest.Session, rep importer.Report) error {
	if err := WriteFile(path, func(w io.Writer) error { return sess.WriteFailed(w, rep) }); err != nil {
		return fmt.Errorf("--failed: %w", err)
	}
	return nil
}

func writeReport(path string, rep importer.Report, tr *translate.Translator) error {
	if err := WriteFile(path, func(w io.Writer) error { return rep.WriteCSVIn(w, tr.Problem) }); err != nil {
		return fmt.Errorf("--report: %w", err)
	}
	return nil
}

// hasTarget reports whether a column of m is mapped as t.
func hasTarget(m importer.Mapping, t importer.Target) bool {
	for _, c := range m.Columns {
		if c.Target == t {
			return true
		}
	}
	return false
}

// parseNoAnswer reads --no-answer: "" keeps the guess's list (nil), "none"
// reads no codes at all, anything else is a comma-separated list.
func parseNoAnswer(s string) []string {
	s = strings.TrimSpace(s)
	switch {
	case s == "":
		return nil
	case strings.EqualFold(s, "none"):
		return []string{""} // importer: a list of one empty string reads no codes
	}
	var out []string
	for _, c := range strings.Split(s, ",") {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return []string{""}
	}
	return out
}

// reportDetails says what an import did besides rows read and imported:
// rows dated with --date (or the mapping's default date), responses left
// out as not finished, and the answers read as "no answer".
func reportDetails(w io.Writer, rep importer.Report, m importer.Mapping) {
	if rep.DefaultDated > 0 {
		fmt.Fprintf(w, "%d rows had no date and are dated %s\n", rep.DefaultDated, m.DefaultDate.Format("2006-01-02"))
	}
	if rep.Incomplete > 0 {
		if m.Incomplete == importer.IncompleteInclude {
			fmt.Fprintf(w, "%d responses were not finished (included)\n", rep.Incomplete)
		} else {
			fmt.Fprintf(w, "%d responses were not finished and were left out (add --include-incomplete to import them)\n", rep.Incomplete)
		}
	}
	if len(rep.NoAnswer) > 0 {
		var parts []string
		total := 0
		for _, v := range rep.NoAnswer {
			parts = append(parts, fmt.Sprintf("%q ×%d", v.Value, v.Count))
			total += v.Count
		}
		fmt.Fprintf(w, "%d answers read as \"no answer\" (blank, not counted): %s (change the list with --no-answer)\n", total, strings.Join(parts, ", "))
	}
}

// resolveDB is the database path of --db: the user's default when empty.
func resolveDB(path string) (string, error) {
	if strings.TrimSpace(path) != "" {
		return path, nil
	}
	return store.DefaultPath()
}

// removeEmptyDB removes the database at path when it holds no survey: one
// this run created for an import that was refused. A database that holds
// anything, or cannot be read, is left as it is.
func removeEmptyDB(path string) {
	st, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		return
	}
	svs, err := st.Surveys()
	st.Close()
	if err == nil && len(svs) == 0 {
		_ = os.Remove(path)
	}
}
