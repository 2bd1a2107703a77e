package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"csatdesk/data/store"
)

// runCompact is `csatdesk compact --db PATH`: store.Compact, with the
// sizes before and after.
func runCompact(env *Env, args []string) error {
	fs := flags(env, "compact")
	db := dbFlag(fs)
	if err := parse(fs, args); err != nil {
		return err
	}
	path, err := dbPath(*db)
	if err != nil {
		return err
	}
	rep, err := store.Compact(context.Background(), path, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Compacted %s: %s before, %s after (%s freed); %d responses, all checked\n",
		path, byteSize(rep.Before), byteSize(rep.After), byteSize(rep.Before-rep.After), rep.Responses)
	return nil
}

// dbPath is the --db value, or the default database when it is empty.
func dbPath(db string) (string, error) {
	if strings.TrimSpace(db) != "" {
		return db, nil
	}
	return store.DefaultPath()
}

// byteSize writes n bytes for people: "812 KB", "16.8 MB", "1.2 GB".
func byteSize(n int64) string {
	switch {
	case n < 0:
		return "-" + byteSize(-n)
	case n < 1000:
		return fmt.Sprintf("%d bytes", n)
	case n < 1000*1000:
		return fmt.Sprintf("%d KB", (n+500)/1000)
	case n < 1000*1000*1000:
		return fmt.Sprintf("%.1f MB", float64(n)/1e6)
	default:
		return fmt.Sprintf("%.2f GB", float64(n)/1e9)
	}
}

// runRestore is `csatdesk restore --db PATH --from BACKUP`:
// store.RestoreFile, keeping the current file as
// PATH.before-restore-<time>, then Open (which migrates an older backup).
func runRestore(env *Env, args []string) error {
	fs := flags(env, "restore")
	db := dbFlag(fs)
	from := fs.String("from", "", "the backup file to restore")
	if err := parse(fs, args); err != nil {
		return err
	}
	if strings.TrimSpace(*from) == "" {
		return fmt.Errorf("--from is required: the backup file to restore")
	}
	path, err := dbPath(*db)
	if err != nil {
		return err
	}
	if a, b := absPath(path), absPath(*from); a == b {
		return fmt.Errorf("--from names the database itself; pick a backup copy")
	}
	aside := path + ".before-restore-" + time.Now().Format("20060102-150405")
	for i := 2; fileExists(aside); i++ { // two restores in one second
		aside = path + ".before-restore-" + time.Now().Format("20060102-150405") + "-" + strconv.Itoa(i)
	}
	rep, err := store.RestoreFile(path, *from, aside)
	if err != nil {
		return err
	}
	st, err := store.Open(path, store.Options{})
	if err != nil {
		return fmt.Errorf("the restored file does not open (the one before is kept as %s): %w", rep.Aside, err)
	}
	defer st.Close()
	svs, err := st.Surveys()
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Restored %s from %s: %s, checked\n", path, *from, surveysAndResponses(len(svs), int(rep.Responses)))
	if rep.Aside != "" {
		fmt.Fprintf(env.Stdout, "The database before the restore is kept as %s\n", rep.Aside)
	}
	return nil
}

// fileExists reports whether something is at path.
func fileExists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

// absPath is path made absolute (as given when that fails).
func absPath(path string) string {
	if a, err := filepath.Abs(path); err == nil {
		return a
	}
	return path
}

// surveysAndResponses is "1 survey, 2 responses": counts with their nouns
// in the singular or plural.
func surveysAndResponses(surveys, responses int) string {
	return fmt.Sprintf("%d %s, %d %s", surveys, plural(surveys, "survey", "surveys"),
		responses, plural(responses, "response", "responses"))
}

// plural is one when n is 1, else many.
func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
