package cli

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"csatdesk/data"
	"csatdesk/data/insight"
	"csatdesk/data/paperform"
	"csatdesk/data/store"
)

// runForm prints paper forms of a survey to a PDF: csatdesk form --db PATH
// --survey ID|NAME --count 50 [--first 1] [--prefix A-] [--paper A4|Letter]
// [--lang xx] --out forms.pdf. It saves the forms' layout in the database
// (store.SaveLayout) so that their scans can be read.
func runForm(env *Env, args []string) error {
	fs := flags(env, "form")
	db := dbFlag(fs)
	survey := fs.String("survey", "", "survey ID or name")
	count := fs.Int("count", 0, "number of forms to print, 1 to 10000")
	first := fs.Int("first", 1, "number printed on the first form")
	prefix := fs.String("prefix", "", "text before each form number, e.g. A-")
	paper := fs.String("paper", "A4", "A4 or Letter")
	lng := fs.String("lang", "", "language of the printed words (en, ru, lv, it, zh_Hans, zh_Hant; default: the survey's)")
	out := fs.String("out", "", "PDF file to write")
	if err := parse(fs, args); err != nil {
		return err
	}
	if *count < 1 {
		return fmt.Errorf("--count is required: how many forms to print (1 to %d)", paperform.MaxCount)
	}
	if strings.TrimSpace(*out) == "" {
		return fmt.Errorf("--out is required: the PDF file to write, e.g. --out forms.pdf")
	}
	if *first < 0 {
		return fmt.Errorf("--first %d: form numbers start at 0 or above", *first)
	}
	st, sv, err := openSurvey(*db, *survey)
	if err != nil {
		return err
	}
	defer st.Close()
	opt := paperform.Options{Paper: *paper, Count: *count, FirstNumber: *first, NumberPrefix: *prefix, Lang: *lng, Business: sv.Business}
	pages, err := paperform.PagesPerForm(sv, opt)
	if err != nil {
		return err
	}
	// The layout goes into the database before the PDF is written: forms
	// printed without it could never be scanned. While the window holds
	// the database this command runs in the window's process, and the
	// borrowed store saves the layout through the window's store.
	l, err := paperform.Layout(sv, opt)
	if err != nil {
		return err
	}
	if err := st.SaveLayout(l); err != nil {
		if errors.Is(err, store.ErrReadOnly) {
			return fmt.Errorf("cannot print forms that can be scanned: %w; their layout must be saved in the database first", err)
		}
		return err
	}
	if err := paperform.WriteFile(*out, sv, opt); err != nil {
		return err
	}
	// The waves' response rate counts returned forms against these (a
	// borrowed store records them through the window's, like the layout).
	if err := insight.RecordPrinted(throughOwner{st}, sv.ID, insight.NewPrintBatch(opt.NumberPrefix, opt.FirstNumber, opt.Count, data.DayOf(time.Now()))); err != nil {
		return fmt.Errorf("the forms were written to %s, but how many were printed was not recorded: %w", *out, err)
	}
	each := "1 page each"
	if pages > 1 {
		each = fmt.Sprintf("%d pages each", pages)
	}
	fmt.Fprintf(env.Stdout, "Wrote %d forms of %q (%s to %s, %s, %d pages) to %s\n",
		*count, sv.Name, opt.FormNumber(0), opt.FormNumber(*count-1), each, pages**count, *out)
	return nil
}

// throughOwner is a store's settings, saved through the store that holds
// the file when the command runs in the window's process.
type throughOwner struct{ st *store.Store }

func (t throughOwner) Setting(key string) ([]byte, error)    { return t.st.Setting(key) }
func (t throughOwner) SetSetting(key string, v []byte) error { return t.st.SetSettingThrough(key, v) }
