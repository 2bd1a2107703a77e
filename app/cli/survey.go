package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"csatdesk/data"
	"csatdesk/data/store"
	"csatdesk/data/surveyfile"
)

// surveyArgs and surveyHelp describe the survey command in the help.
const (
	surveyArgs = "export --db PATH --survey ID|NAME --out FILE.json | import FILE.json --db PATH [--survey ID|NAME]"
	surveyHelp = "write a survey definition file, or create a survey from one (with --survey: revise that survey; once it has responses, changed questions are retired and the version bumped)"
)

// runSurvey dispatches csatdesk survey export|import.
func runSurvey(env *Env, args []string) error {
	if len(args) == 0 {
		return errors.New("export or import? usage: csatdesk survey " + surveyArgs)
	}
	switch args[0] {
	case "export":
		return runSurveyExport(env, args[1:])
	case "import":
		return runSurveyImport(env, args[1:])
	}
	return fmt.Errorf("unknown action %q: use export or import (csatdesk survey %s)", args[0], surveyArgs)
}

// runSurveyExport writes a survey's definition: csatdesk survey export
// --db PATH --survey ID|NAME --out FILE.json.
func runSurveyExport(env *Env, args []string) error {
	fs := flags(env, "survey export")
	db := dbFlag(fs)
	survey := fs.String("survey", "", "survey ID or name")
	out := fs.String("out", "", "survey definition file to write (.json)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*out) == "" {
		return fmt.Errorf("--out is required: the file to write, e.g. --out cafe%s", surveyfile.Extension)
	}
	st, sv, err := openSurvey(*db, *survey)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := WriteFile(*out, func(w io.Writer) error { return surveyfile.Write(w, sv) }); err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Wrote survey %d %q (%d questions, version %d) to %s\n", sv.ID, sv.Name, len(sv.Active()), sv.Version, *out)
	return nil
}

// runSurveyImport reads a survey definition file: csatdesk survey import
// FILE.json --db PATH [--survey ID|NAME]. Without --survey it creates a new
// survey; with it, the file revises that survey through the store's
// revision rule (data.Revise).
func runSurveyImport(env *Env, args []string) error {
	fs := flags(env, "survey import")
	db := dbFlag(fs)
	survey := fs.String("survey", "", "revise this survey (ID or name) instead of creating a new one")
	files, err := parseFiles(fs, args)
	if err != nil {
		return err
	}
	switch {
	case len(files) == 0:
		return errors.New("which file? usage: csatdesk survey import FILE.json --db PATH [--survey ID|NAME]")
	case len(files) > 1:
		return fmt.Errorf("one file at a time, not %q and %q", files[0], files[1])
	}
	f, err := os.Open(files[0])
	if err != nil {
		return err
	}
	defer f.Close()
	edited, err := surveyfile.Read(f)
	if err != nil {
		return fmt.Errorf("%s: %w", files[0], err)
	}
	if strings.TrimSpace(*survey) == "" {
		st, err := openStore(*db, true)
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.CreateSurvey(&edited); err != nil {
			return err
		}
		fmt.Fprintf(env.Stdout, "Created survey %d %q with %d questions\n", edited.ID, edited.Name, len(edited.Active()))
		return nil
	}
	st, sv, err := openSurvey(*db, *survey)
	if err != nil {
		return err
	}
	defer st.Close()
	return reviseFromFile(env.Stdout, st, sv, edited)
}

// reviseFromFile saves the survey read from a file over sv and says what
// the revision did.
func reviseFromFile(w io.Writer, st *store.Store, sv, edited data.Survey) error {
	edited.ID, edited.Archived = sv.ID, sv.Archived
	edited.Version = sv.Version
	rev, err := st.ReviseSurvey(&edited)
	if err != nil {
		return err
	}
	n := rev.Survey
	fmt.Fprintf(w, "Saved survey %d %q: %d questions asked, version %d\n", n.ID, n.Name, len(n.Active()), n.Version)
	for _, c := range rev.Changes {
		fmt.Fprintf(w, "  %s\n", changeLine(c))
	}
	if rev.Bumped {
		fmt.Fprintf(w, "  the survey was at version %d: old answers keep their meaning, new forms ask version %d\n", sv.Version, n.Version)
	}
	return nil
}

// changeLine says what a revision did to one question, in English.
func changeLine(c data.Change) string {
	switch c.What {
	case data.ChangeAdded:
		return fmt.Sprintf("added: question %d %q (ID %d)", c.N, c.New.Text, c.New.ID)
	case data.ChangeKindOf:
		return fmt.Sprintf("question %d %q changed from %s to %s: ID %d retired, asked as ID %d", c.N, c.New.Text, c.Old.Kind, c.New.Kind, c.Old.ID, c.New.ID)
	case data.ChangeScale:
		return fmt.Sprintf("question %d %q changed scale from %d–%d to %d–%d: ID %d retired, asked as ID %d", c.N, c.New.Text, c.Old.Min, c.Old.Max, c.New.Min, c.New.Max, c.Old.ID, c.New.ID)
	case data.ChangeCutoff:
		return fmt.Sprintf("question %d %q changed its cut-off from %d to %d: ID %d retired, asked as ID %d", c.N, c.New.Text, c.Old.SatisfiedFrom, c.New.SatisfiedFrom, c.Old.ID, c.New.ID)
	}
	return fmt.Sprintf("removed: question %d %q (ID %d) is retired, kept for its old answers", c.N, c.Old.Text, c.Old.ID)
}
